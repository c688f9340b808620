import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { allocate } from '../tensor/dtype.js';
import { formatShape, normalizeAxis, sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';
import { expandDims } from './reshape.js';

/**
 * The block starting at `begin` with extent `size` per axis (a size of −1 runs to the end;
 * a single number applies to the first axis). Gradient: dy padded back with zeros.
 * @example slice(tensor([1, 2, 3, 4]), [1], [2]) // [2, 3]
 */
export function slice(x: TensorInput, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  const $x = operand(x, 'x', 'slice');
  const b = $x.shape.map((_, i) => (typeof begin === 'number' ? (i === 0 ? begin : 0) : begin[i] ?? 0));
  const s = $x.shape.map((d, i) => {
    const requested = size === undefined ? -1 : typeof size === 'number' ? (i === 0 ? size : -1) : size[i] ?? -1;
    return requested === -1 ? d - (b[i] as number) : requested;
  });
  $x.shape.forEach((d, i) => {
    const bi = b[i] as number;
    const si = s[i] as number;
    if (!Number.isInteger(bi) || !Number.isInteger(si) || bi < 0 || si < 0 || bi + si > d) {
      throw new Error(`slice: begin ${JSON.stringify(b)} and size ${JSON.stringify(s)} do not fit inside shape ${formatShape($x.shape)} (axis ${i})`);
    }
  });
  const out = new Tensor(allocate($x.dtype, sizeOf(s)), s, $x.dtype);
  kernels.slice($x.values, $x.shape, b, s, out.values);
  record('slice', [$x], out, (dy) => [pad(dy, $x.shape.map((d, i) => [b[i] as number, d - (b[i] as number) - (s[i] as number)] as [number, number]))]);
  return out;
}

/**
 * Pads each axis with `paddings[i] = [before, after]` elements of `constantValue`.
 * Gradient: the slice of dy that covers x.
 * @example pad(tensor([1, 2]), [[1, 1]]) // [0, 1, 2, 0]
 */
export function pad(x: TensorInput, paddings: readonly (readonly [number, number])[], constantValue = 0): Tensor {
  const $x = operand(x, 'x', 'pad');
  if (paddings.length !== $x.rank || paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))) {
    throw new Error(`pad: paddings ${JSON.stringify(paddings)} must hold one [before, after] pair of non-negative integers per axis of shape ${formatShape($x.shape)}`);
  }
  const before = paddings.map((p) => p[0]);
  const shape = $x.shape.map((d, i) => d + (paddings[i] as [number, number])[0] + (paddings[i] as [number, number])[1]);
  const out = new Tensor(allocate($x.dtype, sizeOf(shape)), shape, $x.dtype);
  kernels.pad($x.values, $x.shape, before, shape, constantValue, out.values);
  record('pad', [$x], out, (dy) => [slice(dy, before, $x.shape)]);
  return out;
}

/**
 * Joins tensors along `axis` (default 0); all other extents must agree.
 * Gradient: each input gets its slice of dy.
 * @example concat([tensor([1]), tensor([2, 3])]) // [1, 2, 3]
 */
export function concat(tensors: readonly TensorInput[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('concat: expected at least one tensor, received an empty list');
  const xs = tensors.map((t, i) => operand(t, `tensors[${i}]`, 'concat'));
  const first = xs[0] as Tensor;
  const a = normalizeAxis(axis, first.rank, 'concat');
  for (const [i, t] of xs.entries()) {
    if (t.rank !== first.rank || t.dtype !== first.dtype || t.shape.some((d, j) => j !== a && d !== first.shape[j])) {
      throw new Error(`concat: tensors[${i}] has shape ${formatShape(t.shape)} (${t.dtype}), which does not match tensors[0] ${formatShape(first.shape)} (${first.dtype}) outside axis ${a}`);
    }
  }
  const extents = xs.map((t) => t.shape[a] as number);
  const shape = first.shape.slice();
  shape[a] = extents.reduce((p, e) => p + e, 0);
  const outer = sizeOf(first.shape.slice(0, a));
  const inner = sizeOf(first.shape.slice(a + 1));
  const out = new Tensor(allocate(first.dtype, sizeOf(shape)), shape, first.dtype);
  kernels.concat(xs.map((t) => t.values), extents, outer, inner, out.values);
  record('concat', xs, out, (dy) => {
    let offset = 0;
    return xs.map((t) => {
      const begin = t.shape.map((_, j) => (j === a ? offset : 0));
      offset += t.shape[a] as number;
      return slice(dy, begin, t.shape);
    });
  });
  return out;
}

/**
 * Stacks same-shaped tensors along a new axis (default 0).
 * @example stack([tensor([1, 2]), tensor([3, 4])]).shape // [2, 2]
 */
export function stack(tensors: readonly TensorInput[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: expected at least one tensor, received an empty list');
  const xs = tensors.map((t, i) => operand(t, `tensors[${i}]`, 'stack'));
  const first = xs[0] as Tensor;
  for (const [i, t] of xs.entries()) {
    if (formatShape(t.shape) !== formatShape(first.shape)) throw new Error(`stack: tensors[${i}] has shape ${formatShape(t.shape)}; expected ${formatShape(first.shape)} like tensors[0]`);
  }
  const a = normalizeAxis(axis, first.rank + 1, 'stack');
  return concat(xs.map((t) => expandDims(t, a)), a);
}

/**
 * Splits along `axis` into `numOrSizeSplits` equal parts, or parts of the given sizes (one may
 * be −1).
 * @example split(tensor([1, 2, 3, 4]), 2) // [[1, 2], [3, 4]]
 */
export function split(x: TensorInput, numOrSizeSplits: number | readonly number[], axis = 0): Tensor[] {
  const $x = operand(x, 'x', 'split');
  const a = normalizeAxis(axis, $x.rank, 'split');
  const extent = $x.shape[a] as number;
  let sizes: number[];
  if (typeof numOrSizeSplits === 'number') {
    if (!Number.isInteger(numOrSizeSplits) || numOrSizeSplits <= 0 || extent % numOrSizeSplits !== 0) {
      throw new Error(`split: cannot split axis ${a} of extent ${extent} into ${numOrSizeSplits} equal parts`);
    }
    sizes = new Array<number>(numOrSizeSplits).fill(extent / numOrSizeSplits);
  } else {
    sizes = numOrSizeSplits.slice();
    const free = sizes.indexOf(-1);
    if (free >= 0) sizes[free] = extent - sizes.reduce((p, s) => p + (s === -1 ? 0 : s), 0);
    if (sizes.reduce((p, s) => p + s, 0) !== extent || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new Error(`split: sizes ${JSON.stringify(numOrSizeSplits)} do not add up to extent ${extent} of axis ${a}`);
    }
  }
  let offset = 0;
  return sizes.map((s) => {
    const begin = $x.shape.map((_, j) => (j === a ? offset : 0));
    const size = $x.shape.map((d, j) => (j === a ? s : d));
    offset += s;
    return slice($x, begin, size);
  });
}
