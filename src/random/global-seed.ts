import type { RandomKey } from './key.js';
import { foldIn, foldInPath, key } from './key.js';

/**
 * The seed SameBits uses until `setRandomSeed` is called. Fixed, so a program that never sets a
 * seed is still reproducible run to run.
 */
export const DEFAULT_SEED = 0;

// NOTE: the only mutable random state is which seed the user chose and how many unseeded calls
// of each purpose were made since: every value is still a pure function of (seed, purpose, call
// index, position), so re-running code after setRandomSeed reproduces it exactly.
let currentSeed = DEFAULT_SEED;
const calls = new Map<string, number>();

/**
 * Sets the global seed, which every random consumer without an explicit seed derives its key
 * from, and restarts the per-purpose call counts.
 * @example setRandomSeed(42)
 */
export function setGlobalSeed(seed: number): void {
  key(seed); // validates
  currentSeed = seed;
  calls.clear();
}

/** The global seed in force. */
export function getGlobalSeed(): number {
  return currentSeed;
}

/**
 * The key of the next unseeded call for `purpose` (e.g. `randomNormal`): the global seed's key
 * folded with the purpose path and with the call's index among calls of that purpose since the
 * seed was set.
 */
export function nextGlobalKey(purpose: string): RandomKey {
  const index = calls.get(purpose) ?? 0;
  calls.set(purpose, index + 1);
  return foldIn(foldInPath(key(currentSeed), purpose), index);
}
