/**
 * An exact, mergeable sum of float64 values: nothing is rounded until value(), so any split of
 * the inputs into chunks, accumulated separately and merged in any order, gives the same bits
 * as one pass (DESIGN.md law 2 for reductions split across workers or shards).
 */

import { addBlocks, type BlockState } from './exact-blocks.js';
import { roundSlots } from './exact-round.js';
import {
  carrySlots, CARRY_BUDGET, clearSlots, emptySlotState, notANumber, SLOT_COUNT,
} from './exact-slots.js';

/** How many add() calls are gathered before they are summed as one block. */
const BUFFER_LENGTH = 512;

/**
 * Exact sum of float64 values, rounded once (to nearest, ties to even) by value(). Values are
 * split error-free in blocks (exact-blocks.ts) into a superaccumulator of integer slots that
 * spans the whole float64 range (exact-slots.ts, after Neal 2015), so partial sums can never
 * overflow or lose a bit.
 *
 * Special values follow IEEE and Python's math.fsum: any NaN, or both +Infinity and -Infinity,
 * give NaN; otherwise an infinite input gives that infinity. Unlike Python, which raises
 * OverflowError, a finite sum whose partial sums pass 2^1024 is still exact ([1e308, 1e308,
 * -1e308] gives 1e308); an exact sum that itself rounds past the largest double gives
 * ±Infinity. Only -0 inputs give -0 (as in Python 3.12); another exact zero, or no input,
 * gives +0.
 *
 * @example
 * const a = new ExactAccumulator().addAll([1e100, 1]);
 * const b = new ExactAccumulator().add(-1e100);
 * a.merge(b).value(); // 1
 */
export class ExactAccumulator {
  private readonly slots: Float64Array = new Float64Array(SLOT_COUNT);
  /** Non-finite inputs, -0 evidence, the nonzero slot range, the block path's guess. */
  private readonly state: BlockState = { ...emptySlotState(), guess: 0, mode: 0, blocks: 0 };
  /** Every |slot| < load * 2^32; kept within CARRY_BUDGET by carry passes. */
  private load = 1;
  private count = 0;
  /** Values given to add() and not yet summed: they go through the block path together. */
  private buffer: Float64Array | undefined;
  private buffered = 0;

  /** Adds one value exactly. */
  add(x: number): this {
    if (typeof x !== 'number') throw new TypeError(`x: expected a number, received ${describe(x)}`);
    const buffer = this.buffer ??= new Float64Array(BUFFER_LENGTH);
    buffer[this.buffered++] = x;
    if (this.buffered === BUFFER_LENGTH) this.flush();
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
   * Adds the exact sum held by `other`, whose value is left unchanged; merging an accumulator
   * into itself doubles it.
   */
  merge(other: ExactAccumulator): this {
    this.flush();
    other.flush();
    if (this.load + other.load > CARRY_BUDGET) {
      this.carry();
      other.carry();
    }
    const mine = this.slots, theirs = other.slots, state = this.state, from = other.state;
    for (let k = from.low; k <= from.high; k++) mine[k] += theirs[k];
    state.low = Math.min(state.low, from.low);
    state.high = Math.max(state.high, from.high);
    state.special += from.special;
    state.signAnd &= from.signAnd;
    this.load += other.load;
    this.count += other.count;
    return this;
  }

  /** The exact sum rounded once to the nearest float64 (ties to even). */
  value(): number {
    this.flush();
    const state = this.state;
    if (state.special !== 0) return state.special;
    const rounded = roundSlots(this.slots, state.low, state.high);
    if (rounded === 0 && this.count > 0 && state.signAnd < 0) return -0;
    return rounded;
  }

  /** An independent accumulator holding the same exact sum. */
  clone(): ExactAccumulator {
    this.flush();
    const copy = new ExactAccumulator();
    copy.slots.set(this.slots);
    Object.assign(copy.state, this.state);
    copy.load = this.load;
    copy.count = this.count;
    return copy;
  }

  /** Empties the accumulator, as if new. */
  clear(): this {
    clearSlots(this.slots, this.state);
    this.state.guess = 0;
    this.state.mode = 0;
    this.state.blocks = 0;
    this.load = 1;
    this.count = 0;
    this.buffered = 0;
    return this;
  }

  private flush(): void {
    if (this.buffered === 0 || this.buffer === undefined) return;
    const length = this.buffered;
    this.buffered = 0;
    this.addIndexed(this.buffer, length);
  }

  private carry(): void {
    carrySlots(this.slots, this.state);
    this.load = 1;
  }

  private addIndexed(values: ArrayLike<number>, n: number = values.length): this {
    for (let start = 0; start < n;) {
      if (this.load >= CARRY_BUDGET) this.carry();
      const end = Math.min(n, start + CARRY_BUDGET - this.load);
      addBlocks(this.slots, values, start, end, this.state);
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
