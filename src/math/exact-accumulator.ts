/**
 * An exact, mergeable sum of float64 values: nothing is rounded until value(), so any split of
 * the inputs into chunks, accumulated separately and merged in any order, gives the same bits
 * as one pass (DESIGN.md law 2 for reductions split across workers or shards).
 */

import { addBlocks, type BlockState } from './exact-blocks.js';
import { roundSlots } from './exact-round.js';
import { addToSlots, carrySlots, CARRY_BUDGET, notANumber, SLOT_COUNT } from './exact-slots.js';

/**
 * Exact sum of float64 values (a superaccumulator: fixed-point slots spanning the whole
 * float64 range, after Neal 2015), rounded once, to nearest with ties to even, by value().
 *
 * Special values follow IEEE and Python's math.fsum: any NaN, or both +Infinity and -Infinity,
 * give NaN; otherwise an infinite input gives that infinity. Unlike Python, a finite sum whose
 * partial sums pass 2^1024 is still exact ([1e308, 1e308, -1e308] gives 1e308); an exact sum
 * that itself rounds past the largest double gives ±Infinity. Only -0 inputs give -0 (as in
 * Python 3.12); an exact zero otherwise, or no input, gives +0.
 *
 * @example
 * const a = new ExactAccumulator().addAll([1e100, 1]);
 * const b = new ExactAccumulator().add(-1e100);
 * a.merge(b).value(); // 1
 */
export class ExactAccumulator {
  private readonly slots: Float64Array = new Float64Array(SLOT_COUNT);
  /** Non-finite inputs, the evidence for a -0 result, and the block path's exponent guess. */
  private readonly flags: BlockState = { special: 0, signAnd: -1, guess: 0, misses: 0 };
  /** Bound on the slots: every |slot| < load * 2^32, kept within CARRY_BUDGET. */
  private load = 1;
  private count = 0;

  /** Adds one value exactly. */
  add(x: number): this {
    if (typeof x !== 'number') throw new TypeError(`x: expected a number, received ${describe(x)}`);
    if (this.load >= CARRY_BUDGET) this.carry();
    addToSlots(this.slots, x, this.flags);
    this.load++;
    this.count++;
    return this;
  }

  /**
   * Adds every value of an array, a typed array or an iterable exactly. Throws a TypeError
   * naming the first element that is not a number (values before it may have been added).
   */
  addAll(values: ArrayLike<number> | Iterable<number>): this {
    if (isIndexable(values)) return this.addIndexed(values);
    if (values === null || typeof values !== 'object' || !(Symbol.iterator in values)) {
      throw new TypeError(`values: expected an array, typed array or iterable of numbers, received ${describe(values)}`);
    }
    let index = 0;
    for (const x of values) {
      if (typeof x !== 'number') throw notANumber(x, index);
      this.add(x);
      index++;
    }
    return this;
  }

  /**
   * Adds the exact sum held by `other` (left unchanged in value); merging an accumulator into
   * itself doubles it.
   */
  merge(other: ExactAccumulator): this {
    if (this.load + other.load > CARRY_BUDGET) {
      this.carry();
      other.carry();
    }
    const mine = this.slots;
    const theirs = other.slots;
    for (let k = 0; k < SLOT_COUNT; k++) mine[k] += theirs[k];
    this.load += other.load;
    this.count += other.count;
    this.flags.special += other.flags.special;
    this.flags.signAnd &= other.flags.signAnd;
    return this;
  }

  /** The exact sum rounded once to the nearest float64 (ties to even). */
  value(): number {
    if (this.flags.special !== 0) return this.flags.special;
    const rounded = roundSlots(this.slots);
    if (rounded === 0 && this.count > 0 && this.flags.signAnd < 0) return -0;
    return rounded;
  }

  /** An independent accumulator holding the same exact sum. */
  clone(): ExactAccumulator {
    const copy = new ExactAccumulator();
    copy.slots.set(this.slots);
    copy.load = this.load;
    copy.count = this.count;
    Object.assign(copy.flags, this.flags);
    return copy;
  }

  private carry(): void {
    carrySlots(this.slots);
    this.load = 1;
  }

  private addIndexed(values: ArrayLike<number>): this {
    const n = values.length;
    for (let start = 0; start < n;) {
      if (this.load >= CARRY_BUDGET) this.carry();
      const end = Math.min(n, start + CARRY_BUDGET - this.load);
      addBlocks(this.slots, values, start, end, this.flags);
      this.load += end - start;
      this.count += end - start;
      start = end;
    }
    return this;
  }
}

/**
 * A new, empty ExactAccumulator.
 * @example exactAccumulator().addAll([0.1, 0.2, -0.3]).value(); // 2.7755575615628914e-17
 */
export function exactAccumulator(): ExactAccumulator {
  return new ExactAccumulator();
}

/** Arrays and numeric typed arrays: read by index, the fast path. */
function isIndexable(values: unknown): values is ArrayLike<number> {
  return Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView)
    && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array));
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
