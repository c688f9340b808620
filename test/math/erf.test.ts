import { describe, expect, it } from 'vitest';
import { erf, erf64 } from '../../src/math/erf.js';

describe('erf special values (C99 Annex F.9.5.1)', () => {
  it('erf(±0) is ±0', () => {
    expect(erf(0)).toBe(0);
    expect(erf(-0)).toBe(-0);
    expect(erf64(-0)).toBe(-0);
  });

  it('erf(±Infinity) is ±1 and erf(NaN) is NaN', () => {
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(NaN)).toBe(NaN);
  });

  it('erf is exactly odd: erf(-x) = -erf(x) bit for bit', () => {
    for (let i = 0; i < 3000; i++) {
      const x = i * 0.0027 + 1e-7;
      expect(erf64(-x)).toBe(-erf64(x));
    }
  });

  it('float32 erf rounds to exactly 1 from about 3.92 on and never exceeds 1', () => {
    // mpmath: 1 - erf(3.92) = 2.961e-8 < 2^-25 = 2.980e-8 (half an ulp below 1 in float32)
    expect(erf(3.92)).toBe(1);
    expect(erf(3.8)).toBeLessThan(1);
    for (let x = 0; x < 8; x += 0.01) expect(erf(x)).toBeLessThanOrEqual(1);
  });

  it('erf of tiny x is 2x/sqrt(pi) rounded', () => {
    // mpmath: erf(1e-30) = 1.1283791670955127e-30 (float64-rounded)
    expect(erf64(1e-30)).toBe(1.1283791670955127e-30);
  });
});
