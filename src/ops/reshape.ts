import { record } from '../autograd/tape.js';
import { formatShape, normalizeAxis, sizeOf } from '../tensor/shape.js';
import { Tensor, shareableValues } from './tensor.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';

/**
 * The same elements in a new shape; one extent may be −1 (inferred). Gradient: reshape back.
 * @example reshape(tensor([1, 2, 3, 4]), [2, 2])
 */
export function reshape(x: TensorInput, shape: readonly number[]): Tensor {
  const $x = operand(x, 'x', 'reshape');
  const resolved = resolveShape(shape, $x.size, $x.shape);
  const out = new Tensor(shareableValues($x), resolved, $x.dtype);
  record('reshape', [$x], out, (dy) => [reshape(dy, $x.shape)]);
  return out;
}

function resolveShape(shape: readonly number[], size: number, from: readonly number[]): number[] {
  if (!Array.isArray(shape)) throw new Error(`reshape: shape must be an array of integers (e.g. [2, -1]). Received: ${JSON.stringify(shape)}`);
  const inferred = shape.indexOf(-1);
  if (inferred !== shape.lastIndexOf(-1)) throw new Error(`reshape: shape ${formatShape(shape)} has more than one -1; at most one extent can be inferred`);
  for (const d of shape) {
    if (d !== -1 && (!Number.isInteger(d) || d < 0)) throw new Error(`reshape: shape ${formatShape(shape)} is invalid; expected non-negative integers and at most one -1`);
  }
  const out = shape.slice();
  if (inferred >= 0) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || size % known !== 0) throw new Error(`reshape: cannot infer the -1 in ${formatShape(shape)} for ${size} elements (from shape ${formatShape(from)})`);
    out[inferred] = size / known;
  }
  if (sizeOf(out) !== size) {
    throw new Error(`reshape: cannot reshape a tensor of shape ${formatShape(from)} (${size} elements) into ${formatShape(shape)} (${sizeOf(out)} elements)`);
  }
  return out;
}

/**
 * Inserts an axis of extent 1 at `axis` (TF.js `expandDims`, default 0).
 * @example expandDims(tensor([1, 2]), 1).shape // [2, 1]
 */
export function expandDims(x: TensorInput, axis = 0): Tensor {
  const $x = operand(x, 'x', 'expandDims');
  const at = normalizeAxis(axis, $x.rank + 1, 'expandDims');
  const shape = $x.shape.slice();
  shape.splice(at, 0, 1);
  return reshape($x, shape);
}

/**
 * Removes axes of extent 1: all of them, or those listed (which must have extent 1).
 * @example squeeze(zeros([1, 3, 1])).shape // [3]
 */
export function squeeze(x: TensorInput, axis?: readonly number[]): Tensor {
  const $x = operand(x, 'x', 'squeeze');
  const drop = axis === undefined ? $x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0) : axis.map((a) => normalizeAxis(a, $x.rank, 'squeeze'));
  for (const a of drop) {
    if ($x.shape[a] !== 1) throw new Error(`squeeze: axis ${a} has extent ${String($x.shape[a])} in shape ${formatShape($x.shape)}; expected 1`);
  }
  return reshape($x, $x.shape.filter((_, i) => !drop.includes(i)));
}
