import { describe, expect, it } from 'vitest';
import {
  eye, fill, linspace, ones, onesLike, range, scalar, tensor, tensor1d, tensor2d, tensor3d, tensor4d,
  variable, zeros, zerosLike,
} from '../../src/ops/create.js';
import type { DataType } from '../../src/tensor/dtype.js';
import { expectSameBits } from '../helpers/bits.js';

describe('tensor() infers shape and dtype', () => {
  it('infers the shape of nested arrays, outermost first', () => {
    const t = tensor([[[1, 2, 3]], [[4, 5, 6]]]);
    expect(t.shape).toEqual([2, 1, 3]);
    expect(t.rank).toBe(3);
    expect(t.size).toBe(6);
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('makes a scalar from a number and an empty vector from []', () => {
    expect(tensor(4).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it('defaults numbers to float32, booleans to bool, typed arrays to their type', () => {
    expect(tensor([1.5]).dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor(Int32Array.from([1, 2])).dtype).toBe('int32');
    expect(tensor(Float32Array.from([1, 2])).dtype).toBe('float32');
    expect(tensor(Uint8Array.from([1, 0])).dtype).toBe('int32'); // as TF.js infers it
  });

  it('rounds float32 values once, truncates int32 values toward zero, maps bool to 0/1', () => {
    expectSameBits(tensor([0.1, 1 / 3]).values, [Math.fround(0.1), Math.fround(1 / 3)]);
    expect(Array.from(tensor([1.7, -1.7, 2.5], undefined, 'int32').values)).toEqual([1, -1, 2]);
    expect(Array.from(tensor([2, 0, -0.5, NaN], undefined, 'bool').values)).toEqual([1, 0, 1, 0]);
  });

  it('reshapes flat values to a given shape', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [2, 3]).arraySync()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('rejects a value count that does not fill the shape, quoting both', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/tensor: 3 values do not fill shape \[2,2\] \(which holds 4\)/);
  });

  it('rejects ragged arrays, naming the element where the raggedness is', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/element at values\[1\] has length 1; expected an array of length 2.*ragged/);
    expect(() => tensor([[1, 2], 3] as never)).toThrow(/element at values\[1\] has no length; expected an array of length 2/);
    expect(() => tensor([1, [2]] as never)).toThrow(/element at values\[1\] is an array; expected a number/);
    expect(() => tensor([[[1], [2]], [[3], [4, 5]]])).toThrow(/values\[1\]\[1\] has length 2; expected an array of length 1/);
  });

  it('rejects a non-numeric element and an unknown dtype', () => {
    expect(() => tensor(['a'] as never)).toThrow(/values\[0\] is string; expected a number/);
    expect(() => tensor([1], undefined, 'float64' as DataType)).toThrow(/tensor: dtype must be 'float32', 'int32' or 'bool', received "float64"/);
  });

  it('rejects negative or fractional extents in a given shape', () => {
    expect(() => tensor([], [2, -1])).toThrow(/tensor: shape \[2,-1\] is invalid; expected non-negative integer extents, received -1/);
    expect(() => tensor([1], [0.5])).toThrow(/received 0\.5/);
  });
});

describe('rank-checked constructors', () => {
  it('scalar, tensor1d … tensor4d build tensors of their rank', () => {
    expect(scalar(3).shape).toEqual([]);
    expect(scalar(true).dtype).toBe('bool');
    expect(scalar(3, 'int32').dtype).toBe('int32');
    expect(tensor1d([1, 2]).shape).toEqual([2]);
    expect(tensor2d([[1], [2]]).shape).toEqual([2, 1]);
    expect(tensor2d([1, 2, 3, 4], [2, 2]).shape).toEqual([2, 2]);
    expect(tensor3d([[[1]]]).shape).toEqual([1, 1, 1]);
    expect(tensor4d([1, 2], [1, 2, 1, 1]).shape).toEqual([1, 2, 1, 1]);
  });

  it('reject values of another rank, naming the constructor and the shape received', () => {
    expect(() => tensor1d([[1]])).toThrow(/tensor1d: expected a rank-1 tensor, received shape \[1,1\]/);
    expect(() => tensor2d([1, 2])).toThrow(/tensor2d: expected a rank-2 tensor, received shape \[2\]/);
    expect(() => tensor3d([[1]])).toThrow(/tensor3d: expected a rank-3 tensor, received shape \[1,1\]/);
    expect(() => tensor4d([1])).toThrow(/tensor4d: expected a rank-4 tensor, received shape \[1\]/);
  });
});

describe('fill, zeros, ones and their -Like forms', () => {
  it('fill repeats one value in the requested dtype', () => {
    const t = fill([2, 3], 0.1);
    expect(t.shape).toEqual([2, 3]);
    expectSameBits(t.values, new Array(6).fill(Math.fround(0.1)));
    expect(Array.from(fill([2], 7.9, 'int32').values)).toEqual([7, 7]);
    expect(Array.from(fill([2], 5, 'bool').values)).toEqual([1, 1]);
  });

  it('zeros and ones default to float32 and keep the shape', () => {
    expect(zeros([2, 2]).dtype).toBe('float32');
    expect(Array.from(ones([3]).values)).toEqual([1, 1, 1]);
    expect(zeros([0, 3]).size).toBe(0);
  });

  it('zerosLike and onesLike copy shape and dtype', () => {
    const x = tensor([[1, 2]], undefined, 'int32');
    expect(zerosLike(x).shape).toEqual([1, 2]);
    expect(onesLike(x).dtype).toBe('int32');
    expect(Array.from(onesLike(x).values)).toEqual([1, 1]);
  });

  it('rejects an invalid shape naming the function', () => {
    expect(() => zeros([-1])).toThrow(/zeros: shape \[-1\] is invalid/);
  });
});

describe('range, linspace and eye', () => {
  it('range counts from start up to but excluding stop', () => {
    expect(Array.from(range(0, 5).values)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(range(1, 2, 0.25).values)).toEqual([1, 1.25, 1.5, 1.75]);
    expect(Array.from(range(5, 0, -2).values)).toEqual([5, 3, 1]);
    expect(range(3, 3).shape).toEqual([0]);
    expect(range(3, 0).shape).toEqual([0]);
  });

  it('range honours the dtype and rejects a zero step', () => {
    expect(range(0, 3, 1, 'int32').dtype).toBe('int32');
    expect(() => range(0, 3, 0)).toThrow(/range: step must be a finite non-zero number, received 0/);
  });

  it('linspace includes both ends; element i is start + i·step rounded once', () => {
    const t = linspace(-1, 2, 7);
    const step = 3 / 6;
    expectSameBits(t.values, Array.from({ length: 7 }, (_, i) => Math.fround(-1 + i * step)));
    const odd = linspace(0, 1, 3);
    expectSameBits(odd.values, [0, 0.5, 1]);
    const third = linspace(0, 1, 4);
    expect(third.values[3]).toBe(1);
    expect(third.values[1]).toBe(Math.fround(1 / 3));
  });

  it('linspace with num 1 gives [start] and with num 0 gives []', () => {
    expect(Array.from(linspace(3, 9, 1).values)).toEqual([3]);
    expect(linspace(3, 9, 0).shape).toEqual([0]);
    expect(() => linspace(0, 1, -1)).toThrow(/linspace: num must be a non-negative integer, received -1/);
  });

  it('eye builds square, rectangular and batched identities', () => {
    expect(eye(2).arraySync()).toEqual([[1, 0], [0, 1]]);
    expect(eye(2, 3).arraySync()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(eye(3, 2).arraySync()).toEqual([[1, 0], [0, 1], [0, 0]]);
    const batched = eye(2, 2, [3]);
    expect(batched.shape).toEqual([3, 2, 2]);
    expect(batched.arraySync()).toEqual([[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 0], [0, 1]]]);
    expect(eye(2, 2, [], 'int32').dtype).toBe('int32');
  });
});

describe('variable()', () => {
  it('copies the initial value, so later changes to the variable do not touch it', () => {
    const init = tensor([1, 2]);
    const v = variable(init);
    v.assign(tensor([5, 6]));
    expect(Array.from(init.values)).toEqual([1, 2]);
    expect(Array.from(v.values)).toEqual([5, 6]);
  });

  it('is trainable by default, takes a name, and converts to a requested dtype', () => {
    const v = variable(tensor([1.5, 2.5]), false, 'w', 'int32');
    expect(v.trainable).toBe(false);
    expect(v.name).toBe('w');
    expect(v.dtype).toBe('int32');
    expect(Array.from(v.values)).toEqual([1, 2]);
    expect(variable(tensor([1])).trainable).toBe(true);
  });

  it('gives unnamed variables distinct names', () => {
    expect(variable(tensor([1])).name).not.toBe(variable(tensor([1])).name);
  });

  it('rejects a non-tensor initial value', () => {
    expect(() => variable([1, 2] as never)).toThrow(/variable: initialValue must be a Tensor/);
  });
});
