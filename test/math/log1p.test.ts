import { describe, expect, it } from 'vitest';
import { log1p, log1p64 } from '../../src/math/log1p.js';

describe('log1p special values (C99 Annex F.9.3.9)', () => {
  it('log1p(±0) is ±0', () => {
    expect(log1p(0)).toBe(0);
    expect(log1p(-0)).toBe(-0);
    expect(log1p64(-0)).toBe(-0);
  });

  it('log1p(-1) is -Infinity and below -1 it is NaN', () => {
    expect(log1p(-1)).toBe(-Infinity);
    expect(log1p(-1.5)).toBe(NaN);
    expect(log1p(-Infinity)).toBe(NaN);
    expect(log1p(NaN)).toBe(NaN);
  });

  it('log1p(Infinity) is Infinity', () => {
    expect(log1p(Infinity)).toBe(Infinity);
  });

  it('log1p of a subnormal is the subnormal itself', () => {
    expect(log1p(-(2 ** -149))).toBe(-(2 ** -149));
    expect(log1p64(5e-324)).toBe(5e-324);
  });

  it('log1p keeps full relative accuracy near 0', () => {
    // mpmath: log1p(1e-10) = 9.999999999500001e-11 (float64-rounded)
    expect(log1p64(1e-10)).toBe(9.999999999500001e-11);
  });
});
