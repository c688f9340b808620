import { describe, expect, it } from 'vitest';
import { argMax, argMin, grad, max, mean, min, prod, sum } from '../../src/ops/index.js';
import type { Axis } from '../../src/ops/index.js';
import { tensor } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { map, reduce } from '../helpers/reference.js';
import { distinctTensor, randomTensor, xorshift } from '../helpers/rng.js';

const axesOf = (axis: Axis): number[] | undefined => (axis === undefined || axis === null ? undefined : typeof axis === 'number' ? [axis] : axis.slice());

const axisCases: { shape: number[]; axis: Axis; keepDims: boolean }[] = [
  { shape: [5], axis: undefined, keepDims: false },
  { shape: [2, 3], axis: 0, keepDims: false },
  { shape: [2, 3], axis: 1, keepDims: true },
  { shape: [2, 3], axis: -1, keepDims: false },
  { shape: [2, 3, 4], axis: [0, 2], keepDims: false },
  { shape: [2, 3, 4], axis: [2, 0], keepDims: true },
  { shape: [2, 3, 4], axis: undefined, keepDims: true },
  { shape: [2, 3, 4], axis: [], keepDims: false },
];

describe('sum and mean follow their reference order bit for bit', () => {
  const rng = xorshift(55);
  it.each(axisCases)('sum: float64 in increasing index order, rounded once: shape $shape axis $axis keepDims $keepDims', ({ shape, axis, keepDims }) => {
    const x = randomTensor(rng, shape, { lo: -1000, hi: 1000 });
    const expected = reduce({ shape, data: Float64Array.from(x.values) }, axesOf(axis), keepDims, 0, (a, v) => a + v);
    const out = sum(x, axis, keepDims);
    expect(out.shape).toEqual(expected.shape);
    expectSameBits(out.values, Float32Array.from(expected.data));
  });

  it.each(axisCases)('mean: the float64 sum divided by the count, rounded once: shape $shape axis $axis', ({ shape, axis, keepDims }) => {
    const x = randomTensor(rng, shape, { lo: -1000, hi: 1000 });
    const sums = reduce({ shape, data: Float64Array.from(x.values) }, axesOf(axis), keepDims, 0, (a, v) => a + v);
    const count = x.size / Math.max(1, sums.data.length);
    const out = mean(x, axis, keepDims);
    expect(out.shape).toEqual(sums.shape);
    expectSameBits(out.values, Float32Array.from(sums.data, (s) => s / count));
  });

  it('a long sum is not float32 accumulation', () => {
    const x = randomTensor(rng, [4097], { lo: 0, hi: 1 });
    let f32 = 0;
    for (const v of x.values) f32 = Math.fround(f32 + v);
    expect(sum(x).values[0]).not.toBe(f32);
  });

  it('sum of int32 stays int32 and sum of bool counts trues', () => {
    const s = sum(tensor([[1, 2], [3, 4]], undefined, 'int32'), 1);
    expect(s.dtype).toBe('int32');
    expect(Array.from(s.values)).toEqual([3, 7]);
    const c = sum(tensor([true, false, true]));
    expect(c.dtype).toBe('int32');
    expect(c.arraySync()).toBe(2);
  });

  it('mean of int32 is float32', () => {
    const m = mean(tensor([1, 2], undefined, 'int32'));
    expect(m.dtype).toBe('float32');
    expect(m.arraySync()).toBe(1.5);
  });
});

describe('prod, max and min forward', () => {
  it('prod multiplies in float64 and rounds once', () => {
    const x = randomTensor(xorshift(56), [3, 40], { lo: 0.5, hi: 1.5 });
    const expected = reduce({ shape: [3, 40], data: Float64Array.from(x.values) }, [1], false, 1, (a, v) => a * v);
    expectSameBits(prod(x, 1).values, Float32Array.from(expected.data));
    expect(prod(tensor([2, 3, 4], undefined, 'int32')).arraySync()).toBe(24);
  });

  it('max and min over axes, keeping int32', () => {
    const x = tensor([[1, 9, 3], [7, 2, 8]]);
    expect(max(x, 1).arraySync()).toEqual([9, 8]);
    expect(min(x, 0).arraySync()).toEqual([1, 2, 3]);
    expect(max(x).arraySync()).toBe(9);
    expect(min(x, 1, true).shape).toEqual([2, 1]);
    expect(max(tensor([1, 5], undefined, 'int32')).dtype).toBe('int32');
  });

  it('max and min are NaN when any element is NaN', () => {
    const x = tensor([[1, NaN, 3], [4, 5, 6]]);
    const mx = max(x, 1);
    expect(Number.isNaN(mx.values[0])).toBe(true);
    expect(mx.values[1]).toBe(6);
    expect(Number.isNaN(min(x).values[0])).toBe(true);
  });
});

describe('argMax and argMin', () => {
  it('return int32 indices along an axis (default 0)', () => {
    const x = tensor([[1, 9, 3], [7, 2, 8]]);
    const a = argMax(x);
    expect(a.dtype).toBe('int32');
    expect(Array.from(a.values)).toEqual([1, 0, 1]);
    expect(Array.from(argMax(x, 1).values)).toEqual([1, 2]);
    expect(Array.from(argMin(x, -1).values)).toEqual([0, 1]);
  });

  it('give the first occurrence on ties', () => {
    expect(argMax(tensor([3, 7, 7, 1, 7])).arraySync()).toBe(1);
    expect(argMin(tensor([3, 1, 7, 1])).arraySync()).toBe(1);
    expect(Array.from(argMax(tensor([[2, 2], [2, 2]]), 1).values)).toEqual([0, 0]);
  });

  it('point at the first NaN', () => {
    expect(argMax(tensor([1, NaN, 9, NaN])).arraySync()).toBe(1);
    expect(argMin(tensor([1, 0, NaN])).arraySync()).toBe(2);
  });
});

describe('reduction gradients match central differences', () => {
  const rng = xorshift(57);
  const reducers: [string, (x: Tensor, axis: Axis, keepDims: boolean) => Tensor, (x: Ref, axes: number[] | undefined, keepDims: boolean) => Ref][] = [
    ['sum', sum, (x, a, k) => reduce(x, a, k, 0, (p, v) => p + v)],
    ['mean', mean, (x, a, k) => {
      const s = reduce(x, a, k, 0, (p, v) => p + v);
      return map(s, (v) => v / (x.data.length / s.data.length));
    }],
    ['prod', prod, (x, a, k) => reduce(x, a, k, 1, (p, v) => p * v)],
    ['max', max, (x, a, k) => reduce(x, a, k, -Infinity, Math.max)],
    ['min', min, (x, a, k) => reduce(x, a, k, Infinity, Math.min)],
  ];
  describe.each(reducers)('%s', (name, op, reference) => {
    it.each(axisCases)('shape $shape axis $axis keepDims $keepDims', ({ shape, axis, keepDims }) => {
      // Distinct values keep max/min away from ties; prod's values stay near ±1 so products stay O(1).
      const x = name === 'max' || name === 'min' ? distinctTensor(rng, shape, 0.1) : randomTensor(rng, shape, name === 'prod' ? { lo: 0.5, hi: 1.5 } : {});
      checkGradients({ op: (t) => op(t, axis, keepDims), reference: (t: Ref) => reference(t, axesOf(axis), keepDims), inputs: [x] });
    });
  });

  it('prod gradient is exact where an element is zero', () => {
    const x = tensor([[2, 0, 3], [0, 0, 5]]);
    expect(grad((t) => prod(t, 1))(x).arraySync()).toEqual([[0, 6, 0], [0, 0, 0]]);
  });

  it('max gradient goes to every tied maximum, as TF.js', () => {
    expect(grad((t) => max(t))(tensor([1, 3, 3])).arraySync()).toEqual([0, 1, 1]);
  });
});
