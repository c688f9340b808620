import { describe, expect, it } from 'vitest';
import { sigmoid, sigmoid64 } from '../../src/math/sigmoid.js';

describe('sigmoid special values', () => {
  it('sigmoid(±0) is 0.5', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-0)).toBe(0.5);
  });

  it('sigmoid(-Infinity) is +0, sigmoid(Infinity) is 1, sigmoid(NaN) is NaN', () => {
    expect(sigmoid(-Infinity)).toBe(0);
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(NaN)).toBe(NaN);
  });

  it('sigmoid never overflows and keeps tiny results down to the float32 subnormals', () => {
    expect(sigmoid(-103)).toBeGreaterThan(0);
    expect(sigmoid(-104)).toBe(0);
    expect(sigmoid64(-740)).toBeGreaterThan(0);
    expect(sigmoid(1e30)).toBe(1);
    expect(sigmoid(-1e30)).toBe(0);
  });

  it('sigmoid(x) + sigmoid(-x) = 1 to float64 rounding', () => {
    for (let i = 0; i < 2000; i++) {
      const x = i * 0.017;
      expect(Math.abs(sigmoid64(x) + sigmoid64(-x) - 1)).toBeLessThanOrEqual(2 ** -52);
    }
  });
});
