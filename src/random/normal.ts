/** Normal float32 draws. */

import { fillStandardNormal, normalScratchWords } from './box-muller.js';
import type { RandomKey } from './key.js';
import { assertDraw, assertFinite, assertKey } from './validate.js';

/** Elements per chunk: bounds the float64 scratch for draws of millions of elements. */
const CHUNK = 2048;

/** Throws unless mean is finite and stddev is finite and ≥ 0. */
export function assertMeanStddev(fn: string, mean: number, stddev: number): void {
  assertFinite(fn, 'mean', mean);
  assertFinite(fn, 'stddev', stddev);
  if (stddev < 0) throw new Error(`${fn}: expected stddev >= 0, received stddev=${stddev}`);
}

/**
 * `count` float32 values from N(mean, stddev²): element i is fround(mean + stddev · z) with
 * z the standard normal of position `offset + i` of stream 0 of `k` (Box–Muller, box-muller.ts
 * states the exact construction), mean + stddev · z evaluated in float64 and rounded once.
 * Element i depends only on (k, offset + i).
 *
 * @example normalFloat32(k, 1000, 0, 0.05) // RandomNormal's default
 */
export function normalFloat32(
  k: RandomKey,
  count: number,
  mean = 0,
  stddev = 1,
  offset = 0,
  out?: Float32Array,
): Float32Array {
  const fn = 'normalFloat32';
  assertKey(fn, 'k', k);
  assertMeanStddev(fn, mean, stddev);
  assertDraw(fn, count, offset, out);
  const result = out ?? new Float32Array(count);
  const z = new Float64Array(Math.min(count, CHUNK));
  const words = new Uint32Array(normalScratchWords(z.length));
  for (let start = 0; start < count; start += CHUNK) {
    const chunk = z.subarray(0, Math.min(CHUNK, count - start));
    fillStandardNormal(k, 0, offset + start, chunk, words);
    for (let j = 0; j < chunk.length; j++) result[start + j] = mean + stddev * chunk[j]!;
  }
  return result;
}
