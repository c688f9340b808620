import type { Tensor } from '../../src/ops/tensor.js';

/**
 * Float64 reference arrays for tests: each op is written the obvious way, as a function of output
 * coordinates, so that a reader can check it against the definition at a glance. Slow and clear
 * on purpose; shapes in tests are small.
 */
export interface Ref {
  shape: number[];
  data: Float64Array;
}

/** The float64 copy of a tensor's values. */
export function ref(t: Tensor): Ref {
  return { shape: t.shape.slice(), data: Float64Array.from(t.values) };
}

/** A Ref from a shape and flat row-major values. */
export function refOf(shape: readonly number[], values: ArrayLike<number>): Ref {
  return { shape: shape.slice(), data: Float64Array.from(values) };
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

/** Row-major coordinates of flat index i. */
export function coordsOf(i: number, shape: readonly number[]): number[] {
  const c = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    const d = shape[a] as number;
    c[a] = i % d;
    i = Math.floor(i / d);
  }
  return c;
}

/** The element of x at coordinates c. */
export function at(x: Ref, c: readonly number[]): number {
  let i = 0;
  for (let a = 0; a < x.shape.length; a++) i = i * (x.shape[a] as number) + (c[a] as number);
  return x.data[i] as number;
}

/** The element of x read at output coordinates c under NumPy broadcasting. */
export function atBroadcast(x: Ref, c: readonly number[]): number {
  const lead = c.length - x.shape.length;
  return at(x, x.shape.map((d, a) => (d === 1 ? 0 : (c[a + lead] as number))));
}

/** Builds a Ref of `shape` with element f(coordinates). */
export function build(shape: readonly number[], f: (c: number[]) => number): Ref {
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = f(coordsOf(i, shape));
  return { shape: shape.slice(), data };
}

/** f applied elementwise. */
export function map(x: Ref, f: (v: number) => number): Ref {
  return { shape: x.shape.slice(), data: x.data.map(f) };
}

/** The broadcast shape of several shapes (assumed compatible). */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: rank }, (_, i) => Math.max(...shapes.map((s) => s[s.length - rank + i] ?? 1)));
}

/** f(a, b) elementwise with broadcasting. */
export function zip(a: Ref, b: Ref, f: (p: number, q: number) => number): Ref {
  return build(broadcastShapes(a.shape, b.shape), (c) => f(atBroadcast(a, c), atBroadcast(b, c)));
}

/** f(c, a, b) elementwise with broadcasting of all three. */
export function zip3(c: Ref, a: Ref, b: Ref, f: (k: number, p: number, q: number) => number): Ref {
  return build(broadcastShapes(c.shape, a.shape, b.shape), (i) => f(atBroadcast(c, i), atBroadcast(a, i), atBroadcast(b, i)));
}

/** Reduction order used everywhere below: inputs visited in increasing row-major index. */
export function reduce(x: Ref, axes: readonly number[] | undefined, keepDims: boolean, init: number, f: (acc: number, v: number) => number): Ref {
  const reduced = (axes ?? x.shape.map((_, i) => i)).map((a) => (a < 0 ? a + x.shape.length : a));
  const kept = x.shape.map((d, i) => (reduced.includes(i) ? 1 : d));
  const acc = new Float64Array(sizeOf(kept)).fill(init);
  for (let i = 0; i < x.data.length; i++) {
    const c = coordsOf(i, x.shape).map((v, a) => (reduced.includes(a) ? 0 : v));
    let o = 0;
    for (let a = 0; a < kept.length; a++) o = o * (kept[a] as number) + (c[a] as number);
    acc[o] = f(acc[o] as number, x.data[i] as number);
  }
  return { shape: keepDims ? kept : x.shape.filter((_, i) => !reduced.includes(i)), data: acc };
}

/** Sum over axes (all if undefined). */
export function sumRef(x: Ref, axes?: readonly number[], keepDims = false): Ref {
  return reduce(x, axes, keepDims, 0, (p, v) => p + v);
}

/** The same data in a new shape. */
export function reshapeRef(x: Ref, shape: readonly number[]): Ref {
  return { shape: shape.slice(), data: x.data.slice() };
}

/** Output axis j is input axis perm[j]. */
export function transposeRef(x: Ref, perm: readonly number[]): Ref {
  return build(perm.map((p) => x.shape[p] as number), (c) => {
    const src = new Array<number>(perm.length);
    perm.forEach((p, j) => { src[p] = c[j] as number; });
    return at(x, src);
  });
}

/**
 * Batched matrix product with optional transposes; a batch of 1 (or a rank-2 operand)
 * broadcasts. Float64 sums, k increasing.
 */
export function matMulRef(a: Ref, b: Ref, transposeA = false, transposeB = false): Ref {
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const m = transposeA ? ac : ar;
  const k = transposeA ? ar : ac;
  const n = transposeB ? br : bc;
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  // NumPy broadcasting of the batch axes, right-aligned; an extent of 1 repeats.
  const rank = Math.max(aBatch.length, bBatch.length);
  const batch = Array.from({ length: rank }, (_, i) => Math.max(aBatch[aBatch.length - rank + i] ?? 1, bBatch[bBatch.length - rank + i] ?? 1));
  const pick = (c: readonly number[], own: readonly number[]): number => coordsToIndex(own.map((d, i) => (d === 1 ? 0 : (c[rank - own.length + i] as number))), own);
  return build([...batch, m, n], (c) => {
    const ta = pick(c, aBatch);
    const tb = pick(c, bBatch);
    const i = c[c.length - 2] as number;
    const j = c[c.length - 1] as number;
    let acc = 0;
    for (let p = 0; p < k; p++) {
      const av = a.data[ta * ar * ac + (transposeA ? p * ac + i : i * ac + p)] as number;
      const bv = b.data[tb * br * bc + (transposeB ? j * bc + p : p * bc + j)] as number;
      acc += av * bv;
    }
    return acc;
  });
}

function coordsToIndex(c: readonly number[], shape: readonly number[]): number {
  let i = 0;
  for (let a = 0; a < shape.length; a++) i = i * (shape[a] as number) + (c[a] as number);
  return i;
}

/** The block at `begin` of extent `size`. */
export function sliceRef(x: Ref, begin: readonly number[], size: readonly number[]): Ref {
  return build(size, (c) => at(x, c.map((v, a) => v + (begin[a] as number))));
}

/** x padded by [before, after] per axis with `value`. */
export function padRef(x: Ref, paddings: readonly (readonly [number, number])[], value = 0): Ref {
  const shape = x.shape.map((d, a) => d + (paddings[a] as [number, number])[0] + (paddings[a] as [number, number])[1]);
  return build(shape, (c) => {
    const src = c.map((v, a) => v - (paddings[a] as [number, number])[0]);
    const inside = src.every((v, a) => v >= 0 && v < (x.shape[a] as number));
    return inside ? at(x, src) : value;
  });
}

/** Concatenation along `axis`. */
export function concatRef(xs: readonly Ref[], axis: number): Ref {
  const first = xs[0] as Ref;
  const shape = first.shape.slice();
  shape[axis] = xs.reduce((p, x) => p + (x.shape[axis] as number), 0);
  return build(shape, (c) => {
    let pos = c[axis] as number;
    for (const x of xs) {
      const extent = x.shape[axis] as number;
      if (pos < extent) return at(x, c.map((v, a) => (a === axis ? pos : v)));
      pos -= extent;
    }
    throw new Error('unreachable');
  });
}

/** x[..., indices, ...] along `axis`; `indices` flat with shape `indexShape`. */
export function gatherRef(x: Ref, indices: readonly number[], indexShape: readonly number[], axis: number): Ref {
  const shape = [...x.shape.slice(0, axis), ...indexShape, ...x.shape.slice(axis + 1)];
  return build(shape, (c) => {
    const n = coordsToIndex(c.slice(axis, axis + indexShape.length), indexShape);
    return at(x, [...c.slice(0, axis), indices[n] as number, ...c.slice(axis + indexShape.length)]);
  });
}

/** x repeated reps[a] times along each axis. */
export function tileRef(x: Ref, reps: readonly number[]): Ref {
  return build(x.shape.map((d, a) => d * (reps[a] as number)), (c) => at(x, c.map((v, a) => v % (x.shape[a] as number))));
}

/**
 * erf(x) in float64 from its Maclaurin series, 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
 * (Abramowitz & Stegun 7.1.5); accurate to ~1e-13 absolute for |x| ≤ 3, which is all the tests
 * use. (Math has no erf.)
 */
export function erf64(x: number): number {
  if (Math.abs(x) > 3) throw new Error(`erf64: |x| ≤ 3 only, received ${x}`);
  let term = x;
  let total = x;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-18; n++) {
    term *= (-x * x) / n;
    total += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * total;
}
