import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, bootstrapMeans } from '../../src/stats/bootstrap.js';
import { median, quantileSorted, sortNumbers } from '../../src/stats/quantile.js';
import { summarizeSample } from '../../src/stats/sample-summary.js';
import { studentT975 } from '../../src/stats/student-t.js';
import { summarize } from '../../src/stats/summary.js';

const ACCURACIES = [0.912, 0.925, 0.901, 0.933, 0.918, 0.907, 0.929, 0.915, 0.921, 0.936, 0.909, 0.924];

/** The same values in another order (a fixed rotation and reversal). */
function reordered(values: readonly number[]): number[] {
  return [...values.slice(5), ...values.slice(0, 5)].reverse();
}

function sameBits(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, (_k, v: unknown) => (typeof v === 'number' ? `${v}${Object.is(v, -0) ? '-0' : ''}` : v)) ===
    JSON.stringify(b, (_k, v: unknown) => (typeof v === 'number' ? `${v}${Object.is(v, -0) ? '-0' : ''}` : v));
}

describe('sample quantiles', () => {
  it('interpolate linearly between order statistics as NumPy does', () => {
    // numpy 1.26: np.quantile([3.1, 0.5, 2.2, 9.0, 4.4, 1.7, 5.5], p) for the p below.
    const sorted = sortNumbers([3.1, 0.5, 2.2, 9.0, 4.4, 1.7, 5.5]);
    const expected: [number, number][] = [[0, 0.5], [0.025, 0.68], [0.25, 1.9500000000000002], [0.5, 3.1], [0.9, 6.900000000000001], [0.975, 8.474999999999998], [1, 9]];
    for (const [p, q] of expected) expect(quantileSorted(sorted, p)).toBe(q);
    expect(median([5, 1, 3, 2])).toBe(2.5);
  });

  it('sort −0 before +0 and NaN last, whatever the input order', () => {
    expect(Array.from(sortNumbers([NaN, 0, 3, -0, -1]))).toEqual([-1, -0, 0, 3, NaN]);
    expect(Object.is(sortNumbers([0, -0])[0], -0)).toBe(true);
  });
});

describe('bootstrap', () => {
  it('is a pure function of the values and the seed: the same bits on every call and in any order', () => {
    const a = bootstrapMeans(ACCURACIES, 'test', { resamples: 500 });
    const b = bootstrapMeans(reordered(ACCURACIES), 'test', { resamples: 500 });
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  });

  it('draws resample r the same way whatever the number of resamples', () => {
    const short = bootstrapMeans(ACCURACIES, 'test', { resamples: 100 });
    const long = bootstrapMeans(ACCURACIES, 'test', { resamples: 10_000 });
    expect(Buffer.from(long.subarray(0, 100).slice().buffer).equals(Buffer.from(short.buffer))).toBe(true);
  });

  it('changes with the seed and with the purpose path', () => {
    const base = bootstrapMeans(ACCURACIES, 'test', { resamples: 50 });
    expect(bootstrapMeans(ACCURACIES, 'test', { resamples: 50, seed: 1 })).not.toEqual(base);
    expect(bootstrapMeans(ACCURACIES, 'other', { resamples: 50 })).not.toEqual(base);
  });

  it('gives a mean interval inside [min, max] around the sample mean, close to the t interval', () => {
    const [lo, hi] = bootstrapMeanInterval(ACCURACIES);
    const t = summarize(ACCURACIES);
    expect(lo).toBeGreaterThan(Math.min(...ACCURACIES));
    expect(hi).toBeLessThan(Math.max(...ACCURACIES));
    expect(lo).toBeLessThan(t.mean);
    expect(hi).toBeGreaterThan(t.mean);
    // The percentile bootstrap is a little narrower than Student's t for n = 12 (it ignores the
    // t correction); both are about 2 standard errors wide on each side.
    expect((hi - lo) / (t.ci95[1] - t.ci95[0])).toBeGreaterThan(0.75);
    expect((hi - lo) / (t.ci95[1] - t.ci95[0])).toBeLessThan(1.05);
  });

  it('rejects a resample count that is not a positive integer', () => {
    expect(() => bootstrapMeans([1, 2], 'x', { resamples: 0 })).toThrow(/resamples must be a positive integer, received 0/);
  });
});

describe('summarizeSample', () => {
  it('reports n, mean, std, sem, the t interval, median, min, max and a bootstrap interval', () => {
    const s = summarizeSample([1, 2, 3, 4]);
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBe(Math.sqrt(5 / 3));
    expect(s.sem).toBe(Math.sqrt(5 / 3) / 2);
    expect(s.ci95).toEqual([2.5 - studentT975(3) * s.sem, 2.5 + studentT975(3) * s.sem]);
    expect([s.median, s.min, s.max]).toEqual([2.5, 1, 4]);
    expect(s.bootstrapCi95[0]).toBeGreaterThanOrEqual(1);
    expect(s.bootstrapCi95[1]).toBeLessThanOrEqual(4);
  });

  it('gives bit-identical statistics for the values in any order', () => {
    expect(sameBits(summarizeSample(reordered(ACCURACIES)), summarizeSample(ACCURACIES))).toBe(true);
  });

  it('agrees with summarize on what both report', () => {
    const s = summarizeSample(ACCURACIES);
    const t = summarize(ACCURACIES);
    expect([s.mean, s.std, s.sem, s.ci95, s.min, s.max]).toEqual([t.mean, t.std, t.sem, t.ci95, t.min, t.max]);
  });

  it('reports one value as its own mean, median, min and max, with NaN spread', () => {
    const s = summarizeSample([0.5]);
    expect([s.mean, s.median, s.min, s.max]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(s.std).toBeNaN();
    expect(s.ci95[0]).toBeNaN();
  });

  it('makes every statistic NaN when a run diverged to NaN', () => {
    const s = summarizeSample([0.5, NaN, 0.7]);
    for (const v of [s.mean, s.std, s.median, s.min, s.max, s.ci95[0], s.bootstrapCi95[1]]) expect(v).toBeNaN();
  });

  it('rejects an empty sample', () => {
    expect(() => summarizeSample([])).toThrow(/no values/);
  });
});
