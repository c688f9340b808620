import { sortNumbers } from './quantile.js';

/** Index of the first element of ascending `sorted` that is not below `x` (`strict`: above `x`). */
function firstNotBelow(sorted: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v < x || (strict && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The probability that a random run of A beats a random run of B: over all n_a · n_b pairs
 * (a_i, b_j), the fraction where a_i is better, ties counting half (the common-language effect
 * size of McGraw & Wong 1992; n_a n_b times it is the Mann–Whitney U of A). "Better" is higher
 * unless `lowerIsBetter`. Computed by counting with integers, so it is exact before the one
 * final division.
 * @example probabilityOfBeating([3, 4], [1, 3]) // 0.875: 3 wins and 1 tie in 4 pairs
 */
export function probabilityOfBeating(a: ArrayLike<number>, b: ArrayLike<number>, lowerIsBetter = false): number {
  if (a.length === 0 || b.length === 0) throw new Error('probabilityOfBeating: both samples need at least one value');
  const sortedB = sortNumbers(b);
  let twiceWins = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    if (Number.isNaN(x)) return NaN;
    const below = firstNotBelow(sortedB, x, false);
    const notAbove = firstNotBelow(sortedB, x, true);
    const ties = notAbove - below;
    const wins = lowerIsBetter ? sortedB.length - notAbove : below;
    twiceWins += 2 * wins + ties;
  }
  if (Number.isNaN(sortedB[sortedB.length - 1])) return NaN;
  return twiceWins / (2 * a.length * b.length);
}
