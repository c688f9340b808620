/**
 * fsum: the correctly rounded sum of float64 values, with Python's math.fsum semantics.
 */

import { ExactAccumulator } from './exact-accumulator.js';

let spare: ExactAccumulator | undefined;

/**
 * The float64 nearest to the exact sum of `values` (ties to even), whatever their order:
 * one rounding at the end, as Python's math.fsum. Computed with ExactAccumulator, which also
 * documents the special cases: NaN in or +Infinity with -Infinity gives NaN; partial sums past
 * 2^1024 are no error here (Python raises OverflowError) and the finite result is still exact;
 * only -0 inputs give -0; no input gives 0.
 *
 * @example
 * fsum([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]); // 1 (a plain loop gives 0.9999999999999999)
 * fsum([1e100, 1, -1e100]); // 1
 * fsum([1e308, 1e308, -1e308]); // 1e308
 */
export function fsum(values: ArrayLike<number> | Iterable<number>): number {
  // One accumulator is reused (allocating its slots costs more than summing a thousand
  // values); a call made while it is in use (from an iterator) gets a fresh one.
  const accumulator = spare ?? new ExactAccumulator();
  spare = undefined;
  try {
    return accumulator.addAll(values).value();
  } finally {
    spare = accumulator.clear();
  }
}

