import { describe, expect, it } from 'vitest';
import { cos64, log64, sin64 } from '../../src/math/index.js';
import { foldInPath, key } from '../../src/random/key.js';
import type { RandomKey } from '../../src/random/key.js';
import { normalFloat32 } from '../../src/random/normal.js';
import { philox4x32_10 } from '../../src/random/philox.js';

const bitsOf = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

// Upper 0.1% point of the chi-square distribution with 49 degrees of freedom (mpmath).
const CHI2_999_DF49 = 85.35;

/** The Box–Muller construction of box-muller.ts, written independently, one element at a time. */
function documentedStandard(k: RandomKey, stream: number, position: number, log = log64, cos = cos64, sin = sin64): number {
  const block = philox4x32_10([Math.floor(position / 2), 0, stream, 0], [k.k0, k.k1]);
  const u1 = ((block[0]! >>> 11) * 2 ** 32 + block[1]! + 1) / 2 ** 53;
  const u2 = ((block[2]! >>> 11) * 2 ** 32 + block[3]!) / 2 ** 53;
  const r = Math.sqrt(-2 * log(u1));
  const theta = 6.283185307179586 * u2;
  return position % 2 === 0 ? r * cos(theta) : r * sin(theta);
}

/** Standard normal CDF from Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7): enough to bin. */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe('normalFloat32', () => {
  // Golden bits computed by this code and committed deliberately: they pin the Box–Muller
  // construction, the counter layout and (through log64, cos64, sin64) src/math.
  it('pins the first values for seed 2024', () => {
    expect(bitsOf(normalFloat32(key(2024), 6))).toEqual([0x3f7ffeea, 0xbdc6cd23, 0x3f9559e2, 0xbf5f1c47, 0x3f028470, 0xbf6b7393]);
    expect(bitsOf(normalFloat32(key(2024), 4, 0.5, 2))).toEqual([0x401fff75, 0x3e9c996f, 0x403559e2, 0xbf9f1c47]);
  });

  it('follows its documented construction: fround(mean + stddev * z), z by Box–Muller', () => {
    const k = key(41);
    const values = normalFloat32(k, 3001, -1.25, 0.3, 5);
    const expected = Float32Array.from({ length: 3001 }, (_, i) => -1.25 + 0.3 * documentedStandard(k, 0, 5 + i));
    expect(bitsOf(values)).toEqual(bitsOf(expected));
  });

  it('agrees with Box–Muller through the engine\'s Math.log, Math.cos and Math.sin to float32 rounding', () => {
    const k = key(42);
    const values = normalFloat32(k, 2000);
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const z = documentedStandard(k, 0, i, Math.log, Math.cos, Math.sin);
      worst = Math.max(worst, Math.abs(values[i]! - z) / Math.max(1, Math.abs(z)));
    }
    expect(worst).toBeLessThanOrEqual(2 ** -23);
  });

  it('gives the bits of a whole draw when drawn in two halves with offsets (odd split)', () => {
    const k = foldInPath(key(1), 'test/normal');
    for (const n of [5000, 5001]) {
      const whole = normalFloat32(k, n, 0, 1, 3);
      const half = 2501; // odd: the split falls between the two elements of a Box–Muller pair
      const parts = new Float32Array(n);
      normalFloat32(k, half, 0, 1, 3, parts.subarray(0, half));
      normalFloat32(k, n - half, 0, 1, 3 + half, parts.subarray(half));
      expect(bitsOf(parts)).toEqual(bitsOf(whole));
    }
  });

  it('is deterministic, and seed 0 differs from seed 1', () => {
    expect(bitsOf(normalFloat32(key(0), 32))).toEqual(bitsOf(normalFloat32(key(0), 32)));
    expect(bitsOf(normalFloat32(key(0), 32))).not.toEqual(bitsOf(normalFloat32(key(1), 32)));
  });

  it('has mean 0, variance 1 and P(|z| > 2) = 0.0455 within 4 standard errors', () => {
    const n = 200000;
    const z = normalFloat32(foldInPath(key(3), 'test/stats'), n);
    let sum = 0;
    let sumSq = 0;
    let beyond = 0;
    for (const x of z) {
      sum += x;
      sumSq += x * x;
      if (Math.abs(x) > 2) beyond++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - mean * mean - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    const tail = 0.0455002638963584; // 2 Φ(−2), mpmath
    expect(Math.abs(beyond / n - tail)).toBeLessThan(4 * Math.sqrt((tail * (1 - tail)) / n));
  });

  it('passes a chi-square test over 50 equiprobable bins', () => {
    const n = 200000;
    const z = normalFloat32(foldInPath(key(4), 'test/chi2'), n);
    const counts = new Float64Array(50);
    for (const x of z) counts[Math.min(49, Math.floor(normalCdf(x) * 50))]!++;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - n / 50) ** 2 / (n / 50);
    expect(chi2).toBeLessThan(CHI2_999_DF49);
  });

  it('gives uncorrelated values for the two elements of a Box–Muller pair', () => {
    const n = 200000;
    const z = normalFloat32(key(5), n);
    let product = 0;
    for (let i = 0; i < n; i += 2) product += z[i]! * z[i + 1]!;
    expect(Math.abs(product / (n / 2))).toBeLessThan(4 / Math.sqrt(n / 2));
  });

  it('gives the mean everywhere when stddev is 0', () => {
    expect(Array.from(normalFloat32(key(0), 3, 1.5, 0))).toEqual([1.5, 1.5, 1.5]);
  });

  it('rejects a negative or non-finite stddev and a non-finite mean', () => {
    expect(() => normalFloat32(key(0), 1, 0, -1)).toThrow(/normalFloat32: expected stddev >= 0, received stddev=-1/);
    expect(() => normalFloat32(key(0), 1, 0, Number.POSITIVE_INFINITY)).toThrow(/received stddev=Infinity/);
    expect(() => normalFloat32(key(0), 1, Number.NaN, 1)).toThrow(/received mean=NaN/);
  });
});
