/** Bernoulli masks (dropout). */

import { CHUNK_WORDS, fillWords } from './bits.js';
import type { RandomKey } from './key.js';
import { assertDraw, assertKey } from './validate.js';

const TWO_POW_MINUS_24 = 1 / 16777216;

/**
 * `count` bytes, 1 with probability p and 0 otherwise: element i is 1 exactly when u < p, where
 * u is element i of `uniformFloat32(k, count, offset)` and p is compared as given (float64).
 * So P(1) = ⌈p · 2^24⌉ / 2^24: p = 0 never gives 1, p = 1 always does.
 *
 * @example bernoulliMask(dropoutKey, 4, 0.75) // Uint8Array like [1, 1, 0, 1]
 */
export function bernoulliMask(k: RandomKey, count: number, p: number, offset = 0): Uint8Array {
  const fn = 'bernoulliMask';
  assertKey(fn, 'k', k);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new Error(`${fn}: expected p to be a probability in [0, 1], received p=${String(p)}`);
  }
  assertDraw(fn, count, offset);
  const result = new Uint8Array(count);
  const words = new Uint32Array(Math.min(count, CHUNK_WORDS));
  for (let start = 0; start < count; start += words.length) {
    const chunk = words.subarray(0, Math.min(words.length, count - start));
    fillWords(k, 0, offset + start, chunk);
    for (let j = 0; j < chunk.length; j++) {
      result[start + j] = (chunk[j]! >>> 8) * TWO_POW_MINUS_24 < p ? 1 : 0;
    }
  }
  return result;
}
