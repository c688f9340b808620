import { describe, expect, it } from 'vitest';
import { metrics, tensor1d, tensor2d } from '../../src/index.js';

describe('tensor methods added for the TF.js core API', () => {
  it('unstack, oneHot, squaredDifference, zerosLike, onesLike chain like TF.js', () => {
    const x = tensor2d([[1, 2], [3, 4]]);
    expect(x.unstack().map((t) => t.arraySync())).toEqual([[1, 2], [3, 4]]);
    expect(tensor1d([0, 2], 'int32').oneHot(3).arraySync()).toEqual([[1, 0, 0], [0, 0, 1]]);
    expect(x.squaredDifference(tensor2d([[1, 3], [5, 4]])).arraySync()).toEqual([[0, 1], [4, 0]]);
    expect(x.zerosLike().arraySync()).toEqual([[0, 0], [0, 0]]);
    expect(x.onesLike().dtype).toBe('float32');
  });

  it('bufferSync copies the values into a TensorBuffer', async () => {
    const x = tensor2d([[1, 2], [3, 4]]);
    const b = x.bufferSync();
    b.set(9, 0, 0);
    expect(b.get(1, 0)).toBe(3);
    expect(x.arraySync()).toEqual([[1, 2], [3, 4]]);
    expect((await x.buffer()).toTensor().arraySync()).toEqual([[1, 2], [3, 4]]);
  });

  it('metrics.r2Score is 1 − SSres/SStot as in TF.js', () => {
    expect(metrics.r2Score(tensor1d([1, 2, 3]), tensor1d([1, 2, 4])).dataSync()[0]).toBe(0.5);
  });
});
