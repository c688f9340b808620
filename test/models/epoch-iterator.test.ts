import { describe, expect, it, vi } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { adaptFitData } from '../../src/models/data-adapter.js';
import { rowRange } from '../../src/models/data.js';
import { EpochIterator } from '../../src/models/epoch-iterator.js';
import { sequential } from '../../src/models/index.js';
import type { Sequential } from '../../src/models/index.js';
import { key } from '../../src/random/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { tensor2d, variable } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';

/** Ten rows [i, 10 + i]: each row says which it is. */
const x = tensor2d(Array.from({ length: 10 }, (_, i) => [i, 10 + i]));
const rowIds = (t: Tensor): number[] => Array.from(t.values).filter((_, i) => i % 2 === 0);

function model(): Sequential {
  setRandomSeed(5);
  const m = sequential({ layers: [layers.dense({ units: 3, activation: 'relu', inputShape: [2] }), layers.dense({ units: 2, activation: 'softmax' })] });
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

describe('EpochIterator', () => {
  it('cuts batches [kB, min((k+1)B, N)) in order and keeps the last partial batch', () => {
    const batches = [...new EpochIterator({ x }, { batchSize: 4 }).epoch(0)];
    expect(batches.map((b) => [b.index, b.size])).toEqual([[0, 4], [1, 4], [2, 2]]);
    expect(batches.map((b) => rowIds(b.x[0] as Tensor))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });

  it('makes in-order batches as views of the data, without copying', () => {
    const [, second] = [...new EpochIterator({ x }, { batchSize: 4 }).epoch(0)];
    expect(second?.x[0]?.values.buffer).toBe(x.values.buffer);
    expect(second?.x[0]?.values.byteOffset).toBe(4 * 2 * 4);
    expect(second?.x[0]?.shape).toEqual([4, 2]);
  });

  it('stops after stepsPerEpoch batches', () => {
    const it3 = new EpochIterator({ x }, { batchSize: 3, stepsPerEpoch: 2 });
    expect(it3.steps).toBe(2);
    expect([...it3.epoch(0)].map((b) => b.index)).toEqual([0, 1]);
  });

  it('shuffles each epoch by (seed, epoch) alone: every row once, a resumed epoch gives the same batches', () => {
    const iterator = new EpochIterator({ x, y: x }, { batchSize: 4, shuffle: true });
    const seedKey = key(9);
    const epoch3 = [...iterator.epoch(3, { seedKey })].map((b) => rowIds(b.x[0] as Tensor));
    expect(epoch3.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...iterator.epoch(3, { seedKey })].map((b) => rowIds(b.x[0] as Tensor))).toEqual(epoch3);
    expect([...iterator.epoch(4, { seedKey })].map((b) => rowIds(b.x[0] as Tensor))).not.toEqual(epoch3);
    expect([...iterator.epoch(3, { seedKey, firstBatch: 1 })].map((b) => rowIds(b.x[0] as Tensor))).toEqual(epoch3.slice(1));
  });

  it('refuses to shuffle without the run key', () => {
    expect(() => [...new EpochIterator({ x }, { batchSize: 4, shuffle: true }).epoch(0)]).toThrow(/seedKey/);
  });
});

describe('rowRange', () => {
  it('returns the tensor itself for all its rows', () => {
    expect(rowRange(x, 0, 10)).toBe(x);
  });

  it('copies the rows of a Variable, whose storage optimizers update in place', () => {
    const v = variable(x);
    const rows = rowRange(v, 2, 4);
    expect(rows.values.buffer).not.toBe(v.values.buffer);
    expect(rowIds(rows)).toEqual([2, 3]);
  });
});

describe('the fit data adapter', () => {
  it('holds out the last rows for validationSplit, as views', () => {
    const data = adaptFitData(model(), x, x, { validationSplit: 0.3 }, 'model.fit');
    expect(rowIds(data.train.x[0] as Tensor)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rowIds(data.validation?.x[0] as Tensor)).toEqual([7, 8, 9]);
    expect(data.validation?.x[0]?.values.buffer).toBe(x.values.buffer);
  });
});

describe('fit runs the model only for its batches', () => {
  it('no forward pass beyond one per training batch and one per validation batch', async () => {
    const m = model();
    const y = tensor2d(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? [1, 0] : [0, 1])));
    const forward = vi.spyOn(m, 'forward');
    await m.fit(x, y, { epochs: 2, batchSize: 4, validationSplit: 0.2, verbose: 0 });
    // 8 training rows: 2 batches; 2 validation rows: 1 batch; per epoch.
    expect(forward).toHaveBeenCalledTimes(2 * (2 + 1));
  });
});
