import { stridesOf } from '../strides.js';
import type { NumericArray } from './binary.js';

/**
 * Walks the row-major elements of `outShape`, calling copy(o, i) with i = base + Σ index·stride.
 * The shared odometer behind transpose, slice and tile-like moves.
 */
function strided(outShape: readonly number[], inStrides: readonly number[], base: number, copy: (o: number, i: number) => void): void {
  const rank = outShape.length;
  let size = 1;
  for (const d of outShape) size *= d;
  if (size === 0) return;
  const index = new Array<number>(rank).fill(0);
  let i = base;
  for (let o = 0; o < size; o++) {
    copy(o, i);
    for (let axis = rank - 1; axis >= 0; axis--) {
      i += inStrides[axis] as number;
      if (++(index[axis] as number) < (outShape[axis] as number)) break;
      index[axis] = 0;
      i -= (inStrides[axis] as number) * (outShape[axis] as number);
    }
  }
}

/** out = x with axes permuted: out axis j is x axis perm[j]. Pure data movement. */
export function transpose(x: ArrayLike<number>, shape: readonly number[], perm: readonly number[], out: NumericArray): void {
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p] as number);
  strided(outShape, perm.map((p) => inStrides[p] as number), 0, (o, i) => { out[o] = x[i] as number; });
}

/** out = x[begin : begin + size] on every axis. Pure data movement. */
export function slice(x: ArrayLike<number>, shape: readonly number[], begin: readonly number[], size: readonly number[], out: NumericArray): void {
  const inStrides = stridesOf(shape);
  let base = 0;
  for (let a = 0; a < shape.length; a++) base += (begin[a] as number) * (inStrides[a] as number);
  strided(size, inStrides, base, (o, i) => { out[o] = x[i] as number; });
}

/** out = x padded with `before`/`after` elements of `value` per axis. Pure data movement. */
export function pad(x: ArrayLike<number>, shape: readonly number[], before: readonly number[], outShape: readonly number[], value: number, out: NumericArray): void {
  out.fill(value);
  const outStrides = stridesOf(outShape);
  let base = 0;
  for (let a = 0; a < shape.length; a++) base += (before[a] as number) * (outStrides[a] as number);
  // Walk x row-major; its element lands at base + Σ index·outStride.
  strided(shape, outStrides, base, (i, o) => { out[o] = x[i] as number; });
}

/** out = x tiled: out index j on each axis reads x at j mod shape. Pure data movement. */
export function tile(x: ArrayLike<number>, shape: readonly number[], outShape: readonly number[], out: NumericArray): void {
  const inStrides = stridesOf(shape);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let i = 0;
    for (let a = 0; a < rank; a++) i += ((index[a] as number) % (shape[a] as number)) * (inStrides[a] as number);
    out[o] = x[i] as number;
    for (let a = rank - 1; a >= 0; a--) {
      if (++(index[a] as number) < (outShape[a] as number)) break;
      index[a] = 0;
    }
  }
}

/**
 * Concatenation along an axis, seen as [outer, extent_t, inner] blocks per input t: out copies,
 * for each outer index, each input's block in input order. Pure data movement.
 */
export function concat(inputs: readonly ArrayLike<number>[], extents: readonly number[], outer: number, inner: number, out: NumericArray): void {
  let total = 0;
  for (const e of extents) total += e;
  let offset = 0;
  inputs.forEach((x, t) => {
    const block = (extents[t] as number) * inner;
    for (let o = 0; o < outer; o++) {
      const dst = o * total * inner + offset;
      for (let j = 0; j < block; j++) out[dst + j] = x[o * block + j] as number;
    }
    offset += block;
  });
}

/**
 * Gather along an axis, seen as x[outer, extent, inner]: out[o, n, :] = x[o, indices[n], :].
 * Indices must already be validated to lie in [0, extent). Pure data movement.
 */
export function gather(x: ArrayLike<number>, outer: number, extent: number, inner: number, indices: ArrayLike<number>, out: NumericArray): void {
  const count = indices.length;
  for (let o = 0; o < outer; o++) {
    for (let n = 0; n < count; n++) {
      const src = (o * extent + (indices[n] as number)) * inner;
      const dst = (o * count + n) * inner;
      for (let j = 0; j < inner; j++) out[dst + j] = x[src + j] as number;
    }
  }
}

/**
 * The adjoint of `gather`: out[o, indices[n], :] += dy[o, n, :], out starting at zero.
 * Reference order: per output element, contributions are added in increasing n, each sum rounded
 * to float32.
 */
export function scatterAdd(dy: ArrayLike<number>, outer: number, extent: number, inner: number, indices: ArrayLike<number>, out: Float32Array): void {
  out.fill(0);
  const count = indices.length;
  for (let o = 0; o < outer; o++) {
    for (let n = 0; n < count; n++) {
      const dst = (o * extent + (indices[n] as number)) * inner;
      const src = (o * count + n) * inner;
      for (let j = 0; j < inner; j++) out[dst + j] = (out[dst + j] as number) + (dy[src + j] as number);
    }
  }
}
