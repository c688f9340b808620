/** Truncated normal float32 draws (Keras' TruncatedNormal, TF's truncated_normal). */

import { fillStandardNormal, normalScratchWords } from './box-muller.js';
import type { RandomKey } from './key.js';
import { assertMeanStddev } from './normal.js';
import { assertDraw, assertKey } from './validate.js';

const CHUNK = 2048;
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
  const fn = 'truncatedNormalFloat32';
  assertKey(fn, 'k', k);
  assertMeanStddev(fn, mean, stddev);
  assertDraw(fn, count, offset, out);
  const result = out ?? new Float32Array(count);
  const z = new Float64Array(Math.min(count, CHUNK));
  const words = new Uint32Array(normalScratchWords(z.length));
  const single = new Float64Array(1);
  for (let start = 0; start < count; start += CHUNK) {
    const chunk = z.subarray(0, Math.min(CHUNK, count - start));
    fillStandardNormal(k, 0, offset + start, chunk, words);
    for (let j = 0; j < chunk.length; j++) {
      let value = chunk[j]!;
      for (let stream = 1; !(Math.abs(value) <= BOUND); stream++) {
        fillStandardNormal(k, stream, offset + start + j, single, words);
        value = single[0]!;
      }
      result[start + j] = mean + stddev * value;
    }
  }
  return result;
}
