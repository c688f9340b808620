/**
 * Rounds the exact value held in superaccumulator slots (see exact-slots.ts) to the nearest
 * float64, ties to even, with one rounding: the overlapping slots are first folded into
 * non-overlapping base-2^32 digits, carried to a canonical sign-magnitude form, and the top 53
 * bits are then rounded with a guard bit and a sticky bit.
 */

import { pow2, SLOT_COUNT } from './exact-slots.js';

const TWO32 = 4294967296;
const TWO64 = TWO32 * TWO32;
/** Base-2^32 digits: slot bit positions reach 2142, plus 64 bits of spread and a carry. */
const DIGIT_COUNT = 72;

/** 2^r for r in [0, 31], as exact doubles. */
const SMALL_POW2: Float64Array = new Float64Array(32);
for (let r = 0, p = 1; r < 32; r++, p *= 2) SMALL_POW2[r] = p;

// NOTE: reused across calls (typed-array allocation is slow); roundSlots never re-enters.
const digits = new Float64Array(DIGIT_COUNT);

/** Carries base-2^32 digits so each lies in [0, 2^32); the last digit keeps the sign. */
function carryDigits(): void {
  for (let c = 0; c < DIGIT_COUNT - 1; c++) {
    const up = Math.floor(digits[c] / TWO32);
    digits[c] -= up * TWO32;
    digits[c + 1] += up;
  }
}

/**
 * The float64 nearest to the exact sum held in `slots` (ties to even), ±Infinity when that
 * sum is at least 2^1024 - 2^970 in magnitude. An exact zero gives +0.
 */
export function roundSlots(slots: Float64Array): number {
  digits.fill(0);
  for (let k = 1; k < SLOT_COUNT; k++) {
    const v = slots[k];
    if (v === 0) continue;
    // Slot k is worth v * 2^(k - 1 - 1074): bit position p = k - 1 = 32c + r.
    const p = k - 1;
    const c = p >>> 5;
    // NOTE: |v| < 2^53, so w = v * 2^r has at most 53 significant bits below 2^84 and each
    // split below is exact: the pieces are w's own bits, regrouped by 32-bit digit.
    const w = v * SMALL_POW2[p & 31];
    const top = Math.trunc(w / TWO64);
    const rest = w - top * TWO64;
    const middle = Math.trunc(rest / TWO32);
    digits[c] += rest - middle * TWO32;
    digits[c + 1] += middle;
    digits[c + 2] += top;
  }
  carryDigits();
  let negative = false;
  if (digits[DIGIT_COUNT - 1] < 0) {
    negative = true;
    for (let c = 0; c < DIGIT_COUNT; c++) digits[c] = -digits[c];
    carryDigits();
  }
  let t = DIGIT_COUNT - 1;
  while (t >= 0 && digits[t] === 0) t--;
  if (t < 0) return 0;
  const magnitude = roundDigits(t);
  return negative ? -magnitude : magnitude;
}

/** Rounds sum(digits[c] * 2^(32c - 1074)), digits in [0, 2^32), top nonzero digit t. */
function roundDigits(t: number): number {
  const low = t >= 2 ? t - 2 : 0;
  let window = 0n;
  for (let c = t; c >= low; c--) window = (window << 32n) | BigInt(digits[c]);
  let sticky = false;
  for (let c = 0; c < low; c++) if (digits[c] !== 0) sticky = true;
  const bits = 32 * (t - low) + 32 - Math.clz32(digits[t]);
  if (bits <= 53) return Number(window) * pow2(-1074); // exact: a multiple of 2^-1074 below 2^-1021
  const shift = bits - 53;
  let mantissa = window >> BigInt(shift);
  const remainder = window - (mantissa << BigInt(shift));
  const half = 1n << BigInt(shift - 1);
  if (remainder > half || (remainder === half && (sticky || (mantissa & 1n) === 1n))) mantissa += 1n;
  const exponent = 32 * low + shift - 1074;
  // NOTE: 2^52 <= mantissa <= 2^53; past 2^971 the product is at least 2^1024: Infinity.
  if (exponent > 971) return Infinity;
  return Number(mantissa) * pow2(exponent);
}
