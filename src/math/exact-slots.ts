/**
 * The exact store behind ExactAccumulator: a Float64Array of integer-valued slots, one per
 * float64 exponent, in the spirit of Neal's "small superaccumulator" (R. M. Neal, "Fast exact
 * summation using small and large superaccumulators", arXiv:1505.05571, 2015) and of the
 * exponent-indexed bins of Zhu and Hayes (ACM TOMS Algorithm 908, 2010).
 *
 * A finite float64 x is sg * (M * 2^32 + L) * 2^(k - 1075), with sg = ±1, M < 2^21 its top
 * mantissa bits (implicit bit included), L < 2^32 its low word and k its biased exponent (1 for
 * subnormals, which share the unit of exponent 1). So adding x is two integer additions read
 * straight from its bits: sg * L into slot k and sg * M into slot k + 32, whose unit is 2^32
 * times larger. Slot k holds an integer-valued double worth slot * 2^(k - 1075).
 *
 * Every addition adds less than 2^32 to a slot, so 2^20 additions keep a slot below 2^52;
 * `carrySlots` then moves each slot's bits above 2^32 into the slot 32 above (lazy carry
 * propagation). The range covers every float64 and any count of them: partial sums never
 * overflow.
 */

/** Number of slots: exponents 1..2046, their high halves (+32), and two levels of carries. */
export const SLOT_COUNT: number = 2048 + 3 * 32;

/**
 * Slot additions allowed between carry passes: each slot then stays below 2^52, so a carry
 * arriving on top still leaves it below 2^53 (exact).
 */
export const CARRY_BUDGET: number = 1 << 20;

/**
 * What goes with the slots: the non-finite inputs, the sign evidence for a zero sum, and the
 * range of slots that may be nonzero (so that reading or clearing them skips the rest).
 */
export interface SlotState {
  /** IEEE sum of the ±Infinity and NaN inputs (0 when there were none). */
  special: number;
  /**
   * Sign bit set while every input may have been -0: the AND of the inputs' high words
   * (cleared outright by the block path, which only sees blocks holding a nonzero value).
   */
  signAnd: number;
  /** Lowest slot index that may be nonzero (SLOT_COUNT when none). */
  low: number;
  /** Highest slot index that may be nonzero (0 when none). */
  high: number;
}

/** A SlotState for empty slots. */
export function emptySlotState(): SlotState {
  return { special: 0, signAnd: -1, low: SLOT_COUNT, high: 0 };
}

const TWO32 = 4294967296;
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
// NOTE: the Uint32 word holding sign and exponent depends on the platform's byte order.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** 2^e as a float64 for an integer e in [-1074, 1023], built from its bits. */
export function pow2(e: number): number {
  if (e >= -1022) {
    scratchWords[HI] = (e + 1023) << 20;
    scratchWords[LO] = 0;
  } else if (e >= -1042) {
    scratchWords[HI] = 1 << (e + 1042);
    scratchWords[LO] = 0;
  } else {
    scratchWords[HI] = 0;
    scratchWords[LO] = 1 << (e + 1074);
  }
  return scratch[0];
}

/** The unbiased binary exponent of a positive finite float64 (-1023 for subnormals). */
export function exponentOf(x: number): number {
  scratch[0] = x;
  return ((scratchWords[HI] >>> 20) & 0x7ff) - 1023;
}

/** Adds one number into `slots` (the caller counts it against the carry budget). */
export function addToSlots(slots: Float64Array, x: number, state: SlotState): void {
  scratch[0] = x;
  const hi = scratchWords[HI];
  const exponent = (hi >>> 20) & 0x7ff;
  if (exponent === 0x7ff) {
    state.special += x;
    return;
  }
  const normal = (exponent + 0x7ff) >>> 11; // 0 for zeros and subnormals, else 1
  const sign = (hi >> 31) | 1;
  const k = exponent + 1 - normal;
  slots[k] += sign * scratchWords[LO];
  slots[k + 32] += sign * ((hi & 0xfffff) | (normal << 20));
  state.signAnd &= hi;
  if (k < state.low) state.low = k;
  if (k + 32 > state.high) state.high = k + 32;
}

/**
 * Adds values[start..end) into `slots` one by one (the steps of addToSlots, inlined: this is
 * the loop for inputs the block path cannot take).
 */
export function addRangeToSlots(
  slots: Float64Array, values: ArrayLike<number>, start: number, end: number, state: SlotState,
): void {
  let special = state.special;
  let signAnd = state.signAnd;
  let low = state.low;
  let high = state.high;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if (typeof x !== 'number') throw notANumber(x, i);
    scratch[0] = x;
    const hi = scratchWords[HI];
    const exponent = (hi >>> 20) & 0x7ff;
    if (exponent === 0x7ff) {
      special += x;
      continue;
    }
    const normal = (exponent + 0x7ff) >>> 11;
    const sign = (hi >> 31) | 1;
    const k = exponent + 1 - normal;
    slots[k] += sign * scratchWords[LO];
    slots[k + 32] += sign * ((hi & 0xfffff) | (normal << 20));
    signAnd &= hi;
    if (k < low) low = k;
    if (k + 32 > high) high = k + 32;
  }
  state.special = special;
  state.signAnd = signAnd;
  state.low = low;
  state.high = high;
}

/**
 * Carry pass: leaves every slot below the top 32 with |slot| < 2^32, moving the excess
 * (truncated toward zero, so signs may stay mixed) into the slot 32 above. Value unchanged.
 */
export function carrySlots(slots: Float64Array, state: SlotState): void {
  let high = state.high;
  for (let k = state.low; k <= high && k < SLOT_COUNT - 32; k++) {
    const v = slots[k];
    if (v >= TWO32 || v <= -TWO32) {
      // NOTE: v / 2^32 is exact (a power-of-two scaling) and so is the remainder below.
      const up = Math.trunc(v / TWO32);
      slots[k] = v - up * TWO32;
      slots[k + 32] += up;
      if (k + 32 > high) high = k + 32;
    }
  }
  state.high = high;
}

/** Zeroes the slots in the state's range and empties the state. */
export function clearSlots(slots: Float64Array, state: SlotState): void {
  if (state.low <= state.high) slots.fill(0, state.low, state.high + 1);
  state.special = 0;
  state.signAnd = -1;
  state.low = SLOT_COUNT;
  state.high = 0;
}

/** The TypeError for a non-number element, naming its index. */
export function notANumber(x: unknown, index: number): TypeError {
  return new TypeError(`values[${index}]: expected a number, received ${x === null ? 'null' : typeof x}`);
}
