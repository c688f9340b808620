import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { normalizeAxes, normalizeAxis } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import { cast } from './cast.js';
import { equal } from './compare.js';
import { div, mul } from './arithmetic.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';
import { reshape } from './reshape.js';
import { broadcastTo } from './broadcast.js';

/** Which axes to reduce: one, several, or all when omitted (TF.js convention). */
export type Axis = number | readonly number[] | null | undefined;

interface Reduction { $x: Tensor; axes: number[]; keptShape: number[]; outShape: number[]; geometry: kernels.ReduceGeometry }

function prepare(x: TensorInput, axis: Axis, keepDims: boolean, opName: string): Reduction {
  const $x = operand(x, 'x', opName);
  const axes = normalizeAxes(axis, $x.rank, opName);
  const keptShape = $x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = keepDims ? keptShape : $x.shape.filter((_, i) => !axes.includes(i));
  return { $x, axes, keptShape, outShape, geometry: kernels.reduceGeometry($x.shape, axes) };
}

/** Broadcasts a reduced gradient back over the reduced axes. */
function spread(dy: Tensor, r: Reduction): Tensor {
  return broadcastTo(reshape(dy, r.keptShape), r.$x.shape);
}

/**
 * Sum over `axis` (all axes by default). Reference order: see the `sum` kernel (float64
 * accumulation in increasing index order, one rounding). Gradient: dy broadcast back.
 * @example sum(tensor2d([[1, 2], [3, 4]]), 1) // [3, 7]
 */
export function sum(x: TensorInput, axis?: Axis, keepDims = false): Tensor {
  const r = prepare(x, axis, keepDims, 'sum');
  const dtype = r.$x.dtype === 'float32' ? 'float32' : 'int32';
  const out = new Tensor(dtype === 'float32' ? new Float32Array(r.geometry.outSize) : new Int32Array(r.geometry.outSize), r.outShape, dtype);
  kernels.sum(r.$x.values, r.geometry, out.values as Float32Array | Int32Array);
  record('sum', [r.$x], out, (dy) => [spread(dy, r)]);
  return out;
}

/**
 * Mean over `axis`: the sum divided by the count, rounded once (float64 division of the
 * float64 sum).
 * @example mean(tensor([1, 2, 3, 4])) // 2.5
 */
export function mean(x: TensorInput, axis?: Axis, keepDims = false): Tensor {
  const r = prepare(x, axis, keepDims, 'mean');
  let count = 1;
  for (const a of r.axes) count *= r.$x.shape[a] as number;
  const sums = new Float64Array(r.geometry.outSize);
  kernels.sum(r.$x.values, r.geometry, sums);
  const acc = new Float32Array(sums.length);
  for (let i = 0; i < acc.length; i++) acc[i] = (sums[i] as number) / count;
  const out = new Tensor(acc, r.outShape, 'float32');
  record('mean', [r.$x], out, (dy) => [div(spread(dy, r), count)]);
  return out;
}

/**
 * Product over `axis`; float64 accumulation in increasing index order, one rounding.
 * Gradient: dy times the product of the other elements (exact for zeros too).
 */
export function prod(x: TensorInput, axis?: Axis, keepDims = false): Tensor {
  const r = prepare(x, axis, keepDims, 'prod');
  const dtype = r.$x.dtype === 'float32' ? 'float32' : 'int32';
  const out = new Tensor(dtype === 'float32' ? new Float32Array(r.geometry.outSize) : new Int32Array(r.geometry.outSize), r.outShape, dtype);
  kernels.prod(r.$x.values, r.geometry, out.values as Float32Array | Int32Array);
  record('prod', [r.$x], out, (dy) => [mul(spread(dy, r), productOfOthers(r))]);
  return out;
}

/** For each element, the product of the other elements of its reduction group. */
function productOfOthers(r: Reduction): Tensor {
  const others = new Float32Array(r.$x.size);
  kernels.productOfOthers(r.$x.values, r.geometry, others);
  return new Tensor(others, r.$x.shape, 'float32');
}

function extremum(x: TensorInput, axis: Axis, keepDims: boolean, sign: 1 | -1, opName: string): Tensor {
  const r = prepare(x, axis, keepDims, opName);
  const dtype = r.$x.dtype === 'float32' ? 'float32' : 'int32';
  const out = new Tensor(dtype === 'float32' ? new Float32Array(r.geometry.outSize) : new Int32Array(r.geometry.outSize), r.outShape, dtype);
  kernels.extremum(r.$x.values, r.geometry, out.values as Float32Array | Int32Array, sign);
  // Gradient as in TF.js: dy flows to every element equal to the extremum (ties all receive it).
  record(opName, [r.$x], out, (dy) => [mul(spread(dy, r), cast(equal(r.$x, spread(out, r)), 'float32'))]);
  return out;
}

/** Maximum over `axis` (all by default). @example max(tensor([1, 5, 3])) // 5 */
export function max(x: TensorInput, axis?: Axis, keepDims = false): Tensor {
  return extremum(x, axis, keepDims, 1, 'max');
}

/** Minimum over `axis` (all by default). @example min(tensor([1, 5, 3])) // 1 */
export function min(x: TensorInput, axis?: Axis, keepDims = false): Tensor {
  return extremum(x, axis, keepDims, -1, 'min');
}

function argExtremum(x: TensorInput, axis: number, sign: 1 | -1, opName: string): Tensor {
  const $x = operand(x, 'x', opName);
  const a = normalizeAxis(axis, $x.rank, opName);
  const geometry = kernels.reduceGeometry($x.shape, [a]);
  let stride = 1;
  for (let i = a + 1; i < $x.rank; i++) stride *= $x.shape[i] as number;
  const out = new Int32Array(geometry.outSize);
  kernels.argExtremum($x.values, geometry, stride, $x.shape[a] as number, out, sign);
  return new Tensor(out, $x.shape.filter((_, i) => i !== a), 'int32');
}

/** Index of the maximum along `axis` (default 0); first occurrence wins. int32, no gradient. */
export function argMax(x: TensorInput, axis = 0): Tensor {
  return argExtremum(x, axis, 1, 'argMax');
}

/** Index of the minimum along `axis` (default 0); first occurrence wins. int32, no gradient. */
export function argMin(x: TensorInput, axis = 0): Tensor {
  return argExtremum(x, axis, -1, 'argMin');
}
