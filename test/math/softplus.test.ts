import { describe, expect, it } from 'vitest';
import { exp } from '../../src/math/exp.js';
import { softplus, softplus64 } from '../../src/math/softplus.js';

describe('softplus special values and stability', () => {
  it('softplus(-Infinity) is +0, softplus(Infinity) is Infinity, softplus(NaN) is NaN', () => {
    expect(softplus(-Infinity)).toBe(0);
    expect(softplus(Infinity)).toBe(Infinity);
    expect(softplus(NaN)).toBe(NaN);
  });

  it('softplus(0) is ln 2 rounded', () => {
    // mpmath: ln 2 = 0.6931471805599453 (float64-rounded)
    expect(softplus64(0)).toBe(0.6931471805599453);
    expect(softplus(-0)).toBe(Math.fround(0.6931471805599453));
  });

  it('softplus(x) is x for large x, with no overflow in e^x', () => {
    expect(softplus(100)).toBe(100);
    expect(softplus(3e38)).toBe(Math.fround(3e38));
  });

  it('softplus(x) equals e^x for very negative x, down to the float32 subnormals', () => {
    for (const x of [-40, -60, -87.5, -100, -103]) expect(softplus(x)).toBe(exp(x));
    expect(softplus(-104)).toBe(0);
  });
});
