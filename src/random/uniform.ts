/** Uniform float32 draws on [0, 1) and on [minval, maxval). */

import { fillWords } from './bits.js';
import type { RandomKey } from './key.js';
import { assertDraw, assertFinite, assertKey } from './validate.js';

const TWO_POW_MINUS_24 = 1 / 16777216;

/**
 * `count` float32 values uniform on [0, 1): element i is `(w >>> 8) · 2^-24` where w is word
 * `offset + i` of stream 0 of `k` (bits.ts numbering), the top 24 bits of the word as a
 * multiple of 2^-24 (Random123 `u01fixedpt.h` closed_open_32_float). Exact in float32; the
 * values are the 2^24 points 0, 2^-24, …, 1 − 2^-24, each with probability 2^-24.
 *
 * @example uniformFloat32(foldInPath(key(0), 'demo'), 3) // Float32Array of 3 values in [0, 1)
 */
export function uniformFloat32(k: RandomKey, count: number, offset = 0, out?: Float32Array): Float32Array {
  assertKey('uniformFloat32', 'k', k);
  assertDraw('uniformFloat32', count, offset, out);
  const result = out ?? new Float32Array(count);
  fillUniform(k, offset, result);
  return result;
}

/** The kernel of `uniformFloat32`: draws the words into `out`'s own bytes, then converts in place. */
function fillUniform(k: RandomKey, offset: number, out: Float32Array): void {
  const words = new Uint32Array(out.buffer, out.byteOffset, out.length);
  fillWords(k, 0, offset, words);
  for (let i = 0; i < out.length; i++) out[i] = (words[i]! >>> 8) * TWO_POW_MINUS_24;
}

/** The largest float32 below the finite float32 `x`. */
function float32Below(x: number): number {
  if (x === 0) return -1.401298464324817e-45; // −2^-149, the negative subnormal nearest 0
  const float = new Float32Array([x]);
  const bits = new Uint32Array(float.buffer);
  bits[0] = x > 0 ? bits[0]! - 1 : bits[0]! + 1;
  return float[0]!;
}

/**
 * `count` float32 values uniform on [minval, maxval). With lo = fround(minval), hi =
 * fround(maxval) and u element i of `uniformFloat32(k, count, offset)`, element i is
 * fround(lo + u · (hi − lo)), evaluated in float64 in that order (subtract, multiply, add), then
 * rounded once to float32. NOTE: that rounding can reach hi when hi − lo is large or lo is far
 * from 0; such a value is replaced by the largest float32 below hi, so every value is in
 * [lo, hi). If lo = hi every value is lo. Throws unless minval ≤ maxval are finite in float32.
 *
 * @example uniformRange(k, 100, -0.05, 0.05) // RandomUniform's default range
 */
export function uniformRange(
  k: RandomKey,
  count: number,
  minval: number,
  maxval: number,
  offset = 0,
  out?: Float32Array,
): Float32Array {
  const fn = 'uniformRange';
  assertKey(fn, 'k', k);
  assertFinite(fn, 'minval', minval);
  assertFinite(fn, 'maxval', maxval);
  const lo = Math.fround(minval);
  const hi = Math.fround(maxval);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new Error(`${fn}: expected minval and maxval within the float32 range, received minval=${minval}, maxval=${maxval}`);
  }
  if (!(lo <= hi)) {
    throw new Error(`${fn}: expected minval <= maxval, received minval=${minval}, maxval=${maxval}`);
  }
  assertDraw(fn, count, offset, out);
  const result = out ?? new Float32Array(count);
  fillUniform(k, offset, result);
  const width = hi - lo;
  const below = lo < hi ? float32Below(hi) : lo;
  for (let i = 0; i < count; i++) {
    const value = Math.fround(lo + result[i]! * width);
    result[i] = value < hi ? value : below;
  }
  return result;
}
