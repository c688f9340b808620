import { getGlobalSeed, setGlobalSeed } from '../random/index.js';

/**
 * Sets the one seed that governs every random consumer without an explicit seed (DESIGN.md
 * law 1). Until called, the seed is 0: programs are reproducible by default.
 * @example setRandomSeed(42)
 */
export function setRandomSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new Error(`setRandomSeed: seed must be an integer, received ${String(seed)}`);
  setGlobalSeed(seed);
}

/** The seed in force (0 until `setRandomSeed` is called). */
export function getRandomSeed(): number {
  return getGlobalSeed();
}
