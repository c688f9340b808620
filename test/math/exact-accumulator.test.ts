import { describe, expect, it } from 'vitest';
import { ExactAccumulator, exactAccumulator } from '../../src/math/exact-accumulator.js';
import { fsum } from '../../src/math/fsum.js';
import { expectSameBits, generator, randomDouble } from './helpers.js';

/** Mixed data: dense runs (the block path), wide exponents (the slots), zeros and a huge pair. */
function mixedValues(next: () => number, length: number): number[] {
  const values: number[] = [];
  while (values.length < length) {
    const run = 1 + (next() % 1500);
    const kind = next() % 3;
    const scale = 2 ** ((next() % 120) - 60);
    for (let i = 0; i < run; i++) {
      if (kind === 0) values.push((next() / 2 ** 32 - 0.3) * scale);
      else if (kind === 1) values.push(randomDouble(next, 1, 2046));
      else values.push(i % 4 === 0 ? 0 : (next() % 1000) * scale);
    }
  }
  values.length = length;
  values.push(1e308, 1e308, -1e308, -1e308);
  return values;
}

/** Splits [0, n) at sorted random cut points. */
function randomCuts(next: () => number, n: number, pieces: number): number[] {
  const cuts = new Set<number>([0, n]);
  while (cuts.size < pieces + 1) cuts.add(next() % (n + 1));
  return [...cuts].sort((a, b) => a - b);
}

describe('ExactAccumulator', () => {
  it('gives fsum of everything it was given, whether added one by one, in arrays or iterables', () => {
    const values = mixedValues(generator(1), 5000);
    const expected = fsum(values);
    expectSameBits(new ExactAccumulator().addAll(values).value(), expected);
    const single = new ExactAccumulator();
    for (const x of values) single.add(x);
    expectSameBits(single.value(), expected);
    expectSameBits(exactAccumulator().addAll(new Set(values.slice(0, 100))).addAll(values.slice(100)).value(), expected);
  });

  it('gives the same bits however the input is split into chunks and the chunks merged', () => {
    const next = generator(2);
    for (let trial = 0; trial < 25; trial++) {
      const values = mixedValues(next, 1 + (next() % 6000));
      const expected = fsum(values);
      const cuts = randomCuts(next, values.length, 1 + (next() % 12));
      const parts: ExactAccumulator[] = [];
      for (let i = 0; i + 1 < cuts.length; i++) {
        const chunk = values.slice(cuts[i], cuts[i + 1]);
        const part = new ExactAccumulator();
        if (i % 3 === 0) part.addAll(Float64Array.from(chunk));
        else if (i % 3 === 1) for (const x of chunk) part.add(x);
        else part.addAll(chunk);
        parts.push(part);
      }
      // Merge in a random order: pairwise at random, the survivor merged into an empty one.
      while (parts.length > 1) {
        const a = parts.splice(next() % parts.length, 1)[0];
        const b = parts.splice(next() % parts.length, 1)[0];
        parts.push(next() % 2 === 0 ? a.merge(b) : b.merge(a));
      }
      expectSameBits(new ExactAccumulator().merge(parts[0]).value(), expected);
      expectSameBits(parts[0].value(), expected);
    }
  });

  it('leaves the merged-in accumulator unchanged and keeps a clone independent', () => {
    const values = mixedValues(generator(3), 3000);
    const a = new ExactAccumulator().addAll(values.slice(0, 1500));
    const b = new ExactAccumulator().addAll(values.slice(1500));
    const bValue = b.value();
    a.merge(b);
    expectSameBits(b.value(), bValue);
    expectSameBits(a.value(), fsum(values));
    const copy = a.clone();
    copy.add(1e300).add(12345);
    expectSameBits(a.value(), fsum(values));
    expectSameBits(copy.value(), fsum([...values, 1e300, 12345]));
  });

  it('doubles when merged with itself or with its clone', () => {
    const values = mixedValues(generator(4), 4000);
    const doubled = fsum([...values, ...values]);
    const a = new ExactAccumulator().addAll(values);
    expectSameBits(a.merge(a.clone()).value(), doubled);
    const b = new ExactAccumulator().addAll(values);
    expectSameBits(b.merge(b).value(), doubled);
    expectSameBits(new ExactAccumulator().add(-0).merge(new ExactAccumulator().add(-0)).value(), -0);
    expectSameBits(new ExactAccumulator().add(-0).merge(new ExactAccumulator()).value(), -0);
    expectSameBits(new ExactAccumulator().merge(new ExactAccumulator()).value(), 0);
  });

  it('keeps NaN, infinities and -0 through merges as one pass would', () => {
    const cases = [[Infinity], [-Infinity], [NaN], [Infinity, -Infinity], [-0], [0], [-0, -0], [1], [-Infinity, -0]];
    for (const left of cases) {
      for (const right of cases) {
        const merged = new ExactAccumulator().addAll(left).merge(new ExactAccumulator().addAll(right));
        expectSameBits(merged.value(), fsum([...left, ...right]));
      }
    }
  });

  it('can keep adding after value(), which changes nothing', () => {
    const values = mixedValues(generator(5), 2000);
    const a = new ExactAccumulator();
    for (let i = 0; i < values.length; i += 100) {
      a.addAll(values.slice(i, i + 100));
      expectSameBits(a.value(), a.value());
      expectSameBits(a.value(), fsum(values.slice(0, i + 100)));
    }
  });

  it('stays exact past the carry budget (2^20 additions to one slot between carries)', () => {
    // Magnitudes 2^1000 apart cannot be split in blocks, so every value goes to the slots, x
    // adding 2^32 - 1 to one slot each time: 3 * 2^20 - 1 of them (an odd count: one is
    // replaced by 0) pass 2^53 there unless carried. Two more terms, -2^20 x and -2^21 x, leave
    // an exact sum of -x + 2^20 y, which rounds to -x; one unit lost in that slot is one ulp of x.
    const x = 1.9999999999999998 * 2 ** 500;
    const y = -1.4999999999999998 * 2 ** -500;
    const values = new Float64Array((1 << 22) + 2);
    for (let i = 0; i < 1 << 22; i++) values[i] = i % 4 === 3 ? y : x;
    values[12345 * 4] = 0;
    values[1 << 22] = -x * 2 ** 20;
    values[(1 << 22) + 1] = -x * 2 ** 21;
    const expected = -x;
    expectSameBits(new ExactAccumulator().addAll(values).value(), expected);
    // Merges add up loads too: four parts each just under the budget, merged into an empty
    // accumulator with the rest, then the whole merged onto itself.
    const part = (1 << 20) - 4;
    const whole = new ExactAccumulator();
    for (let i = 0; i < 4; i++) whole.merge(new ExactAccumulator().addAll(values.subarray(i * part, (i + 1) * part)));
    whole.merge(new ExactAccumulator().addAll(values.subarray(4 * part)));
    expectSameBits(whole.value(), expected);
    expectSameBits(whole.merge(whole).value(), expected * 2);
    const single = new ExactAccumulator();
    for (let i = 0; i < values.length; i++) single.add(values[i]);
    expectSameBits(single.value(), expected);
  });

  it('rejects values that are not numbers, naming them', () => {
    const a = new ExactAccumulator();
    expect(() => a.add('1' as unknown as number)).toThrow(/x: expected a number, received string/);
    expect(() => a.addAll(undefined as unknown as number[])).toThrow(/values: expected .*received undefined/);
    expect(() => a.addAll([1, null] as unknown as number[])).toThrow(/values\[1\]: expected a number, received null/);
    expect(() => a.addAll(new Set([1, 'a']) as unknown as number[])).toThrow(/values\[1\]: expected a number, received string/);
  });
});
