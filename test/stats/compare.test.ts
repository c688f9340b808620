import { describe, expect, it } from 'vitest';
import { compare } from '../../src/stats/compare.js';
import { probabilityOfBeating } from '../../src/stats/pairs.js';
import { runsForPower } from '../../src/stats/power.js';
import { welchTTest } from '../../src/stats/welch.js';

const A = [0.91, 0.92, 0.90, 0.93, 0.915, 0.905, 0.925, 0.91, 0.92, 0.93];
const B = [0.921, 0.928, 0.914, 0.937, 0.926, 0.913, 0.937, 0.92, 0.924, 0.941];
const C = [1.2, 3.4, 2.2, 5.1, 0.4];
const D = [7.5, 6.1, 9.9, 8.0, 7.7, 6.6, 8.8, 9.1];

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe("Welch's t-test", () => {
  it('matches t, Welch–Satterthwaite df and p computed with mpmath', () => {
    // mpmath 1.3 at 50 digits on the exact doubles of the data: means and variances summed
    // exactly, t = Δ/√(v_a + v_b), df by Welch–Satterthwaite, p = betainc(df/2, ½, 0, df/(df+t²)).
    const expected: [number[], number[], number, number, number][] = [
      [A, B, 2.1457909463387015, 17.94066135259743, 0.045823457651766736],
      [C, D, 5.831214049787558, 6.390236977502938, 0.0008947292462409667],
    ];
    for (const [a, b, t, df, p] of expected) {
      const w = welchTTest(a, b);
      expect(relativeError(w.t, t)).toBeLessThan(1e-13);
      expect(relativeError(w.df, df)).toBeLessThan(1e-13);
      expect(relativeError(w.p, p)).toBeLessThan(1e-12);
    }
  });

  it('gives p = 1 for two equal constant samples and p = 0 for two different ones', () => {
    expect(welchTTest([1, 1, 1], [1, 1]).p).toBe(1);
    expect(welchTTest([1, 1, 1], [2, 2]).p).toBe(0);
  });

  it('needs two values per sample', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(/at least 2 values in each sample, received 1 and 2/);
  });
});

describe('probability of beating', () => {
  it('counts wins over all pairs with ties as half', () => {
    expect(probabilityOfBeating([3, 4], [1, 3])).toBe(0.875);
    expect(probabilityOfBeating([3, 4], [1, 3], true)).toBe(0.125);
    expect(probabilityOfBeating([1, 1], [1, 1])).toBe(0.5);
  });

  it('equals the brute-force count over every pair', () => {
    const a = [0.3, 0.1, 0.7, 0.7, 0.2, 0.9, 0.4];
    const b = [0.7, 0.5, 0.1, 0.8, 0.3];
    let wins = 0;
    for (const x of a) for (const y of b) wins += x > y ? 1 : x === y ? 0.5 : 0;
    expect(probabilityOfBeating(a, b)).toBe(wins / (a.length * b.length));
  });
});

describe('runs needed for 80 % power', () => {
  it('is within one run of the exact noncentral-t answer', () => {
    // scipy 1.17: smallest n with power ≥ 0.8 of the two-sided two-sample t-test at α = 0.05,
    // power = nct.sf(t_c, 2n−2, d√(n/2)) + nct.cdf(−t_c, 2n−2, d√(n/2)), t_c = t.ppf(0.975, 2n−2).
    const exact: [number, number][] = [[0.2, 394], [0.3, 176], [0.5, 64], [0.8, 26], [1.2, 12], [2, 6], [3, 4]];
    for (const [d, n] of exact) expect(Math.abs(runsForPower(d) - n), `d=${d}`).toBeLessThanOrEqual(1);
    expect(runsForPower(0.5)).toBe(64);
  });

  it('is Infinity when there is no effect, and grows with stricter alpha and higher power', () => {
    expect(runsForPower(0)).toBe(Infinity);
    expect(runsForPower(0.5, { alpha: 0.01 })).toBeGreaterThan(64);
    expect(runsForPower(0.5, { power: 0.9 })).toBeGreaterThan(64);
  });
});

describe('compare', () => {
  it('reports a significant difference in plain words', () => {
    const c = compare(A, B, { names: ['baseline', 'wide'], metric: 'accuracy' });
    expect(c.difference).toBeCloseTo(0.0096, 15);
    expect(c.significant).toBe(true);
    expect(c.bootstrapCi95[0]).toBeGreaterThan(0);
    expect(c.summary).toMatch(/^wide is better in \d+% of seed pairs \(mean accuracy 0\.9165 for baseline, 0\.9261 for wide; wide − baseline = \+0\.0096, bootstrap 95% CI \[/);
    expect(c.summary).toMatch(/the difference is significant at 5% with 10 runs each \(Welch's t-test, p = 0\.046\)\.$/);
  });

  it('says how many runs would be needed when the difference is not significant', () => {
    const c = compare(A, A.map((x, i) => x + (i % 2 === 0 ? 0.006 : -0.002)), { metric: 'accuracy' });
    expect(c.significant).toBe(false);
    expect(c.runsNeeded).toBe(runsForPower(c.effectSize));
    expect(c.summary).toMatch(/the difference is not significant at 5% with 10 runs each \(Welch's t-test, p = 0\.\d+\); about \d+ runs each would be needed to detect a difference this large \(80% power\)\.$/);
  });

  it('lets the lower value win for losses', () => {
    const c = compare(C, D, { lowerIsBetter: true, metric: 'loss' });
    expect(c.probabilityABeatsB).toBe(1);
    expect(c.summary).toMatch(/^A is better in 100% of seed pairs/);
    expect(c.summary).toMatch(/with 5 and 8 runs/);
  });

  it('is reproducible bit for bit and independent of the order of the runs', () => {
    const first = compare(A, B);
    const again = compare([...A].reverse(), [...B].reverse());
    expect(again).toEqual(first);
    expect(Object.is(again.bootstrapCi95[0], first.bootstrapCi95[0])).toBe(true);
  });

  it('says when the means are equal', () => {
    const c = compare([1, 2, 3], [3, 2, 1]);
    expect(c.runsNeeded).toBe(Infinity);
    expect(c.summary).toMatch(/^A and B are each better in half of the seed pairs .*no number of runs would detect a difference\.$/);
  });
});
