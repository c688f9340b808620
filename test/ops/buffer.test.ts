import { describe, expect, it } from 'vitest';
import { buffer } from '../../src/index.js';

describe('buffer (TF.js tf.buffer / TensorBuffer)', () => {
  it('set and get address elements row-major; toTensor copies them', () => {
    const b = buffer([2, 3]);
    b.set(5, 1, 2);
    expect(b.get(1, 2)).toBe(5);
    expect(b.strides).toEqual([3]); // TF.js (ran): [3]
    expect(b.indexToLoc(5)).toEqual([1, 2]); // TF.js (ran): [1, 2]
    const t = b.toTensor();
    b.set(9, 0, 0);
    expect(t.arraySync()).toEqual([[0, 0, 0], [0, 0, 5]]);
    expect(t.dtype).toBe('float32');
  });

  it('keeps the dtype and rounds on set', () => {
    const b = buffer([2], 'int32');
    b.set(2.7, 1);
    expect(b.toTensor().dtype).toBe('int32');
    expect(Array.from(b.toTensor().dataSync())).toEqual([0, 2]);
  });

  it('names the bad coordinate', () => {
    expect(() => buffer([2, 2]).set(1, 2, 0)).toThrow(/coordinate 0 is 2/);
    expect(() => buffer([2, 2]).get(1)).toThrow(/number of coordinates \(1\) must match the rank of the buffer \(2\)/);
  });
});
