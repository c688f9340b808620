/**
 * Standard normals by the Box–Muller transform (G. E. P. Box and M. E. Muller, "A note on the
 * generation of random normal deviates", Ann. Math. Statist. 29, 1958), one Philox block per
 * pair of positions, in float64 with the elementary functions of src/math (DESIGN.md law 3).
 */

import { cos64, log64, sin64 } from '../math/index.js';
import type { RandomKey } from './key.js';
import { philoxBlocks } from './philox.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_PI = 6.283185307179586; // the float64 nearest 2π

/**
 * Positions 2m and 2m + 1 of stream s use block m of stream s, words w0..w3 (philox.ts layout):
 *   u1 = ((w0 >>> 11) · 2^32 + w1 + 1) · 2^-53  in (0, 1]  (never 0: log(0) is -∞)
 *   u2 = ((w2 >>> 11) · 2^32 + w3) · 2^-53      in [0, 1)
 *   r = √(−2 · log64(u1)),  θ = TWO_PI · u2  (float64 operations in that order)
 *   z(2m) = r · cos64(θ),  z(2m + 1) = r · sin64(θ)
 * So |z| ≤ √(106 · ln 2) ≈ 8.57. Fills z[j] for position `first + j` of stream `stream`.
 * `words` is scratch of at least 4 · (⌊z.length / 2⌋ + 1) words. Internal kernel, no validation.
 */
export function fillStandardNormal(
  k: RandomKey,
  stream: number,
  first: number,
  z: Float64Array,
  words: Uint32Array,
): void {
  const count = z.length;
  if (count === 0) return;
  const firstPair = Math.floor(first / 2);
  const pairs = Math.floor((first + count - 1) / 2) - firstPair + 1;
  philoxBlocks(k, stream, firstPair, pairs, words);
  for (let p = 0; p < pairs; p++) {
    const base = 4 * p;
    const u1 = ((words[base]! >>> 11) * TWO_POW_32 + words[base + 1]! + 1) * TWO_POW_MINUS_53;
    const u2 = ((words[base + 2]! >>> 11) * TWO_POW_32 + words[base + 3]!) * TWO_POW_MINUS_53;
    const r = Math.sqrt(-2 * log64(u1));
    const theta = TWO_PI * u2;
    const even = 2 * (firstPair + p) - first; // index in z of position 2m; −1 when first is odd
    if (even >= 0) z[even] = r * cos64(theta);
    if (even + 1 < count) z[even + 1] = r * sin64(theta);
  }
}

/** Words of scratch `fillStandardNormal` needs for `count` positions. */
export function normalScratchWords(count: number): number {
  return 4 * (Math.floor(count / 2) + 1);
}
