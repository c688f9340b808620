import { describe, expect, it } from 'vitest';
import { expandDims, mul, reshape, squeeze, transpose } from '../../src/ops/index.js';
import { range, tensor, zeros } from '../../src/ops/create.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { map, reshapeRef, transposeRef } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const rng = xorshift(123);
const squareOf = (r: Ref): Ref => map(r, (v) => v * v);

describe('reshape', () => {
  it('keeps the row-major order of the elements', () => {
    expect(reshape(range(0, 6), [2, 3]).arraySync()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(reshape(tensor([[1, 2], [3, 4]]), [4]).arraySync()).toEqual([1, 2, 3, 4]);
    expect(reshape(tensor([7]), []).arraySync()).toBe(7);
  });

  it('infers one −1 extent', () => {
    expect(reshape(zeros([2, 6]), [-1, 4]).shape).toEqual([3, 4]);
    expect(reshape(zeros([2, 6]), [3, -1]).shape).toEqual([3, 4]);
    expect(reshape(zeros([0, 3]), [-1, 3]).shape).toEqual([0, 3]);
  });

  it('rejects a size mismatch, quoting both shapes and element counts', () => {
    expect(() => reshape(zeros([2, 3]), [4])).toThrow(/reshape: cannot reshape a tensor of shape \[2,3\] \(6 elements\) into \[4\] \(4 elements\)/);
    expect(() => reshape(zeros([2, 3]), [-1, 4])).toThrow(/reshape: cannot infer the -1 in \[-1,4\] for 6 elements \(from shape \[2,3\]\)/);
    expect(() => reshape(zeros([4]), [-1, -1])).toThrow(/more than one -1/);
    expect(() => reshape(zeros([4]), [2, -2])).toThrow(/reshape: shape \[2,-2\] is invalid/);
  });

  it('gradient: reshape back (values used nonlinearly after the reshape)', () => {
    checkGradients({ op: (x) => mul(reshape(x, [3, 2]), reshape(x, [3, 2])), reference: (x: Ref) => squareOf(reshapeRef(x, [3, 2])), inputs: [randomTensor(rng, [2, 3])] });
  });
});

describe('expandDims and squeeze', () => {
  it('expandDims inserts a unit axis, negative axes counting from the end of the result', () => {
    expect(expandDims(zeros([2, 3])).shape).toEqual([1, 2, 3]);
    expect(expandDims(zeros([2, 3]), 1).shape).toEqual([2, 1, 3]);
    expect(expandDims(zeros([2, 3]), 2).shape).toEqual([2, 3, 1]);
    expect(expandDims(zeros([2, 3]), -1).shape).toEqual([2, 3, 1]);
    expect(() => expandDims(zeros([2, 3]), 3)).toThrow(/expandDims: axis 3 is out of range/);
  });

  it('squeeze drops all unit axes, or the listed ones', () => {
    expect(squeeze(zeros([1, 3, 1])).shape).toEqual([3]);
    expect(squeeze(zeros([1, 3, 1]), [0]).shape).toEqual([3, 1]);
    expect(squeeze(zeros([1, 3, 1]), [-1]).shape).toEqual([1, 3]);
    expect(() => squeeze(zeros([1, 3, 1]), [1])).toThrow(/squeeze: axis 1 has extent 3 in shape \[1,3,1\]; expected 1/);
  });

  it('gradients reshape back', () => {
    const x = randomTensor(rng, [3, 1, 2]);
    checkGradients({ op: (t) => mul(squeeze(t), squeeze(t)), reference: (t: Ref) => squareOf(reshapeRef(t, [3, 2])), inputs: [x] });
    checkGradients({ op: (t) => mul(expandDims(t, 1), expandDims(t, 1)), reference: (t: Ref) => squareOf(reshapeRef(t, [3, 1, 1, 2])), inputs: [x] });
  });
});

describe('transpose', () => {
  it('reverses the axes by default', () => {
    expect(transpose(tensor([[1, 2, 3], [4, 5, 6]])).arraySync()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  it.each(perms)('values and gradient for perm [%i, %i, %i]', (...perm) => {
    const x = randomTensor(rng, [2, 3, 4]);
    // Weighting by position after the transpose makes a wrong inverse permutation visible.
    checkGradients({ op: (t) => transpose(t, perm), reference: (t: Ref) => transposeRef(t, perm), inputs: [x] });
  });

  it('keeps int32 and bool dtypes', () => {
    expect(transpose(tensor([[1, 2]], undefined, 'int32')).dtype).toBe('int32');
    expect(transpose(tensor([[true, false]])).arraySync()).toEqual([[1], [0]]);
  });

  it('rejects a perm that is not a permutation, quoting it and the shape', () => {
    expect(() => transpose(zeros([2, 3]), [0, 0])).toThrow(/transpose: perm \[0,0\] is not a permutation of the 2 axes of a tensor of shape \[2,3\]/);
    expect(() => transpose(zeros([2, 3]), [1])).toThrow(/perm \[1\]/);
    expect(() => transpose(zeros([2, 3]), [0, 2])).toThrow(/perm \[0,2\]/);
  });
});
