/** Uniform int32 draws on [minval, maxval). */

import { fillWords } from './bits.js';
import { acceptLimit, boundedAt } from './bounded.js';
import type { RandomKey } from './key.js';
import { assertDraw, assertInteger, assertKey } from './validate.js';

const INT32_MIN = -2147483648;
const TWO_POW_31 = 2147483648;

/**
 * `count` integers uniform on [minval, maxval) (maxval exclusive), without bias. With
 * r = maxval − minval (1 ≤ r ≤ 2^32) and limit = 2^32 − (2^32 mod r), element i is
 * minval + (w mod r) for the first word w < limit among words `offset + i` of streams
 * 0, 1, 2, … of `k` (bits.ts numbering). A power-of-two r never redraws; the redraw
 * probability is below r / 2^32 otherwise. Element i depends only on (k, offset + i).
 *
 * @example uniformIntArray(k, 5, 0, 10) // Int32Array of 5 digits
 */
export function uniformIntArray(
  k: RandomKey,
  count: number,
  minval: number,
  maxval: number,
  offset = 0,
): Int32Array {
  const fn = 'uniformIntArray';
  assertKey(fn, 'k', k);
  assertInteger(fn, 'minval', minval, INT32_MIN, TWO_POW_31 - 1);
  assertInteger(fn, 'maxval', maxval, minval + 1, TWO_POW_31);
  assertDraw(fn, count, offset);
  const range = maxval - minval;
  const limit = acceptLimit(range);
  const result = new Int32Array(count);
  const words = new Uint32Array(result.buffer);
  fillWords(k, 0, offset, words);
  const scratch = new Uint32Array(4);
  for (let i = 0; i < count; i++) {
    const w = words[i]!;
    const value = w < limit ? w % range : boundedAt(k, offset + i, range, limit, w, scratch);
    result[i] = minval + value;
  }
  return result;
}
