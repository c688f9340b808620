import { describe, expect, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { key, normalFloat32 } from '../../src/random/index.js';
import { orthogonal } from '../../src/initializers/orthogonal.js';
import { orthonormalQ } from '../../src/initializers/qr.js';

/** Largest |(XᵀX − I)_ij| for the row-major r×c matrix X (columns orthonormal when r ≥ c). */
function columnOrthonormalityError(x: ArrayLike<number>, r: number, c: number): number {
  let worst = 0;
  for (let a = 0; a < c; a++) {
    for (let b = 0; b < c; b++) {
      let dot = 0;
      for (let i = 0; i < r; i++) dot += x[i * c + a]! * x[i * c + b]!;
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** The row-major c×r transpose of the row-major r×c matrix x. */
function transpose(x: ArrayLike<number>, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = x[i * c + j]!;
  return t;
}

describe('orthonormalQ (Householder QR in float64)', () => {
  it('gives the Q of a small matrix with a known factorization', () => {
    // [[3, 0], [4, 5]] = [[0.6, -0.8], [0.8, 0.6]] · [[5, 4], [0, 3]]
    const q = orthonormalQ(new Float64Array([3, 0, 4, 5]), 2, 2);
    [0.6, -0.8, 0.8, 0.6].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 15));
  });

  it('returns orthonormal columns with R = QᵀA upper triangular with a positive diagonal', () => {
    const [m, n] = [40, 25];
    const a = Float64Array.from(normalFloat32(key(5), m * n, 0, 1));
    const q = orthonormalQ(a, m, n);
    expect(columnOrthonormalityError(q, m, n)).toBeLessThan(1e-13);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rij = 0;
        for (let t = 0; t < m; t++) rij += q[t * n + i]! * a[t * n + j]!;
        if (i === j) expect(rij).toBeGreaterThan(0);
        if (i > j) expect(Math.abs(rij)).toBeLessThan(1e-12);
      }
    }
  });

  it('keeps the sign of a column whose diagonal is zero instead of zeroing it', () => {
    const q = orthonormalQ(new Float64Array([0, 1, 0, 0]), 2, 2); // first column zero
    expect(columnOrthonormalityError(q, 2, 2)).toBeLessThan(1e-15);
  });

  it('rejects a wide matrix', () => {
    expect(() => orthonormalQ(new Float64Array(6), 2, 3)).toThrow(/orthonormalQ: expected an m×n matrix with m >= n/);
  });
});

describe('orthogonal', () => {
  it('gives orthonormal columns for a tall kernel', () => {
    const values = orthogonal().apply([64, 32], 'float32', key(1)).dataSync();
    expect(columnOrthonormalityError(values, 64, 32)).toBeLessThan(1e-5);
  });

  it('gives orthonormal rows for a wide kernel (the RNN recurrent kernel [units, 4·units])', () => {
    const t = orthogonal().apply([16, 64], 'float32', key(2));
    expect(t.shape).toEqual([16, 64]);
    expect(columnOrthonormalityError(transpose(t.dataSync(), 16, 64), 64, 16)).toBeLessThan(1e-5);
  });

  it('gives an orthogonal square matrix: QᵀQ = QQᵀ = I', () => {
    const values = orthogonal().apply([50, 50], 'float32', key(3)).dataSync();
    expect(columnOrthonormalityError(values, 50, 50)).toBeLessThan(1e-5);
    expect(columnOrthonormalityError(transpose(values, 50, 50), 50, 50)).toBeLessThan(1e-5);
  });

  it('flattens all but the last axis of a convolution kernel', () => {
    const t = orthogonal().apply([3, 3, 8, 16], 'float32', key(4));
    expect(t.shape).toEqual([3, 3, 8, 16]);
    expect(columnOrthonormalityError(t.dataSync(), 72, 16)).toBeLessThan(1e-5);
  });

  it('is the documented construction: Q of N(0, 1) draws of shape [max, min], transposed when wide', () => {
    const [r, c] = [6, 10];
    const q = orthonormalQ(Float64Array.from(normalFloat32(key(6), 60, 0, 1)), c, r);
    const expected = Float32Array.from(transpose(q, c, r), (v) => 1.5 * v);
    expectSameBits(orthogonal({ gain: 1.5 }).apply([r, c], 'float32', key(6)).dataSync(), expected);
  });

  it('is bitwise deterministic, and a seeded one repeats at every call', () => {
    expectSameBits(orthogonal().apply([20, 30], 'float32', key(7)).dataSync(), orthogonal().apply([20, 30], 'float32', key(7)).dataSync());
    const seeded = orthogonal({ seed: 0 });
    expectSameBits(seeded.apply([12, 12], 'float32', key(1)).dataSync(), seeded.apply([12, 12], 'float32', key(2)).dataSync());
    expect(orthogonal().apply([8, 8], 'float32', key(1)).dataSync()).not.toEqual(orthogonal().apply([8, 8], 'float32', key(2)).dataSync());
  });

  it('multiplies by gain', () => {
    const one = orthogonal().apply([10, 10], 'float32', key(8)).dataSync();
    const two = orthogonal({ gain: 2 }).apply([10, 10], 'float32', key(8)).dataSync();
    expectSameBits(two, one.map((v) => 2 * v)); // doubling is exact
  });

  it('gives an empty tensor for an empty shape', () => {
    expect(orthogonal().apply([0, 4], 'float32', key(0)).size).toBe(0);
  });

  it('rejects shapes of rank below 2 and a non-finite gain, naming them', () => {
    expect(() => orthogonal().apply([5], 'float32', key(0))).toThrow(/Orthogonal: expected a shape of rank >= 2, received shape \[5\] \(rank 1\)/);
    expect(() => orthogonal().apply([], 'float32', key(0))).toThrow(/received shape \[\] \(rank 0\)/);
    expect(() => orthogonal({ gain: Number.NaN })).toThrow(/Orthogonal: expected gain to be a finite number, received gain=NaN/);
  });
});
