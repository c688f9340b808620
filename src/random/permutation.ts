/** Random permutations and in-place shuffles (Fisher–Yates). */

import { CHUNK_WORDS, fillWords } from './bits.js';
import { acceptLimit, boundedAt } from './bounded.js';
import type { RandomKey } from './key.js';
import { assertInteger, assertKey } from './validate.js';

/** Anything indexable and writable: arrays and typed arrays. */
export type MutableArrayLike<T> = { readonly length: number; [index: number]: T };

/**
 * Shuffles `array` in place and returns it: Fisher–Yates (Knuth, TAOCP vol. 2, Algorithm P)
 * from the last element down, for i = n − 1, …, 1 swapping elements i and j, where j is uniform
 * on [0, i] without bias: j = w mod (i + 1) for the first word w < 2^32 − (2^32 mod (i + 1))
 * among words i of streams 0, 1, 2, … of `k` (bits.ts numbering). Swap i depends only on (k, i).
 *
 * @example shuffleInPlace(foldIn(shuffleKey, epoch), indices)
 */
export function shuffleInPlace<T, A extends MutableArrayLike<T>>(k: RandomKey, array: A): A {
  assertKey('shuffleInPlace', 'k', k);
  const n = array.length;
  assertInteger('shuffleInPlace', 'array.length', n, 0, 4294967296);
  const words = new Uint32Array(Math.min(n, CHUNK_WORDS));
  const scratch = new Uint32Array(4);
  // Chunks of word positions, from the top down, since the swaps run from i = n − 1 to 1.
  for (let chunkEnd = n; chunkEnd > 1; chunkEnd -= words.length) {
    const chunkStart = Math.max(1, chunkEnd - words.length);
    const chunk = words.subarray(0, chunkEnd - chunkStart);
    fillWords(k, 0, chunkStart, chunk);
    for (let i = chunkEnd - 1; i >= chunkStart; i--) {
      const range = i + 1;
      const w = chunk[i - chunkStart]!;
      const limit = acceptLimit(range);
      const j = w < limit ? w % range : boundedAt(k, i, range, limit, w, scratch);
      const held = array[i]!;
      array[i] = array[j]!;
      array[j] = held;
    }
  }
  return array;
}

/**
 * A uniformly random permutation of 0 … n − 1: `shuffleInPlace(k, [0, 1, …, n − 1])`.
 *
 * @example permutation(foldIn(foldInPath(key(seed), 'fit/shuffle'), epoch), numSamples)
 */
export function permutation(k: RandomKey, n: number): Int32Array {
  assertKey('permutation', 'k', k);
  assertInteger('permutation', 'n', n, 0, 2147483647);
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  return shuffleInPlace(k, indices);
}
