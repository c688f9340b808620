import { foldInPath, key, shuffleInPlace } from '../random/index.js';

/**
 * Which jobs the cross-check runs twice: round(fraction × n) of them (at least one when the
 * fraction is above 0), drawn by a Philox shuffle keyed by `seed` and the purpose path
 * 'queue/verify' over the ids in sorted order, so the choice depends only on the set of jobs
 * and the seed, never on the order they were listed or enqueued in.
 * @example crossCheckDraw(ids, 0.1, 0) // a tenth of the ids, the same tenth every time
 */
export function crossCheckDraw(ids: readonly string[], fraction: number, seed = 0): Set<string> {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`crossCheckDraw: expected a fraction from 0 to 1, received ${String(fraction)}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`crossCheckDraw: expected an integer seed, received ${String(seed)}`);
  const sorted = [...new Set(ids)].sort();
  const count = fraction === 0 ? 0 : Math.max(1, Math.round(fraction * sorted.length));
  const order = shuffleInPlace(foldInPath(key(seed), 'queue/verify'), sorted.map((_, i) => i));
  return new Set(order.slice(0, count).map((i) => sorted[i] as string));
}
