import { describe, expect, it } from 'vitest';
import { foldIn, foldInPath, key } from '../../src/random/key.js';
import type { RandomKey } from '../../src/random/key.js';
import { permutation, shuffleInPlace } from '../../src/random/permutation.js';
import { philox4x32_10 } from '../../src/random/philox.js';

// Upper 0.1% points of the chi-square distribution (mpmath).
const CHI2_999_DF119 = 172.42;
const CHI2_999_DF24 = 51.18;

/** Fisher–Yates as documented, written independently with one Philox call per swap. */
function documentedPermutation(k: RandomKey, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    const range = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % range);
    let j = -1;
    for (let stream = 0; j < 0; stream++) {
      const w = philox4x32_10([Math.floor(i / 4), 0, stream, 0], [k.k0, k.k1])[i % 4]!;
      if (w < limit) j = w % range;
    }
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function isPermutation(p: ArrayLike<number>): boolean {
  const seen = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!(v >= 0 && v < p.length) || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

describe('permutation', () => {
  // Golden values computed by this code and committed deliberately (they pin the shuffle).
  it('pins the permutation of 10 for seed 2024', () => {
    expect(Array.from(permutation(key(2024), 10))).toEqual([1, 0, 5, 2, 9, 6, 7, 4, 8, 3]);
  });

  it('follows its documented Fisher–Yates, across chunk boundaries', () => {
    const k = foldInPath(key(3), 'fit/shuffle');
    expect(Array.from(permutation(k, 10000))).toEqual(documentedPermutation(k, 10000));
  });

  it('is a valid permutation for every size', () => {
    const k = key(8);
    for (const n of [0, 1, 2, 3, 4, 5, 17, 4096, 4097, 100000]) {
      const p = permutation(k, n);
      expect(p).toHaveLength(n);
      expect(isPermutation(p)).toBe(true);
    }
  });

  it('draws all 120 orders of 5 elements equally often (chi-square)', () => {
    const k = key(11);
    const trials = 24000;
    const counts = new Map<string, number>();
    for (let t = 0; t < trials; t++) {
      const order = permutation(foldIn(k, t), 5).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(120);
    const expected = trials / 120;
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(CHI2_999_DF119);
  });

  it('sends each element to each position equally often (chi-square, n = 5)', () => {
    const k = key(12);
    const trials = 20000;
    const counts = new Float64Array(25);
    for (let t = 0; t < trials; t++) {
      const p = permutation(foldIn(k, t), 5);
      for (let pos = 0; pos < 5; pos++) counts[5 * p[pos]! + pos]!++;
    }
    let chi2 = 0;
    for (const c of counts) chi2 += (c - trials / 5) ** 2 / (trials / 5);
    // 25 cells with 16 degrees of freedom in truth (rows and columns sum to trials); 24 is conservative.
    expect(chi2).toBeLessThan(CHI2_999_DF24);
  });

  it('is deterministic, and differs between seeds and between epochs', () => {
    const base = foldInPath(key(0), 'fit/shuffle');
    expect(permutation(foldIn(base, 0), 100)).toEqual(permutation(foldIn(base, 0), 100));
    expect(permutation(foldIn(base, 0), 100)).not.toEqual(permutation(foldIn(base, 1), 100));
    expect(permutation(key(0), 100)).not.toEqual(permutation(key(1), 100));
  });

  it('rejects a negative or fractional size', () => {
    expect(() => permutation(key(0), -1)).toThrow(/permutation: expected n .* received n=-1/);
    expect(() => permutation(key(0), 2.5)).toThrow(/received n=2.5/);
  });
});

describe('shuffleInPlace', () => {
  it('applies the same order as permutation to any array, in place', () => {
    const k = key(21);
    const items = Array.from({ length: 50 }, (_, i) => `item${i}`);
    const shuffled = shuffleInPlace(k, items);
    expect(shuffled).toBe(items);
    expect(items).toEqual(Array.from(permutation(k, 50), (i) => `item${i}`));
  });

  it('shuffles typed arrays', () => {
    const k = key(22);
    const data = new Float32Array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);
    shuffleInPlace(k, data);
    expect(Array.from(data)).toEqual(Array.from(permutation(k, 6), (i) => i + 0.5));
  });
});
