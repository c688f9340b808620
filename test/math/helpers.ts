import { expect } from 'vitest';

/** xorshift128 (Marsaglia 2003) on four 32-bit words: a fixed-seed test generator. */
export function generator(seed: number): () => number {
  let a = seed >>> 0 || 1, b = 362436069, c = 521288629, d = 88675123;
  return () => {
    const t = a ^ (a << 11);
    a = b; b = c; c = d;
    d = (d ^ (d >>> 19) ^ t ^ (t >>> 8)) >>> 0;
    return d;
  };
}

const view = new DataView(new ArrayBuffer(8));

/** A double with a random sign, fraction and a biased exponent in [low, high]. */
export function randomDouble(next: () => number, low: number, high: number): number {
  const biased = low + (next() % (high - low + 1));
  view.setUint32(0, ((next() & 0x80000000) | (biased << 20) | (next() & 0xfffff)) >>> 0);
  view.setUint32(4, next());
  return view.getFloat64(0);
}

/** Bitwise equality of two doubles, NaN equal to NaN and -0 distinct from +0. */
export function expectSameBits(actual: number, expected: number): void {
  expect(Object.is(actual, expected), `${actual} vs ${expected}`).toBe(true);
}
