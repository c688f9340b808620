import { describe, expect, it, vi } from 'vitest';
import { tensor, variable, zeros } from '../../src/ops/create.js';
import { Tensor, findVariable } from '../../src/ops/tensor.js';

describe('reading a tensor', () => {
  it('arraySync nests values by shape; a scalar reads as a number', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [3, 2]).arraySync()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(tensor([1, 2, 3, 4], [2, 1, 2]).arraySync()).toEqual([[[1, 2]], [[3, 4]]]);
    expect(tensor(7).arraySync()).toBe(7);
    expect(tensor([], [2, 0]).arraySync()).toEqual([[], []]);
  });

  it('dataSync returns a copy of the storage in its typed array', () => {
    const t = tensor([1, 2, 3]);
    const copy = t.dataSync();
    expect(copy).toBeInstanceOf(Float32Array);
    copy[0] = 99;
    expect(t.dataSync()[0]).toBe(1);
    expect(tensor([1], undefined, 'int32').dataSync()).toBeInstanceOf(Int32Array);
    expect(tensor([true]).dataSync()).toBeInstanceOf(Uint8Array);
  });

  it('data and array resolve to what dataSync and arraySync return', async () => {
    const t = tensor([[1, 2]]);
    expect(Array.from(await t.data())).toEqual([1, 2]);
    expect(await t.array()).toEqual([[1, 2]]);
  });

  it('the constructor copies the shape array it is given', () => {
    const shape = [2];
    const t = new Tensor(new Float32Array(2), shape, 'float32');
    shape[0] = 5;
    expect(t.shape).toEqual([2]);
  });

  it('ids increase in creation order', () => {
    const a = zeros([1]);
    const b = zeros([1]);
    expect(b.id).toBeGreaterThan(a.id);
  });

  it('clone has the same values in its own storage', () => {
    const t = tensor([1, 2]);
    const c = t.clone();
    expect(c.values).not.toBe(t.values);
    expect(c.arraySync()).toEqual([1, 2]);
    expect(c.dtype).toBe('float32');
  });

  it('dispose is a harmless no-op and isDisposed is always false', () => {
    const t = tensor([1, 2]);
    t.dispose();
    expect(t.isDisposed).toBe(false);
    expect(t.arraySync()).toEqual([1, 2]);
  });
});

describe('toString and print', () => {
  it('toString renders through the TF.js layout (see format.test.ts)', () => {
    expect(tensor([[1, 2], [3, 4]]).toString()).toBe('Tensor\n    [[1, 2],\n     [3, 4]]');
    expect(tensor([true, false]).toString()).toBe('Tensor\n    [true, false]');
    expect(tensor([[1, 2]], undefined, 'int32').toString(true)).toContain('  dtype: int32\n  rank: 2\n  shape: [1,2]\n  values:');
  });

  it('print writes toString to the console', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    tensor([1]).print();
    expect(log).toHaveBeenCalledWith('Tensor\n    [1]');
    log.mockRestore();
  });
});

describe('Variable.assign', () => {
  it('replaces the values in place, converting to the variable dtype', () => {
    const v = variable(zeros([2, 2]), true, 'assign_ok');
    v.assign(tensor([[1, 2], [3, 4]]));
    expect(v.arraySync()).toEqual([[1, 2], [3, 4]]);
    const n = variable(zeros([2], 'int32'), true, 'assign_int');
    n.assign(tensor([1.9, -1.9]));
    expect(Array.from(n.values)).toEqual([1, -1]);
  });

  it('does not change tensors read from the variable before the assignment', () => {
    const v = variable(tensor([1, 2]), true, 'assign_snapshot');
    const before = v.dataSync();
    const snapshot = v.clone();
    v.assign(tensor([3, 4]));
    expect(Array.from(before)).toEqual([1, 2]);
    expect(snapshot.arraySync()).toEqual([1, 2]);
  });

  it('rejects a value of another shape, naming the variable and both shapes', () => {
    const v = variable(zeros([2, 3]), true, 'dense/kernel');
    expect(() => v.assign(zeros([3, 2]))).toThrow(/Variable dense\/kernel: assign expected shape \[2,3\], received \[3,2\]/);
    expect(() => v.assign(zeros([6]))).toThrow(/expected shape \[2,3\], received \[6\]/);
  });
});

describe('findVariable', () => {
  it('finds the most recent live variable of a name, and nothing for an unknown name', () => {
    variable(zeros([1]), true, 'find_me');
    const latest = variable(zeros([2]), true, 'find_me');
    expect(findVariable('find_me')).toBe(latest);
    expect(findVariable('no_such_variable')).toBeUndefined();
  });
});
