import { describe, expect, it } from 'vitest';
import { exp, exp64 } from '../../src/math/exp.js';

// Thresholds from mpmath: ln(FLT_MAX) = 88.72283905206835, ln(FLT_MAX + ulp/2) =
// 88.72283908187067; e^-103.97 is half the smallest float32 subnormal 2^-149.

describe('exp special values (C99 Annex F.9.3.1)', () => {
  it('exp(±0) is 1', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp64(-0)).toBe(1);
  });

  it('exp(-Infinity) is +0 and exp(Infinity) is Infinity', () => {
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp64(-Infinity)).toBe(0);
  });

  it('exp(NaN) is NaN', () => {
    expect(exp(NaN)).toBe(NaN);
    expect(exp64(NaN)).toBe(NaN);
  });
});

describe('exp overflow and underflow', () => {
  it('float32 exp overflows to Infinity exactly above ln(FLT_MAX + ulp/2)', () => {
    const below = Math.fround(88.72283); // 88.72283172607422, the last finite one
    const above = Math.fround(88.7228394); // 88.72283935546875
    // mpmath: e^88.72283172607422 = 3.4027985374118487e38 (float64-rounded)
    expect(exp(below)).toBe(Math.fround(3.4027985374118487e38));
    expect(exp(above)).toBe(Infinity);
  });

  it('float32 exp underflows gradually through the subnormals to +0', () => {
    expect(exp(-103)).toBeGreaterThan(0);
    expect(exp(-103)).toBeLessThan(2 ** -126);
    expect(exp(-104)).toBe(0);
  });

  it('exp64 keeps float64 subnormal results and overflows above ln(DBL_MAX)', () => {
    expect(exp64(-745)).toBe(5e-324);
    expect(exp64(-746)).toBe(0);
    expect(exp64(709.78)).toBeLessThan(Infinity);
    expect(exp64(709.79)).toBe(Infinity);
  });

  it('exp64 of small integers matches mpmath to the last bit', () => {
    // mpmath: e = 2.718281828459045..., e^10 = 22026.465794806718..., e^-1 = 0.36787944117144233...
    expect(exp64(1)).toBe(2.718281828459045);
    expect(exp64(10)).toBe(22026.465794806718);
    expect(exp64(-1)).toBe(0.36787944117144233);
  });
});
