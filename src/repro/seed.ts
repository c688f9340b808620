import { getGlobalSeed, setGlobalSeed } from '../random/index.js';

/**
 * Sets the one seed that governs every random consumer without an explicit seed (DESIGN.md
 * law 1). Until called, the seed is 0: programs are reproducible by default. Called with no
 * argument, it draws a fresh seed from the platform's cryptographic generator and returns it
 * (also available from `getRandomSeed()`), so a lucky run can be reproduced afterwards.
 * @example setRandomSeed(42); const drawn = setRandomSeed(); console.log('seed', drawn);
 */
export function setRandomSeed(seed?: number): number {
  const chosen = seed === undefined ? freshSeed() : seed;
  if (!Number.isSafeInteger(chosen)) throw new Error(`setRandomSeed: seed must be an integer, received ${String(seed)}`);
  setGlobalSeed(chosen);
  return chosen;
}

/** The seed in force (0 until `setRandomSeed` is called). */
export function getRandomSeed(): number {
  return getGlobalSeed();
}

/** A fresh 32-bit seed, drawn once here at the public boundary, never inside a computation. */
function freshSeed(): number {
  const words = new Uint32Array(1);
  globalThis.crypto.getRandomValues(words); // determinism-ok: the user asked for a fresh seed; it is reported and reproducible via getRandomSeed()
  return words[0] as number;
}
