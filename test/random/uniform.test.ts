import { describe, expect, it } from 'vitest';
import { randomBits } from '../../src/random/bits.js';
import { foldInPath, key } from '../../src/random/key.js';
import { philox4x32_10 } from '../../src/random/philox.js';
import { uniformFloat32, uniformRange } from '../../src/random/uniform.js';

const bitsOf = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

// Upper 0.1% points of the chi-square distribution (mpmath, regularized upper incomplete gamma).
const CHI2_999_DF99 = 148.23;

function chiSquare(counts: ArrayLike<number>, expected: number): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += (counts[i]! - expected) ** 2 / expected;
  return sum;
}

describe('randomBits', () => {
  it('numbers words by position: word w is word w mod 4 of block floor(w / 4)', () => {
    const k = key(77);
    const bits = randomBits(k, 11, 3);
    for (let i = 0; i < 11; i++) {
      const w = 3 + i;
      expect(bits[i]).toBe(philox4x32_10([Math.floor(w / 4), 0, 0, 0], [77, 0])[w % 4]);
    }
  });

  it('starts with the Random123 zero-counter KAT vector for seed 0', () => {
    expect(Array.from(randomBits(key(0), 4))).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
  });

  it('gives the same words drawn whole or in pieces at any offsets', () => {
    const k = key(5);
    const whole = randomBits(k, 10007, 1);
    const pieces = new Uint32Array(10007);
    for (const [start, end] of [[0, 1], [1, 6], [6, 5003], [5003, 10007]] as const) {
      randomBits(k, end - start, 1 + start, pieces.subarray(start, end));
    }
    expect(pieces).toEqual(whole);
  });
});

describe('uniformFloat32', () => {
  // Golden bits computed by this code and committed deliberately: they pin the uniform
  // construction and the counter layout. Changing them changes every golden fingerprint.
  it('pins the first values for seed 2024', () => {
    expect(bitsOf(uniformFloat32(key(2024), 6))).toEqual([0x3f1a8b6b, 0x3e898120, 0x3f7c0ea9, 0x3dab3460, 0x3eb14c28, 0x3edf2d88]);
  });

  it('is (w >>> 8) * 2^-24 of the raw words', () => {
    const k = key(11);
    const words = randomBits(k, 1000);
    const u = uniformFloat32(k, 1000);
    expect(bitsOf(u)).toEqual(bitsOf(Float32Array.from(words, (w) => (w >>> 8) / 2 ** 24)));
  });

  it('gives the bits of a whole draw when drawn in two halves with offsets', () => {
    const k = foldInPath(key(1), 'test/uniform');
    for (const n of [1000, 1001]) {
      const whole = uniformFloat32(k, n);
      const half = Math.floor(n / 2) + 1; // an odd split point, inside a Philox block
      const parts = new Float32Array(n);
      uniformFloat32(k, half, 0, parts.subarray(0, half));
      uniformFloat32(k, n - half, half, parts.subarray(half));
      expect(bitsOf(parts)).toEqual(bitsOf(whole));
    }
  });

  it('is deterministic, and seed 0 differs from seed 1', () => {
    expect(bitsOf(uniformFloat32(key(0), 64))).toEqual(bitsOf(uniformFloat32(key(0), 64)));
    expect(bitsOf(uniformFloat32(key(0), 64))).not.toEqual(bitsOf(uniformFloat32(key(1), 64)));
  });

  it('has mean 1/2 and variance 1/12 within 4 standard errors', () => {
    const n = 200000;
    const u = uniformFloat32(foldInPath(key(3), 'test/stats'), n);
    let sum = 0;
    let sumSq = 0;
    for (const x of u) {
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    // Standard error of a sample variance: √((μ4 − σ⁴) / n), with μ4 = 1/80 and σ⁴ = 1/144.
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(4 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('passes a chi-square test over 100 equal bins', () => {
    const n = 200000;
    const u = uniformFloat32(foldInPath(key(4), 'test/chi2'), n);
    const counts = new Float64Array(100);
    for (const x of u) counts[Math.floor(x * 100)]!++;
    expect(chiSquare(counts, n / 100)).toBeLessThan(CHI2_999_DF99);
  });

  it('stays in [0, 1)', () => {
    const u = uniformFloat32(key(8), 100000);
    expect(u.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('writes into out and returns it; rejects a wrong out length, count or offset', () => {
    const out = new Float32Array(3);
    expect(uniformFloat32(key(0), 3, 0, out)).toBe(out);
    expect(() => uniformFloat32(key(0), 4, 0, out)).toThrow(/uniformFloat32: expected out to have length count=4, received out.length=3/);
    expect(() => uniformFloat32(key(0), -1)).toThrow(/received count=-1/);
    expect(() => uniformFloat32(key(0), 2, 0.5)).toThrow(/received offset=0.5/);
    expect(uniformFloat32(key(0), 0)).toHaveLength(0);
  });
});

describe('uniformRange', () => {
  it('pins the first values for seed 2024 on [-0.05, 0.05)', () => {
    expect(bitsOf(uniformRange(key(2024), 6, -0.05, 0.05))).toEqual([0x3c29e2ad, 0xbcbd97cd, 0x3d467ddb, 0xbd2a8f20, 0xbc7bd91a, 0xbbd20fcd]);
  });

  it('is fround(lo + u * (hi - lo)) of the uniform draw', () => {
    const k = key(12);
    const u = uniformFloat32(k, 1000, 17);
    const r = uniformRange(k, 1000, -3, 5.5, 17);
    expect(bitsOf(r)).toEqual(bitsOf(Float32Array.from(u, (x) => -3 + x * 8.5)));
  });

  it('stays below maxval where rounding would reach it', () => {
    // Near 1e8 the float32 spacing is 8: lo + u * 8 rounds up to hi for u > 1/2.
    const lo = Math.fround(1e8);
    const hi = lo + 8;
    const r = uniformRange(key(1), 1000, lo, hi);
    expect(Array.from(r).every((x) => x >= lo && x < hi)).toBe(true);
    expect(Array.from(r).some((x) => x === hi - 8)).toBe(true);
    const wide = uniformRange(key(2), 10000, -3.4e38, 3.4e38);
    expect(Array.from(wide).every((x) => x >= Math.fround(-3.4e38) && x < Math.fround(3.4e38))).toBe(true);
  });

  it('stays below maxval = 0 by the negative subnormal nearest zero', () => {
    const r = uniformRange(key(3), 100000, -1e-45, 0);
    expect(Array.from(r).every((x) => x === -1.401298464324817e-45)).toBe(true);
  });

  it('gives minval everywhere when minval equals maxval', () => {
    expect(Array.from(uniformRange(key(0), 3, 2, 2))).toEqual([2, 2, 2]);
  });

  it('gives the bits of a whole draw when drawn in two halves with offsets', () => {
    const k = key(21);
    const whole = uniformRange(k, 999, -1, 1);
    const parts = new Float32Array(999);
    uniformRange(k, 333, -1, 1, 0, parts.subarray(0, 333));
    uniformRange(k, 666, -1, 1, 333, parts.subarray(333));
    expect(bitsOf(parts)).toEqual(bitsOf(whole));
  });

  it('rejects reversed, non-finite and float32-overflowing bounds', () => {
    expect(() => uniformRange(key(0), 1, 1, 0)).toThrow(/uniformRange: expected minval <= maxval, received minval=1, maxval=0/);
    expect(() => uniformRange(key(0), 1, Number.NaN, 0)).toThrow(/received minval=NaN/);
    expect(() => uniformRange(key(0), 1, 0, 1e39)).toThrow(/float32 range/);
  });
});
