import { describe, expect, it } from 'vitest';
import { expm1, expm164 } from '../../src/math/expm1.js';

describe('expm1 special values (C99 Annex F.9.3.3)', () => {
  it('expm1(±0) is ±0', () => {
    expect(expm1(0)).toBe(0);
    expect(expm1(-0)).toBe(-0);
    expect(expm164(-0)).toBe(-0);
  });

  it('expm1(-Infinity) is -1 and expm1(Infinity) is Infinity', () => {
    expect(expm1(-Infinity)).toBe(-1);
    expect(expm1(Infinity)).toBe(Infinity);
  });

  it('expm1(NaN) is NaN', () => {
    expect(expm1(NaN)).toBe(NaN);
  });

  it('expm1 of a subnormal is the subnormal itself', () => {
    expect(expm1(2 ** -149)).toBe(2 ** -149);
    expect(expm164(-5e-324)).toBe(-5e-324);
  });

  it('expm1 saturates to -1 for large negative x and overflows above ln(FLT_MAX)', () => {
    expect(expm1(-20)).toBe(-1);
    expect(expm164(-40)).toBe(-1);
    expect(expm1(89)).toBe(Infinity);
  });

  it('expm1 keeps full relative accuracy near 0', () => {
    // mpmath: expm1(1e-10) = 1.00000000005e-10 (float64-rounded)
    expect(expm164(1e-10)).toBe(1.00000000005e-10);
  });
});
