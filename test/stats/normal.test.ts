import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from '../../src/stats/log-gamma.js';
import { normalCdf, normalQuantile, normalUpperTail } from '../../src/stats/normal.js';

// Reference values: mpmath 1.3 at 50 digits (700 for the quantile, whose erfinv needs it near
// p = 1e-300), inputs taken as the exact doubles of the literals, printed with repr(float(·)):
// ncdf(z); √2 erfinv(2p − 1); loggamma(x); log(beta(a, b)).
const NORMAL_CDF: [number, number][] = [
  [-37, 5.725571222524577e-300], [-20, 2.7536241186062337e-89], [-8, 6.220960574271784e-16], [-3, 0.0013498980316300946], [-2, 0.02275013194817921], [-1.5, 0.06680720126885807], [-0.5, 0.3085375387259869], [0, 0.5], [0.7, 0.758036347776927], [2.5, 0.9937903346742238], [6, 0.9999999990134123],
];
const NORMAL_QUANTILE: [number, number][] = [
  [1e-300, -37.0470962993612], [1e-20, -9.262340089798407], [1e-5, -4.264890793922825], [0.01, -2.326347874040841], [0.3, -0.5244005127080408], [0.5, 0], [0.8, 0.8416212335729144], [0.975, 1.9599639845400538], [0.9999999999, 6.361340889697422],
];
const LOG_GAMMA: [number, number][] = [
  [1e-20, 46.051701859880914], [0.5, 0.5723649429247001], [1, 0], [1.5, -0.12078223763524522], [2, 0], [3.7, 1.428072326665388], [9.99, 12.779315214350193], [10, 12.801827480081469], [123.4, 469.3360974421906], [1e6, 12815504.569147611], [1e300, 6.897755278982137e+302],
];
const LOG_BETA: [number, number, number][] = [
  [0.5, 0.5, 1.1447298858494002], [2, 3, -2.4849066497880004], [0.5, 5e5, -5.988816495777464], [3e6, 2e6, -3365064.4150237534], [12.5, 0.5, -0.6805020408007404], [4.5, 20, -11.39687376812733],
];

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe('standard normal', () => {
  it('CDF matches mpmath to 1e-14 relative, down to 1e-300 in the lower tail', () => {
    for (const [z, expected] of NORMAL_CDF) expect(relativeError(normalCdf(z), expected), `z=${z}`).toBeLessThan(1e-14);
  });

  it('upper tail keeps its digits where 1 − CDF would not', () => {
    for (const [z, expected] of NORMAL_CDF) if (z < 0) expect(relativeError(normalUpperTail(-z), expected), `z=${-z}`).toBeLessThan(1e-14);
  });

  it('quantile matches mpmath to 1e-14 relative from p = 1e-300 to 1 − 1e-10', () => {
    for (const [p, expected] of NORMAL_QUANTILE) expect(relativeError(normalQuantile(p), expected), `p=${p}`).toBeLessThan(1e-14);
  });

  it('quantile gives ±Infinity at 0 and 1 and NaN outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
  });
});

describe('log-gamma and log-beta', () => {
  it('logGamma matches mpmath to 2e-15 absolute or relative, whichever is larger', () => {
    for (const [x, expected] of LOG_GAMMA) {
      expect(Math.abs(logGamma(x) - expected), `x=${x}`).toBeLessThan(2e-15 * Math.max(1, Math.abs(expected)));
    }
  });

  it('logBeta keeps its digits when the arguments are large and the log-gammas would cancel', () => {
    for (const [a, b, expected] of LOG_BETA) {
      expect(Math.abs(logBeta(a, b) - expected), `a=${a}, b=${b}`).toBeLessThan(8e-15 * Math.max(1, Math.abs(expected)));
      expect(Object.is(logBeta(a, b), logBeta(b, a))).toBe(true);
    }
  });

  it('gives NaN outside the positive reals', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logBeta(0, 1)).toBeNaN();
  });
});
