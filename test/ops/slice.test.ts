import { describe, expect, it } from 'vitest';
import { concat, mul, pad, slice, split, stack } from '../../src/ops/index.js';
import { range, tensor, zeros } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { concatRef, map, padRef, reshapeRef, sliceRef } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const rng = xorshift(321);

describe('slice', () => {
  it('takes a block; −1 or a missing size runs to the end; a number applies to axis 0', () => {
    const x = reshape34();
    expect(slice(x, [1, 1], [2, 2]).arraySync()).toEqual([[5, 6], [9, 10]]);
    expect(slice(x, [1, 2], [-1, -1]).arraySync()).toEqual([[6, 7], [10, 11]]);
    expect(slice(x, [2, 0]).arraySync()).toEqual([[8, 9, 10, 11]]);
    expect(slice(x, 1, 1).arraySync()).toEqual([[4, 5, 6, 7]]);
    expect(slice(tensor([1, 2, 3, 4]), [1], [2]).arraySync()).toEqual([2, 3]);
    expect(slice(x, [0, 4], [3, 0]).shape).toEqual([3, 0]);
  });

  it('rejects a block outside the tensor, quoting begin, size and shape', () => {
    expect(() => slice(reshape34(), [2, 0], [2, 4])).toThrow(/slice: begin \[2,0\] and size \[2,4\] do not fit inside shape \[3,4\] \(axis 0\)/);
    expect(() => slice(reshape34(), [-1, 0], [1, 1])).toThrow(/slice: begin \[-1,0\].*\(axis 0\)/);
  });

  it.each([[[0, 0], [3, 4]], [[1, 1], [2, 2]], [[2, 3], [1, 1]]])('gradient pads dy back: begin %j size %j', (begin, size) => {
    const x = randomTensor(rng, [3, 4]);
    checkGradients({ op: (t) => slice(t, begin, size), reference: (t: Ref) => sliceRef(t, begin, size), inputs: [x] });
  });

  it('gradient of a rank-3 slice', () => {
    const x = randomTensor(rng, [2, 3, 4]);
    checkGradients({ op: (t) => slice(t, [1, 0, 1], [1, 2, 3]), reference: (t: Ref) => sliceRef(t, [1, 0, 1], [1, 2, 3]), inputs: [x] });
  });
});

function reshape34(): Tensor {
  return tensor(Array.from(range(0, 12).values), [3, 4]);
}

describe('pad', () => {
  it('pads with zeros or a constant', () => {
    expect(pad(tensor([1, 2]), [[1, 2]]).arraySync()).toEqual([0, 1, 2, 0, 0]);
    expect(pad(tensor([[1]]), [[1, 0], [0, 1]], 9).arraySync()).toEqual([[9, 9], [1, 9]]);
  });

  it('gradient slices dy', () => {
    const x = randomTensor(rng, [2, 3]);
    const paddings: [number, number][] = [[1, 2], [2, 0]];
    checkGradients({ op: (t) => pad(t, paddings, 0.5), reference: (t: Ref) => padRef(t, paddings, Math.fround(0.5)), inputs: [x] });
  });

  it('rejects paddings that do not match the rank', () => {
    expect(() => pad(zeros([2, 2]), [[1, 1]])).toThrow(/pad: paddings \[\[1,1\]\] must hold one \[before, after\] pair of non-negative integers per axis of shape \[2,2\]/);
    expect(() => pad(zeros([2]), [[-1, 0]])).toThrow(/pad: paddings/);
  });
});

describe('concat, stack and split', () => {
  it('concat joins along an axis, negative axes allowed', () => {
    expect(concat([tensor([1]), tensor([2, 3])]).arraySync()).toEqual([1, 2, 3]);
    expect(concat([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], -1).arraySync()).toEqual([[1, 3, 4], [2, 5, 6]]);
  });

  it.each([0, 1, 2])('concat gradient gives each input its slice: axis %i', (axis) => {
    const shapes = [[2, 3, 2], [2, 3, 2], [2, 3, 2]].map((s, i) => s.map((d, a) => (a === axis ? d + i : d)));
    const xs = shapes.map((s) => randomTensor(rng, s));
    checkGradients({ op: (...ts) => concat(ts, axis), reference: (...rs: Ref[]) => concatRef(rs, axis), inputs: xs });
  });

  it('concat of a tensor with itself accumulates the gradient of every use', () => {
    const x = randomTensor(rng, [2, 2]);
    checkGradients({ op: (t) => concat([t, mul(t, t), t], 1), reference: (t: Ref) => concatRef([t, map(t, (v) => v * v), t], 1), inputs: [x] });
  });

  it('rejects mismatched shapes or dtypes, naming the tensor', () => {
    expect(() => concat([zeros([2, 3]), zeros([3, 3])], 1)).toThrow(/concat: tensors\[1\] has shape \[3,3\] \(float32\), which does not match tensors\[0\] \[2,3\] \(float32\) outside axis 1/);
    expect(() => concat([zeros([2]), zeros([2], 'int32')])).toThrow(/concat: tensors\[1\] .*int32/);
    expect(() => concat([])).toThrow(/concat: expected at least one tensor, received an empty list/);
  });

  it('stack adds a new axis', () => {
    expect(stack([tensor([1, 2]), tensor([3, 4])]).arraySync()).toEqual([[1, 2], [3, 4]]);
    expect(stack([tensor([1, 2]), tensor([3, 4])], 1).arraySync()).toEqual([[1, 3], [2, 4]]);
    expect(() => stack([zeros([2]), zeros([3])])).toThrow(/stack: tensors\[1\] has shape \[3\]; expected \[2\] like tensors\[0\]/);
  });

  it.each([0, 1, 2])('stack gradient: axis %i', (axis) => {
    const xs = [0, 1, 2].map(() => randomTensor(rng, [2, 3]));
    const expand = (r: Ref): Ref => reshapeRef(r, [...r.shape.slice(0, axis), 1, ...r.shape.slice(axis)]);
    checkGradients({ op: (...ts) => stack(ts, axis), reference: (...rs: Ref[]) => concatRef(rs.map(expand), axis), inputs: xs });
  });

  it('split into equal parts or given sizes (one may be −1)', () => {
    expect(split(tensor([1, 2, 3, 4]), 2).map((t) => t.arraySync())).toEqual([[1, 2], [3, 4]]);
    const parts = split(reshape34(), [1, -1, 2], 1);
    expect(parts.map((t) => t.shape)).toEqual([[3, 1], [3, 1], [3, 2]]);
    expect(parts[2]?.arraySync()).toEqual([[2, 3], [6, 7], [10, 11]]);
    expect(() => split(tensor([1, 2, 3]), 2)).toThrow(/split: cannot split axis 0 of extent 3 into 2 equal parts/);
    expect(() => split(tensor([1, 2, 3]), [1, 1])).toThrow(/split: sizes \[1,1\] do not add up to extent 3 of axis 0/);
  });

  it('split gradient: one part used, the others not', () => {
    const x = randomTensor(rng, [3, 5]);
    checkGradients({ op: (t) => split(t, [2, 3], 1)[1] as Tensor, reference: (t: Ref) => sliceRef(t, [0, 2], [3, 3]), inputs: [x] });
  });

  it('split gradient: all parts used, reordered', () => {
    const x = randomTensor(rng, [4, 3]);
    checkGradients({
      op: (t) => {
        const [a, b] = split(t, 2, 0) as [Tensor, Tensor];
        return concat([b, mul(a, a)], 0);
      },
      reference: (t: Ref) => concatRef([sliceRef(t, [2, 0], [2, 3]), map(sliceRef(t, [0, 0], [2, 3]), (v) => v * v)], 0),
      inputs: [x],
    });
  });
});
