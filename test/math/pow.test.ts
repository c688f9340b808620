import { describe, expect, it } from 'vitest';
import { pow, pow64 } from '../../src/math/pow.js';

// Special cases: C99 Annex F.9.4.4 (ISO/IEC 9899:1999), item by item.

describe('pow special cases (C99 Annex F.9.4.4)', () => {
  it('pow(x, ±0) is 1 for any x, even NaN', () => {
    for (const x of [NaN, 0, -0, Infinity, -Infinity, -3, 2.5]) {
      expect(pow(x, 0)).toBe(1);
      expect(pow(x, -0)).toBe(1);
    }
  });

  it('pow(+1, y) is 1 for any y, even NaN', () => {
    for (const y of [NaN, Infinity, -Infinity, 0.5, -7, 1e30]) expect(pow(1, y)).toBe(1);
  });

  it('pow with a NaN argument is otherwise NaN', () => {
    expect(pow(NaN, 1)).toBe(NaN);
    expect(pow(2, NaN)).toBe(NaN);
    expect(pow(-1, NaN)).toBe(NaN);
  });

  it('pow(±0, y) for odd integer y < 0 is ±Infinity', () => {
    expect(pow(0, -3)).toBe(Infinity);
    expect(pow(-0, -3)).toBe(-Infinity);
    expect(pow(-0, -1)).toBe(-Infinity);
  });

  it('pow(±0, y) for y < 0 not an odd integer is +Infinity', () => {
    expect(pow(-0, -2)).toBe(Infinity);
    expect(pow(-0, -0.5)).toBe(Infinity);
    expect(pow(0, -Infinity)).toBe(Infinity);
    expect(pow(-0, -Infinity)).toBe(Infinity);
  });

  it('pow(±0, y) for odd integer y > 0 is ±0, else +0 for y > 0', () => {
    expect(pow(-0, 3)).toBe(-0);
    expect(pow(0, 3)).toBe(0);
    expect(pow(-0, 2)).toBe(0);
    expect(pow(-0, 0.5)).toBe(0);
    expect(pow(-0, Infinity)).toBe(0);
  });

  it('pow(-1, ±Infinity) is 1', () => {
    expect(pow(-1, Infinity)).toBe(1);
    expect(pow(-1, -Infinity)).toBe(1);
  });

  it('pow(x, -Infinity) is +Infinity for |x| < 1 and +0 for |x| > 1', () => {
    expect(pow(0.5, -Infinity)).toBe(Infinity);
    expect(pow(-0.5, -Infinity)).toBe(Infinity);
    expect(pow(2, -Infinity)).toBe(0);
    expect(pow(-2, -Infinity)).toBe(0);
  });

  it('pow(x, +Infinity) is +0 for |x| < 1 and +Infinity for |x| > 1', () => {
    expect(pow(0.5, Infinity)).toBe(0);
    expect(pow(-0.5, Infinity)).toBe(0);
    expect(pow(2, Infinity)).toBe(Infinity);
    expect(pow(-2, Infinity)).toBe(Infinity);
  });

  it('pow(-Infinity, y) follows the sign and parity of y', () => {
    expect(pow(-Infinity, -3)).toBe(-0);
    expect(pow(-Infinity, -2)).toBe(0);
    expect(pow(-Infinity, -0.5)).toBe(0);
    expect(pow(-Infinity, 3)).toBe(-Infinity);
    expect(pow(-Infinity, 2)).toBe(Infinity);
    expect(pow(-Infinity, 0.5)).toBe(Infinity);
  });

  it('pow(+Infinity, y) is +0 for y < 0 and +Infinity for y > 0', () => {
    expect(pow(Infinity, -1)).toBe(0);
    expect(pow(Infinity, 0.5)).toBe(Infinity);
  });

  it('pow of a finite negative x with a finite non-integer y is NaN', () => {
    expect(pow(-8, 1 / 3)).toBe(NaN);
    expect(pow(-2, 0.5)).toBe(NaN);
  });
});

describe('pow values', () => {
  it('negative bases with integer exponents keep the sign of odd powers', () => {
    expect(pow(-2, 3)).toBe(-8);
    expect(pow(-2, 4)).toBe(16);
    expect(pow(-2, -1)).toBe(-0.5);
    expect(pow64(-3, 2 ** 53)).toBe(Infinity); // 2^53 is even
  });

  it('exact results come out exact', () => {
    expect(pow(2, 10)).toBe(1024);
    expect(pow(4, 0.5)).toBe(2);
    expect(pow(10, -3)).toBe(Math.fround(0.001));
    expect(pow64(10, -3)).toBe(0.001);
    expect(pow64(2, -1074)).toBe(5e-324);
    for (let i = 1; i < 300; i++) expect(pow64(i * 0.37, 1)).toBe(i * 0.37);
  });

  it('float32 pow overflows to Infinity and underflows through the subnormals', () => {
    expect(pow(2, 128)).toBe(Infinity);
    expect(pow(2, 127)).toBe(2 ** 127);
    expect(pow(2, -149)).toBe(2 ** -149);
    expect(pow(2, -150)).toBe(0); // a tie, rounded to even
    expect(pow(0.5, 1e30)).toBe(0);
    expect(pow(1.0000001, 1e30)).toBe(Infinity);
  });
});
