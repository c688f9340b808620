import { describe, expect, it } from 'vitest';
import { tanh, tanh64 } from '../../src/math/tanh.js';

describe('tanh special values (C99 Annex F.9.2.6)', () => {
  it('tanh(±0) is ±0', () => {
    expect(tanh(0)).toBe(0);
    expect(tanh(-0)).toBe(-0);
    expect(tanh64(-0)).toBe(-0);
  });

  it('tanh(±Infinity) is ±1 and tanh(NaN) is NaN', () => {
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBe(NaN);
  });

  it('tanh of a subnormal is the subnormal itself', () => {
    expect(tanh(-(2 ** -149))).toBe(-(2 ** -149));
  });

  it('tanh is exactly odd: tanh(-x) = -tanh(x) bit for bit', () => {
    for (let i = 0; i < 2000; i++) {
      const x = Math.fround(i * 0.0123 + 1e-6);
      expect(tanh64(-x)).toBe(-tanh64(x));
    }
  });

  it('float32 tanh reaches ±1 for large |x| and never exceeds it', () => {
    expect(tanh(10)).toBe(1);
    expect(tanh(-10)).toBe(-1);
    for (let x = 0; x < 30; x += 0.0625) expect(Math.abs(tanh(x))).toBeLessThanOrEqual(1);
  });
});
