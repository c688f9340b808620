/** Normal float32 draws, plain and truncated: one chunked loop over Box–Muller normals. */

import { fillStandardNormal, normalScratchWords } from './box-muller.js';
import type { RandomKey } from './key.js';
import { assertDraw, assertFinite, assertKey } from './validate.js';

/** Elements per chunk: bounds the float64 scratch for draws of millions of elements. */
const CHUNK = 2048;

/** Throws unless mean is finite and stddev is finite and ≥ 0. */
function assertMeanStddev(fn: string, mean: number, stddev: number): void {
  assertFinite(fn, 'mean', mean);
  assertFinite(fn, 'stddev', stddev);
  if (stddev < 0) throw new Error(`${fn}: expected stddev >= 0, received stddev=${stddev}`);
}

/**
 * The draw behind `normalFloat32` (bound = Infinity: every z is kept, since |z| ≤ 8.57) and
 * `truncatedNormalFloat32` (bound = 2): element i is fround(mean + stddev · z), evaluated in
 * float64 and rounded once, where z is the first standard normal with |z| ≤ bound among
 * position `offset + i` of streams 0, 1, 2, … of `k` (box-muller.ts). Validates its arguments
 * under the name `fn`.
 */
export function normalDraw(
  fn: string,
  bound: number,
  k: RandomKey,
  count: number,
  mean: number,
  stddev: number,
  offset: number,
  out: Float32Array | undefined,
): Float32Array {
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
      for (let stream = 1; !(Math.abs(value) <= bound); stream++) {
        fillStandardNormal(k, stream, offset + start + j, single, words);
        value = single[0]!;
      }
      result[start + j] = mean + stddev * value;
    }
  }
  return result;
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
  return normalDraw('normalFloat32', Infinity, k, count, mean, stddev, offset, out);
}
