/**
 * Rounds the exact value held in superaccumulator slots (see exact-slots.ts) to the nearest
 * float64, ties to even, with one rounding: the overlapping slots are first folded into
 * non-overlapping base-2^32 digits, carried to a canonical sign-magnitude form, and the top 53
 * bits are then rounded with a guard bit and a sticky bit.
 */

import { pow2 } from './exact-slots.js';

const TWO32 = 4294967296;
const TWO64 = TWO32 * TWO32;
/** Base-2^32 digits: slot bit positions reach 2142, plus 64 bits of spread and a carry. */
const DIGIT_COUNT = 72;

/** 2^i for i in [0, 64], as exact doubles. */
const POW2: Float64Array = new Float64Array(65);
for (let i = 0, p = 1; i <= 64; i++, p *= 2) POW2[i] = p;

// NOTE: reused across calls (typed-array allocation is slow); roundSlots never re-enters.
const digits = new Float64Array(DIGIT_COUNT);

/** Carries digits[from..to] so each lies in [0, 2^32); digits[to + 1] takes the rest. */
function carryDigits(from: number, to: number): void {
  for (let c = from; c <= to; c++) {
    const up = Math.floor(digits[c] / TWO32);
    digits[c] -= up * TWO32;
    digits[c + 1] += up;
  }
}

/**
 * The float64 nearest to the exact sum held in slots[low..high] (the rest being zero), ties
 * to even, ±Infinity when that sum is at least 2^1024 - 2^970 in magnitude. An exact zero
 * gives +0.
 */
export function roundSlots(slots: Float64Array, low: number, high: number): number {
  if (low > high) return 0;
  // Slot k is worth slots[k] * 2^(k - 1 - 1074): bit position p = k - 1 = 32c + r.
  const first = Math.max(low - 1, 0) >>> 5;
  const last = Math.min(((high - 1) >>> 5) + 3, DIGIT_COUNT - 2);
  // NOTE: roundDigits reads the two digits below the top one, which may lie below `first`:
  // clear them too, or a previous call's digits leak into this rounding.
  digits.fill(0, Math.max(first - 2, 0), last + 2);
  for (let k = Math.max(low, 1); k <= high; k++) {
    const v = slots[k];
    if (v === 0) continue;
    const p = k - 1;
    const c = p >>> 5;
    // NOTE: |v| < 2^53, so w = v * 2^r has at most 53 significant bits below 2^84 and each
    // split below is exact: the pieces are w's own bits, regrouped by 32-bit digit.
    const w = v * POW2[p & 31];
    const top = Math.trunc(w / TWO64);
    const rest = w - top * TWO64;
    const middle = Math.trunc(rest / TWO32);
    digits[c] += rest - middle * TWO32;
    digits[c + 1] += middle;
    digits[c + 2] += top;
  }
  carryDigits(first, last);
  let negative = false;
  if (digits[last + 1] < 0) {
    negative = true;
    for (let c = first; c <= last + 1; c++) digits[c] = -digits[c];
    carryDigits(first, last);
  }
  let t = last + 1;
  while (t >= first && digits[t] === 0) t--;
  if (t < first) return 0;
  const magnitude = roundDigits(t, first);
  return negative ? -magnitude : magnitude;
}

/**
 * Rounds sum(digits[c] * 2^(32c - 1074)), digits in [0, 2^32) and zero below `first`, top
 * nonzero digit t: the top 53 bits of the window top * 2^64 + next * 2^32 + last, with a
 * guard and a sticky bit. Every step is exact in float64 (each value stays below 2^53).
 */
function roundDigits(t: number, first: number): number {
  const top = digits[t];
  const bits = 32 - Math.clz32(top);
  if (32 * t + bits <= 53) {
    // A multiple of 2^-1074 below 2^-1021: exact (subnormal or in the first normal binade).
    return (t === 0 ? top : top * TWO32 + digits[0]) * pow2(-1074);
  }
  const next = digits[t - 1];
  const last = t >= 2 ? digits[t - 2] : 0;
  let sticky = false;
  for (let c = first; c < t - 2; c++) if (digits[c] !== 0) sticky = true;
  const drop = bits + 11; // the window has bits + 64 bits; keep 53
  let mantissa = top * POW2[53 - bits];
  let rest: number;
  if (drop <= 32) {
    const lastKept = Math.floor(last / POW2[drop]);
    mantissa += next * POW2[32 - drop] + lastKept;
    rest = last - lastKept * POW2[drop];
  } else {
    const nextKept = Math.floor(next / POW2[drop - 32]);
    mantissa += nextKept;
    rest = (next - nextKept * POW2[drop - 32]) * TWO32 + last;
  }
  const half = POW2[drop - 1];
  if (rest > half || (rest === half && (sticky || mantissa % 2 === 1))) mantissa += 1;
  const exponent = 32 * (t - 2) + drop - 1074;
  // NOTE: 2^52 <= mantissa <= 2^53; past 2^971 the product is at least 2^1024: Infinity.
  if (exponent > 971) return Infinity;
  return mantissa * pow2(exponent);
}
