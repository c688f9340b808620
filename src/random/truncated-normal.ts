/** Truncated normal float32 draws (Keras' TruncatedNormal, TF's truncated_normal). */

import type { RandomKey } from './key.js';
import { normalDraw } from './normal.js';

/** Truncation bound, in standard deviations. */
const BOUND = 2;

/**
 * `count` float32 values from N(mean, stddev²) truncated to mean ± 2·stddev, by redrawing:
 * element i is fround(mean + stddev · z) (float64, rounded once) where z is the first standard
 * normal with |z| ≤ 2 among position `offset + i` of streams 0, 1, 2, … of `k` (box-muller.ts),
 * so attempt j of element i depends only on (k, offset + i, j). The standard deviation of the
 * result is about 0.8796 · stddev; Keras' initializer divides by that factor, this does not.
 *
 * @example truncatedNormalFloat32(k, 1000, 0, 0.05) // TruncatedNormal's default
 */
export function truncatedNormalFloat32(
  k: RandomKey,
  count: number,
  mean = 0,
  stddev = 1,
  offset = 0,
  out?: Float32Array,
): Float32Array {
  return normalDraw('truncatedNormalFloat32', BOUND, k, count, mean, stddev, offset, out);
}
