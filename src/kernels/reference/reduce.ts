/**
 * Geometry of a reduction: the input shape and, per axis, the stride of the output index
 * (0 on reduced axes), so that input element i contributes to output `outIndex`.
 */
export interface ReduceGeometry {
  shape: readonly number[];
  outStrides: readonly number[];
  outSize: number;
}

/**
 * Geometry for reducing `shape` over `axes` (sorted, distinct). The output keeps the order of
 * the remaining axes.
 */
export function reduceGeometry(shape: readonly number[], axes: readonly number[]): ReduceGeometry {
  const outStrides = new Array<number>(shape.length).fill(0);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (axes.includes(axis)) continue;
    outStrides[axis] = stride;
    stride *= shape[axis] as number;
  }
  return { shape, outStrides, outSize: stride };
}

/**
 * Calls visit(i, o) for every input element i in increasing row-major order, with o the output
 * element it reduces into. Because the input is walked in row-major order, each output sees its
 * inputs in increasing order of their index within the reduced axes: that is the reference order
 * of every reduction kernel below.
 */
function forEachPair(g: ReduceGeometry, visit: (i: number, o: number) => void): void {
  const { shape, outStrides } = g;
  const rank = shape.length;
  let size = 1;
  for (const d of shape) size *= d;
  const index = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < size; i++) {
    visit(i, o);
    for (let axis = rank - 1; axis >= 0; axis--) {
      o += outStrides[axis] as number;
      if (++(index[axis] as number) < (shape[axis] as number)) break;
      index[axis] = 0;
      o -= (outStrides[axis] as number) * (shape[axis] as number);
    }
  }
}

/**
 * Sum over the reduced axes. Reference order: per output, a float64 accumulator starting at +0
 * adds the inputs in increasing index order (row-major within the reduced axes); the result is
 * rounded once to the output type. (Float64 accumulation keeps sums of up to ~2^29 float32 terms
 * far more accurate than float32 accumulation, at no cost in determinism.)
 */
export function sum(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array | Int32Array | Float64Array): void {
  const acc = new Float64Array(g.outSize);
  forEachPair(g, (i, o) => { acc[o] = (acc[o] as number) + (x[i] as number); });
  out.set(acc);
}

/**
 * Product over the reduced axes. Reference order: as `sum` (a float64 accumulator, here starting
 * at 1, multiplies the inputs in increasing index order; one rounding to the output type).
 */
export function prod(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array | Int32Array): void {
  const acc = new Float64Array(g.outSize).fill(1);
  forEachPair(g, (i, o) => { acc[o] = (acc[o] as number) * (x[i] as number); });
  out.set(acc);
}

/**
 * Maximum (`sign` = 1) or minimum (`sign` = −1) over the reduced axes. NaN wins: any NaN input
 * makes the output NaN. Reference order: inputs in increasing index order; comparisons are exact,
 * so the order cannot change the value.
 */
export function extremum(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array | Int32Array, sign: 1 | -1): void {
  const best = new Float64Array(g.outSize).fill(-Infinity * sign);
  forEachPair(g, (i, o) => {
    const v = x[i] as number;
    const b = best[o] as number;
    if (v !== v || (b === b && (sign > 0 ? v > b : v < b))) best[o] = v;
  });
  out.set(best);
}

/**
 * Index (within the single reduced axis) of the maximum (`sign` = 1) or minimum (−1); a NaN
 * counts as the extreme value. Reference order: inputs in increasing index order, a later input
 * replacing the best only if strictly better, so ties (and several NaNs) go to the first occurrence.
 */
export function argExtremum(x: ArrayLike<number>, g: ReduceGeometry, axisStride: number, axisExtent: number, out: Int32Array, sign: 1 | -1): void {
  const best = new Float64Array(g.outSize).fill(NaN);
  const seen = new Uint8Array(g.outSize);
  forEachPair(g, (i, o) => {
    const v = x[i] as number;
    const b = best[o] as number;
    const better = !seen[o] || (b === b && (v !== v || (sign > 0 ? v > b : v < b)));
    if (better) {
      seen[o] = 1;
      best[o] = v;
      out[o] = Math.floor(i / axisStride) % axisExtent;
    }
  });
}

/**
 * Backward of `prod`: out[i] = the product of the other members of i's reduction group.
 * Reference order: float64 prefix·suffix, the prefix multiplied in increasing index order from 1,
 * the suffix in decreasing index order from 1, rounded once (exact for zeros, unlike dividing the
 * product by x[i]).
 */
export function productOfOthers(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array): void {
  const groups: number[][] = Array.from({ length: g.outSize }, () => []);
  forEachPair(g, (i, o) => { (groups[o] as number[]).push(i); });
  for (const group of groups) {
    const suffix = new Float64Array(group.length + 1).fill(1);
    for (let j = group.length - 1; j >= 0; j--) suffix[j] = (suffix[j + 1] as number) * (x[group[j] as number] as number);
    let prefix = 1;
    group.forEach((i, j) => {
      out[i] = prefix * (suffix[j + 1] as number);
      prefix *= x[i] as number;
    });
  }
}
