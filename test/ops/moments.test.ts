import { describe, expect, it } from 'vitest';
import { memory, moments, nextFrame, tensor2d, unstack } from '../../src/index.js';

describe('moments, unstack, memory, nextFrame', () => {
  it('moments gives the mean and the biased variance over the axes', () => {
    const { mean, variance } = moments(tensor2d([[1, 2], [3, 5]]), 0);
    expect(Array.from(mean.dataSync())).toEqual([2, 3.5]); // TF.js (ran)
    expect(Array.from(variance.dataSync())).toEqual([1, 2.25]); // TF.js (ran)
    const all = moments(tensor2d([[1, 2], [3, 5]]), null, true);
    expect(all.mean.shape).toEqual([1, 1]);
  });

  it('unstack splits along an axis into tensors of rank one less', () => {
    const x = tensor2d([[1, 2, 3], [4, 5, 6]]);
    expect(unstack(x).map((t) => t.arraySync())).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(unstack(x, 1).map((t) => t.arraySync())).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it('memory reports no tracked tensors, marked unreliable with the reason', () => {
    const info = memory();
    expect(info.numTensors).toBe(0);
    expect(info.unreliable).toBe(true);
    expect(info.reasons[0]).toMatch(/garbage collector/);
  });

  it('nextFrame resolves', async () => {
    await expect(nextFrame()).resolves.toBeUndefined();
  });
});
