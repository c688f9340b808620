import { describe, expect, it } from 'vitest';
import { computeFans } from '../../src/initializers/fans.js';

describe('computeFans (Keras compute_fans)', () => {
  it('gives (1, 1) for a scalar', () => {
    expect(computeFans([])).toEqual([1, 1]);
  });

  it('gives (s0, s0) for a vector, where TF.js would give sqrt(s0)', () => {
    expect(computeFans([7])).toEqual([7, 7]);
  });

  it('gives (rows, columns) for a Dense kernel [in, units]', () => {
    expect(computeFans([784, 128])).toEqual([784, 128]);
  });

  it('multiplies the last two extents by the receptive field for convolution kernels', () => {
    expect(computeFans([5, 4, 3])).toEqual([20, 15]);
    expect(computeFans([3, 3, 16, 32])).toEqual([144, 288]);
    expect(computeFans([2, 3, 3, 16, 32])).toEqual([288, 576]);
  });

  it('keeps using the receptive field above rank 5, where TF.js switches to sqrt(size)', () => {
    expect(computeFans([2, 2, 2, 2, 3, 5])).toEqual([48, 80]);
  });

  it('gives zero fans for empty extents', () => {
    expect(computeFans([0, 4])).toEqual([0, 4]);
  });
});
