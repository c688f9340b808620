import type { SymbolicShape } from '../layers/index.js';
import type { DataType } from '../tensor/dtype.js';

/**
 * What a Sequential model's `inputs[i]` / `outputs[i]` tell (TF.js `SymbolicTensor`): a shape
 * with the batch axis `null`, a dtype and a name. A Sequential model holds no graph, so these
 * are descriptions for introspection (`model.outputs[0].shape`); a functional model's are real
 * `SymbolicTensor`s, which layers can be applied to.
 */
export interface SymbolicTensorInfo {
  readonly name: string;
  readonly shape: SymbolicShape;
  readonly dtype: DataType;
  readonly rank: number;
}

/** A `SymbolicTensorInfo` for `shape`, or none when the shape is not known yet. */
export function describeSymbolic(name: string, shape: SymbolicShape | undefined, dtype: DataType): SymbolicTensorInfo[] {
  return shape === undefined ? [] : [Object.freeze({ name, shape: shape.slice(), dtype, rank: shape.length })];
}
