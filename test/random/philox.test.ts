import { describe, expect, it } from 'vitest';
import { philox4x32_10, philoxBlocks } from '../../src/random/philox.js';
import { keyFromWords } from '../../src/random/key.js';

/** Independent BigInt re-implementation of Random123 philox4x32 (10 rounds), for comparison. */
function philoxBigInt(counter: readonly number[], key: readonly number[]): number[] {
  const mask = 0xffffffffn;
  let [x0, x1, x2, x3] = counter.map(BigInt) as [bigint, bigint, bigint, bigint];
  let [k0, k1] = key.map(BigInt) as [bigint, bigint];
  for (let round = 0; round < 10; round++) {
    const p0 = 0xd2511f53n * x0;
    const p1 = 0xcd9e8d57n * x2;
    [x0, x1, x2, x3] = [(p1 >> 32n) ^ x1 ^ k0, p1 & mask, (p0 >> 32n) ^ x3 ^ k1, p0 & mask];
    k0 = (k0 + 0x9e3779b9n) & mask;
    k1 = (k1 + 0xbb67ae85n) & mask;
  }
  return [x0, x1, x2, x3].map(Number);
}

/** A small fixed-seed generator for test inputs only (xorshift32). */
function testWords(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

const hex = (words: ArrayLike<number>): string[] => Array.from(words, (w) => w.toString(16).padStart(8, '0'));

describe('philox4x32_10', () => {
  // Known-answer vectors from Random123 tests/kat_vectors (REFERENCE.md section 6).
  it('matches the Random123 KAT vector for a zero counter and key', () => {
    expect(hex(philox4x32_10([0, 0, 0, 0], [0, 0]))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
  });

  it('matches the Random123 KAT vector for an all-ones counter and key', () => {
    const ones = 0xffffffff;
    expect(hex(philox4x32_10([ones, ones, ones, ones], [ones, ones]))).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
  });

  it('matches the Random123 KAT vector for the digits of pi', () => {
    const block = philox4x32_10([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]);
    expect(hex(block)).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });

  it('agrees with a BigInt implementation on 20,000 pseudo-random counters and keys', () => {
    const next = testWords(12345);
    const out = new Uint32Array(4);
    for (let trial = 0; trial < 20000; trial++) {
      const counter = [next(), next(), next(), next()];
      const keyWords = [next(), next()];
      philox4x32_10(counter, keyWords, out);
      const expected = philoxBigInt(counter, keyWords);
      if (out[0] !== expected[0] || out[1] !== expected[1] || out[2] !== expected[2] || out[3] !== expected[3]) {
        expect(hex(out)).toEqual(hex(expected));
      }
    }
  });

  it('agrees with a BigInt implementation at the extreme multiplier inputs', () => {
    const edges = [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    for (const a of edges) {
      for (const b of edges) {
        const counter = [a, b, b, a];
        expect(hex(philox4x32_10(counter, [b, a]))).toEqual(hex(philoxBigInt(counter, [b, a])));
      }
    }
  });

  it('writes into out when given and returns it', () => {
    const out = new Uint32Array(4);
    expect(philox4x32_10([0, 0, 0, 0], [0, 0], out)).toBe(out);
    expect(out[0]).toBe(0x6627e8d5);
  });
});

describe('philoxBlocks', () => {
  it('block b of stream s is philox4x32_10([b mod 2^32, floor(b / 2^32), s, 0], key)', () => {
    const k = keyFromWords(0xdeadbeef, 0x01234567);
    const first = 2 ** 32 - 3; // crosses the carry into the high counter word
    const count = 6;
    const out = new Uint32Array(4 * count);
    philoxBlocks(k, 7, first, count, out);
    for (let i = 0; i < count; i++) {
      const b = first + i;
      const expected = philoxBigInt([b % 2 ** 32, Math.floor(b / 2 ** 32), 7, 0], [k.k0, k.k1]);
      expect(Array.from(out.subarray(4 * i, 4 * i + 4))).toEqual(expected);
    }
  });

  it('handles block indices near 2^53', () => {
    const k = keyFromWords(1, 2);
    const first = 2 ** 53 - 2;
    const out = new Uint32Array(8);
    philoxBlocks(k, 0, first, 2, out);
    expect(Array.from(out.subarray(4, 8))).toEqual(philoxBigInt([0xffffffff, 2 ** 21 - 1, 0, 0], [1, 2]));
  });

  it('drawing blocks in two calls gives the bits of one call', () => {
    const k = keyFromWords(99, 100);
    const whole = new Uint32Array(4 * 50);
    philoxBlocks(k, 3, 1000, 50, whole);
    const parts = new Uint32Array(4 * 50);
    philoxBlocks(k, 3, 1000, 17, parts.subarray(0, 4 * 17));
    philoxBlocks(k, 3, 1017, 33, parts.subarray(4 * 17));
    expect(parts).toEqual(whole);
  });
});
