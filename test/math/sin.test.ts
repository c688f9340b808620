import { describe, expect, it } from 'vitest';
import { sin, sin64 } from '../../src/math/sin.js';

describe('sin special values (C99 Annex F.9.1.6)', () => {
  it('sin(±0) is ±0', () => {
    expect(sin(0)).toBe(0);
    expect(sin(-0)).toBe(-0);
    expect(sin64(-0)).toBe(-0);
  });

  it('sin(±Infinity) and sin(NaN) are NaN', () => {
    expect(sin(Infinity)).toBe(NaN);
    expect(sin(-Infinity)).toBe(NaN);
    expect(sin(NaN)).toBe(NaN);
  });

  it('sin of a subnormal is the subnormal itself', () => {
    expect(sin(-(2 ** -149))).toBe(-(2 ** -149));
  });

  it('sin is exactly odd: sin(-x) = -sin(x) bit for bit, also for huge x', () => {
    for (let i = 1; i < 2000; i++) {
      const x = Math.fround(i * 1.37) * (i % 7 === 0 ? 1e30 : 1);
      expect(sin64(-x)).toBe(-sin64(x));
    }
  });
});

describe('sin argument reduction', () => {
  // Expected values: mpmath (600 to 2000 bits), rounded to float64.
  it('reduces the largest float32 exactly', () => {
    expect(sin64(3.4028234663852886e38)).toBe(-0.5218765233336585);
  });

  it('reduces 1e22 and the largest float64 exactly (Payne-Hanek)', () => {
    expect(sin64(1e22)).toBe(-0.8522008497671888);
    expect(sin64(1.7976931348623157e308)).toBe(0.004961954789184062);
  });

  it('sin(pi rounded to float64) is pi minus that double', () => {
    expect(sin64(Math.PI)).toBe(1.2246467991473532e-16);
  });

  it('reduces the float64 closest to a multiple of pi/2 (6381956970095103 * 2^797)', () => {
    // The hardest case for float64 range reduction (Muller, "Elementary Functions"): the
    // remainder is ~4.7e-19, so ~61 bits cancel.
    expect(sin64(6381956970095103 * 2 ** 797)).toBe(1);
    expect(sin64(157081.20347581647)).toBe(1);
    expect(sin64(785398.1633974483)).toBe(-5.579780453402178e-11);
  });
});
