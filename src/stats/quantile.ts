/** Sorting and sample quantiles with one defined answer for every input order. */

/**
 * The values in ascending numeric order as a new Float64Array: −0 before +0, NaN last (the
 * TypedArray sort order of ECMAScript, a total order on values), so the result does not depend
 * on the order the values came in.
 * @example sortNumbers([3, -0, 0, 1]) // Float64Array [-0, 0, 1, 3]
 */
export function sortNumbers(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The p-quantile of ascending `sorted` values by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7, the default of R and NumPy): h = (n − 1) p,
 * Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('quantileSorted: no values');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantileSorted: p must be in [0, 1], received ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo === n - 1) return a;
  const b = sorted[lo + 1] as number;
  return h === lo ? a : a + (h - lo) * (b - a);
}

/**
 * The median: the middle value, or the mean of the two middle values.
 * @example median([5, 1, 3, 2]) // 2.5
 */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortNumbers(values), 0.5);
}
