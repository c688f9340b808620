import { ExactAccumulator } from './exact-accumulator.js';

/**
 * The exact sum held by `acc` as a short list of float64 values whose exact sum is that sum
 * (each term is the rounded remainder after the previous ones: at most ~40 terms). Adding the
 * list to an empty accumulator restores the sum exactly, which is how checkpoints store
 * partial sums. A NaN or infinite sum is stored as that single value.
 * @example restoreExact(exactTerms(acc)).value() === acc.value()
 */
export function exactTerms(acc: ExactAccumulator): number[] {
  const terms: number[] = [];
  const rest = acc.clone();
  for (let guard = 0; guard < 64; guard++) {
    const v = rest.value();
    if (v === 0 && !Object.is(v, -0)) break;
    terms.push(v);
    if (!Number.isFinite(v) || Object.is(v, -0)) break;
    rest.add(-v);
  }
  return terms;
}

/** An accumulator holding exactly the sum of `terms` (see `exactTerms`). */
export function restoreExact(terms: readonly number[]): ExactAccumulator {
  return new ExactAccumulator().addAll(terms);
}
