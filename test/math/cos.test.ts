import { describe, expect, it } from 'vitest';
import { cos, cos64 } from '../../src/math/cos.js';

describe('cos special values (C99 Annex F.9.1.5)', () => {
  it('cos(±0) is 1', () => {
    expect(cos(0)).toBe(1);
    expect(cos(-0)).toBe(1);
  });

  it('cos(±Infinity) and cos(NaN) are NaN', () => {
    expect(cos(Infinity)).toBe(NaN);
    expect(cos(-Infinity)).toBe(NaN);
    expect(cos(NaN)).toBe(NaN);
  });

  it('cos is exactly even: cos(-x) = cos(x) bit for bit, also for huge x', () => {
    for (let i = 1; i < 2000; i++) {
      const x = Math.fround(i * 1.37) * (i % 7 === 0 ? 1e30 : 1);
      expect(cos64(-x)).toBe(cos64(x));
    }
  });
});

describe('cos argument reduction', () => {
  // Expected values: mpmath (600 to 2000 bits), rounded to float64.
  it('reduces the largest float32 exactly', () => {
    expect(cos64(3.4028234663852886e38)).toBe(0.8530210398303042);
  });

  it('reduces 1e22 and the largest float64 exactly (Payne-Hanek)', () => {
    expect(cos64(1e22)).toBe(0.523214785395139);
    expect(cos64(1.7976931348623157e308)).toBe(-0.9999876894265599);
  });

  it('cos of pi/2 rounded to float32 is the tiny remainder, not 0', () => {
    expect(cos64(1.5707963705062866)).toBe(-4.371139000186241e-8);
  });

  it('reduces the float64 closest to a multiple of pi/2 (6381956970095103 * 2^797)', () => {
    // The hardest case for float64 range reduction (Muller, "Elementary Functions"): the
    // remainder is ~4.7e-19, so ~61 bits cancel.
    expect(cos64(6381956970095103 * 2 ** 797)).toBe(-4.687165924254628e-19);
    expect(cos64(157081.20347581647)).toBe(-9.560159306988088e-12);
    expect(cos64(4.71238898038469)).toBe(-1.8369701987210297e-16);
  });
});
