import { describe, expect, it } from 'vitest';
import { argExtremum, extremum, prod, productOfOthers, reduceGeometry, sum } from '../../src/kernels/reference/reduce.js';
import { expectSameBits } from '../helpers/bits.js';
import { reduce, refOf } from '../helpers/reference.js';
import { randomValues, xorshift } from '../helpers/rng.js';

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** float64 accumulation in increasing index order (the reference helper's order), rounded once. */
function referenceReduce(x: Float32Array, shape: number[], axes: number[], init: number, f: (a: number, v: number) => number): Float32Array {
  return Float32Array.from(reduce(refOf(shape, x), axes, false, init, f).data);
}

const cases: { shape: number[]; axes: number[] }[] = [
  { shape: [1000], axes: [0] },
  { shape: [7, 130], axes: [1] },
  { shape: [130, 7], axes: [0] },
  { shape: [4, 5, 6], axes: [0, 2] },
  { shape: [4, 5, 6], axes: [1] },
  { shape: [3, 4, 5, 6], axes: [0, 1, 2, 3] },
  { shape: [3, 4, 5, 6], axes: [1, 3] },
  { shape: [2, 3], axes: [] },
];

describe('sum kernel', () => {
  const rng = xorshift(99);
  it.each(cases)('is a float64 sum in increasing index order, rounded once: shape $shape axes $axes', ({ shape, axes }) => {
    // Values of mixed magnitude so that the order and the accumulator width show in the bits.
    const x = randomValues(rng, size(shape), { lo: -1, hi: 1 }).map((v, i) => (i % 3 === 0 ? v * 4096 : v));
    const g = reduceGeometry(shape, axes);
    const out = new Float32Array(g.outSize);
    sum(x, g, out);
    expectSameBits(out, referenceReduce(x, shape, axes, 0, (a, v) => a + v));
  });

  it('differs from float32 accumulation, so the accumulator width is observable', () => {
    const x = randomValues(rng, 1000, { lo: -1, hi: 1 }).map((v, i) => (i % 3 === 0 ? v * 4096 : v));
    const out = new Float32Array(1);
    sum(x, reduceGeometry([1000], [0]), out);
    let f32 = 0;
    for (const v of x) f32 = Math.fround(f32 + v);
    expect(out[0]).not.toBe(f32);
  });

  it('sums int32 into int32 and an empty reduction to 0', () => {
    const out = new Int32Array(2);
    sum(Int32Array.from([1, 2, 3, 4, 5, 6]), reduceGeometry([2, 3], [1]), out);
    expect(Array.from(out)).toEqual([6, 15]);
    const empty = new Float32Array(2).fill(NaN);
    sum(new Float32Array(0), reduceGeometry([2, 0], [1]), empty);
    expect(Array.from(empty)).toEqual([0, 0]);
  });
});

describe('prod kernel', () => {
  it.each(cases.slice(1, 5))('is a float64 product in increasing index order, rounded once: shape $shape axes $axes', ({ shape, axes }) => {
    const rng = xorshift(5);
    const x = randomValues(rng, size(shape), { lo: 0.5, hi: 1.5 });
    const g = reduceGeometry(shape, axes);
    const out = new Float32Array(g.outSize);
    prod(x, g, out);
    expectSameBits(out, referenceReduce(x, shape, axes, 1, (a, v) => a * v));
  });
});

describe('extremum kernel', () => {
  it('takes the max or min over the reduced axes', () => {
    const x = Float32Array.from([3, -1, 7, 2, 9, -5]);
    const g = reduceGeometry([2, 3], [1]);
    const out = new Float32Array(2);
    extremum(x, g, out, 1);
    expect(Array.from(out)).toEqual([7, 9]);
    extremum(x, g, out, -1);
    expect(Array.from(out)).toEqual([-1, -5]);
  });

  it('NaN wins wherever it appears in the group', () => {
    const g = reduceGeometry([3, 3], [1]);
    const x = Float32Array.from([NaN, 1, 2, 1, NaN, 2, 1, 2, NaN]);
    const out = new Float32Array(3);
    for (const sign of [1, -1] as const) {
      extremum(x, g, out, sign);
      expect(Array.from(out).every(Number.isNaN)).toBe(true);
    }
  });

  it('handles infinities', () => {
    const out = new Float32Array(1);
    extremum(Float32Array.from([-Infinity, -Infinity]), reduceGeometry([2], [0]), out, 1);
    expect(out[0]).toBe(-Infinity);
    extremum(Float32Array.from([Infinity, 3]), reduceGeometry([2], [0]), out, -1);
    expect(out[0]).toBe(3);
  });
});

describe('argExtremum kernel', () => {
  const run = (x: number[], shape: number[], axis: number, sign: 1 | -1): number[] => {
    const g = reduceGeometry(shape, [axis]);
    let stride = 1;
    for (let i = axis + 1; i < shape.length; i++) stride *= shape[i] as number;
    const out = new Int32Array(g.outSize);
    argExtremum(Float32Array.from(x), g, stride, shape[axis] as number, out, sign);
    return Array.from(out);
  };

  it('gives the first occurrence on ties', () => {
    expect(run([1, 5, 5, 2], [4], 0, 1)).toEqual([1]);
    expect(run([3, 1, 1, 1], [4], 0, -1)).toEqual([1]);
    expect(run([2, 2, 2], [3], 0, 1)).toEqual([0]);
  });

  it('indexes within the reduced axis for inner and outer axes', () => {
    // [[1, 9, 3], [7, 2, 8]]: along axis 0 the max rows are [1, 0, 1]; along axis 1, [1, 2].
    const x = [1, 9, 3, 7, 2, 8];
    expect(run(x, [2, 3], 0, 1)).toEqual([1, 0, 1]);
    expect(run(x, [2, 3], 1, 1)).toEqual([1, 2]);
    expect(run(x, [2, 3], 0, -1)).toEqual([0, 1, 0]);
    expect(run(x, [2, 3], 1, -1)).toEqual([0, 1]);
  });

  it('treats the first NaN as the extreme value', () => {
    expect(run([1, NaN, 5, NaN], [4], 0, 1)).toEqual([1]);
    expect(run([1, NaN, -5, NaN], [4], 0, -1)).toEqual([1]);
    expect(run([NaN, 1], [2], 0, 1)).toEqual([0]);
  });
});

describe('productOfOthers kernel', () => {
  it('is the float64 prefix·suffix product rounded once, exact with zeros', () => {
    const rng = xorshift(3);
    const shape = [3, 6];
    const x = randomValues(rng, 18, { lo: 0.5, hi: 2 });
    x[2] = 0;
    x[8] = 0;
    x[9] = 0;
    const out = new Float32Array(18);
    productOfOthers(x, reduceGeometry(shape, [1]), out);
    const expected = new Float32Array(18);
    for (let r = 0; r < 3; r++) {
      for (let j = 0; j < 6; j++) {
        let before = 1;
        for (let q = 0; q < j; q++) before *= x[r * 6 + q] as number;
        let after = 1;
        for (let q = 5; q > j; q--) after *= x[r * 6 + q] as number;
        expected[r * 6 + j] = before * after;
      }
    }
    expectSameBits(out, expected);
    expect(out[2]).not.toBe(0);
    expect(Array.from(out.slice(6, 12))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
