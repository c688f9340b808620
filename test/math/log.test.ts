import { describe, expect, it } from 'vitest';
import { log, log64 } from '../../src/math/log.js';

describe('log special values (C99 Annex F.9.3.7)', () => {
  it('log(±0) is -Infinity', () => {
    expect(log(0)).toBe(-Infinity);
    expect(log(-0)).toBe(-Infinity);
  });

  it('log(1) is +0', () => {
    expect(log(1)).toBe(0);
    expect(log64(1)).toBe(0);
  });

  it('log of a negative number, -Infinity or NaN is NaN', () => {
    expect(log(-1)).toBe(NaN);
    expect(log(-5e-324)).toBe(NaN);
    expect(log(-Infinity)).toBe(NaN);
    expect(log(NaN)).toBe(NaN);
  });

  it('log(Infinity) is Infinity', () => {
    expect(log(Infinity)).toBe(Infinity);
  });
});

describe('log of subnormal inputs', () => {
  it('log of the smallest float32 subnormal 2^-149 is -149 ln 2 rounded', () => {
    // mpmath: -149 ln 2 = -103.27892990343184 (float64-rounded)
    expect(log(2 ** -149)).toBe(Math.fround(-103.27892990343184));
  });

  it('log64 of the smallest float64 subnormal 2^-1074 is -1074 ln 2 rounded', () => {
    // mpmath: -1074 ln 2 = -744.4400719213812 (float64-rounded)
    expect(log64(5e-324)).toBe(-744.4400719213812);
  });

  it('log of every float32 power of two 2^k, k = -149..127, is k ln 2 rounded to float32', () => {
    // ln 2 = 0.6931471805599453 + 2.3190468138462996e-17 (mpmath, double-double); the float64
    // sum below is within ~1e-13 of k ln 2, far inside a float32 rounding interval here.
    for (let k = -149; k <= 127; k++) {
      const expected = Math.fround(k * 0.6931471805599453 + k * 2.3190468138462996e-17);
      expect(log(Math.fround(2 ** k))).toBe(expected);
    }
  });
});
