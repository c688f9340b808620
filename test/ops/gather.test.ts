import { describe, expect, it } from 'vitest';
import { gather, grad, oneHot, tile } from '../../src/ops/index.js';
import { tensor, zeros } from '../../src/ops/create.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { gatherRef, tileRef } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const rng = xorshift(999);
const int = (values: number[], shape?: number[]) => tensor(values, shape, 'int32');

describe('gather', () => {
  it('picks rows along axis 0 by default, and along other axes', () => {
    expect(gather(tensor([10, 20, 30]), int([2, 0])).arraySync()).toEqual([30, 10]);
    expect(gather(tensor([[1, 2, 3], [4, 5, 6]]), int([2, 2, 0]), 1).arraySync()).toEqual([[3, 3, 1], [6, 6, 4]]);
  });

  it('output shape is x.shape[:axis] + indices.shape + x.shape[axis+1:]', () => {
    expect(gather(zeros([4, 5, 6]), int([0, 1, 2, 3, 0, 1], [2, 3]), 1).shape).toEqual([4, 2, 3, 6]);
  });

  it('keeps the dtype of x', () => {
    expect(gather(int([5, 6]), int([1])).dtype).toBe('int32');
  });

  it.each([[0, [6], [5, 0, 5, 2, 5, 0]], [1, [2, 3], [1, 1, 0, 3, 1, 1]], [2, [4], [0, 0, 0, 1]]])('gradient scatter-adds, accumulating repeated indices: axis %i, indices shape %j', (axis, indexShape, indices) => {
    const shape = [6, 4, 2];
    const x = randomTensor(rng, shape);
    checkGradients({
      op: (t) => gather(t, int(indices, indexShape), axis),
      reference: (t: Ref) => gatherRef(t, indices, indexShape, axis),
      inputs: [x],
    });
  });

  it('gradient of a repeated row is the float32 sum of its contributions in increasing position', () => {
    const tiny = 2 ** -24;
    const dy = tensor([[1], [tiny], [tiny]]);
    const g = grad((t) => gather(t, int([0, 0, 0])))(tensor([[5], [6]]), dy);
    expectSameBits(g.values, [Math.fround(Math.fround(1 + tiny) + tiny), 0]);
  });

  it('rejects out-of-range and fractional indices, quoting the index, the axis and the shape', () => {
    expect(() => gather(zeros([3, 2]), int([0, 3]))).toThrow(/gather: indices\[1\] = 3 is out of range for axis 0 of shape \[3,2\]; expected integers in \[0, 2\]/);
    expect(() => gather(zeros([3, 2]), int([-1]), 1)).toThrow(/gather: indices\[0\] = -1 is out of range for axis 1 of shape \[3,2\]; expected integers in \[0, 1\]/);
    expect(() => gather(zeros([3]), tensor([0.5]))).toThrow(/gather: indices\[0\] = 0\.5/);
  });
});

describe('tile', () => {
  it('repeats along each axis', () => {
    expect(tile(tensor([1, 2]), [3]).arraySync()).toEqual([1, 2, 1, 2, 1, 2]);
    expect(tile(tensor([[1, 2]]), [2, 2]).arraySync()).toEqual([[1, 2, 1, 2], [1, 2, 1, 2]]);
  });

  it.each([[[2, 3], [1, 1]], [[2, 3], [3, 2]], [[2, 1, 3], [1, 4, 2]]])('gradient sums over the repeats: shape %j reps %j', (shape, reps) => {
    checkGradients({ op: (t) => tile(t, reps), reference: (t: Ref) => tileRef(t, reps), inputs: [randomTensor(rng, shape)] });
  });

  it('rejects reps of the wrong length', () => {
    expect(() => tile(zeros([2, 2]), [2])).toThrow(/tile: reps \[2\] must hold one non-negative integer per axis of shape \[2,2\]/);
  });
});

describe('oneHot', () => {
  it('sets onValue at each index in a new last axis (int32 by default)', () => {
    const t = oneHot(int([0, 2, 1]), 3);
    expect(t.dtype).toBe('int32');
    expect(t.arraySync()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('uses onValue and offValue, keeps the index shape, and leaves out-of-range rows all off', () => {
    const t = oneHot(int([3, -1, 1, 0], [2, 2]), 2, 5, -1, 'float32');
    expect(t.shape).toEqual([2, 2, 2]);
    expect(t.dtype).toBe('float32');
    expect(t.arraySync()).toEqual([[[-1, -1], [-1, -1]], [[-1, 5], [5, -1]]]);
  });

  it('rejects a depth that is not a positive integer', () => {
    expect(() => oneHot(int([0]), 0)).toThrow(/oneHot: depth must be a positive integer, received 0/);
  });

  it('accepts a plain array of indices', () => {
    expect(oneHot([1, 0], 2).arraySync()).toEqual([[0, 1], [1, 0]]);
  });
});
