import { record } from '../autograd/tape.js';
import type { DataType } from '../tensor/dtype.js';
import { isDataType, toStorage } from '../tensor/dtype.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';

/**
 * Converts to `dtype`: to int32 truncates toward zero, to bool is `x != 0`, to float32 rounds.
 * Gradient: passes through between float types, none into int32 or bool.
 * @example cast(tensor([1.7, -1.7]), 'int32') // [1, -1]
 */
export function cast(x: TensorInput, dtype: DataType): Tensor {
  const $x = operand(x, 'x', 'cast');
  if (!isDataType(dtype)) throw new Error(`cast: dtype must be 'float32', 'int32' or 'bool', received ${JSON.stringify(dtype)}`);
  if ($x.dtype === dtype) return $x;
  const out = new Tensor(toStorage(dtype, $x.values), $x.shape, dtype);
  record('cast', [$x], out, (dy) => [dtype === 'float32' && $x.dtype === 'float32' ? dy : null]);
  return out;
}
