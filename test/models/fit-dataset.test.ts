import { describe, expect, it } from 'vitest';
import { CustomCallback, cast, data, layers, oneHot, randomNormal, randomUniformInt, sequential, setRandomSeed, train, unstack } from '../../src/node.js';
import type { Sequential, Tensor } from '../../src/node.js';
import { bytesOf } from '../helpers/bits.js';

/** Dense(8, relu) → Dropout(0.25) → Dense(3, softmax), Adam, accuracy; weights drawn under seed 3. */
function model(): Sequential {
  setRandomSeed(3);
  const m = sequential({ layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), layers.dropout({ rate: 0.25 }), layers.dense({ units: 3, activation: 'softmax' })] });
  m.compile({ optimizer: train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const x = randomNormal([23, 4], 0, 1, 'float32', 5);
const y = cast(oneHot(randomUniformInt([23], 0, 3, { seed: 6 }), 3), 'float32');
const rows = (t: Tensor): number[][] => unstack(t).map((r) => Array.from(r.values));
const weightBytes = (m: Sequential): Uint8Array[] => m.getWeights().map((w) => bytesOf(w).slice());

describe('model.fitDataset', () => {
  it('gives the weight bytes and History of fit on the same batches in the same order (dropout included)', async () => {
    const a = model();
    const ha = await a.fit(x, y, { epochs: 3, batchSize: 5, shuffle: false, verbose: 0 });
    const b = model();
    const ds = data.zip({ xs: data.array(rows(x)), ys: data.array(rows(y)) }).batch(5);
    const hb = await b.fitDataset(ds, { epochs: 3, verbose: 0 });
    expect(weightBytes(b)).toEqual(weightBytes(a));
    expect(hb.history).toEqual(ha.history);
    expect(hb.epoch).toEqual([0, 1, 2]);
    expect(hb.params).toMatchObject({ epochs: 3, steps: 5, samples: null, batchSize: null, doValidation: false });
  });

  it('with classWeight gives the weight bytes and History of fit with the same classWeight', async () => {
    const classWeight = { 0: 1, 1: 3, 2: 0.5 };
    const a = model();
    const ha = await a.fit(x, y, { epochs: 2, batchSize: 6, shuffle: false, verbose: 0, classWeight });
    const b = model();
    const hb = await b.fitDataset(data.zip({ xs: data.array(rows(x)), ys: data.array(rows(y)) }).batch(6), { epochs: 2, verbose: 0, classWeight });
    expect(weightBytes(b)).toEqual(weightBytes(a));
    expect(hb.history).toEqual(ha.history);
    await expect(model().fitDataset(data.array([{ xs: [1, 2, 3, 4], ys: [1, 0, 0] }]).batch(1), { epochs: 1, classWeight: { 0: -1 } })).rejects.toThrow('classWeight');
  });

  it('takes elements of tensors, of arrays, and [xs, ys] pairs alike', async () => {
    const pairs = rows(x).map((r, i) => [r, rows(y)[i] as number[]] as const);
    const asObjects = data.array(pairs.map(([xs, ys]) => ({ xs, ys }))).batch(5);
    const asTensors = data.array(unstack(x).map((xs, i) => ({ xs, ys: unstack(y)[i] as Tensor }))).batch(5);
    const asPairs = data.array(pairs.map(([xs, ys]) => ({ xs, ys }))).batch(5).map((e) => { const { xs, ys } = e as { xs: Tensor; ys: Tensor }; return [xs, ys]; });
    const results: Uint8Array[][] = [];
    for (const ds of [asObjects, asTensors, asPairs]) {
      const m = model();
      await m.fitDataset(ds as never, { epochs: 2, verbose: 0 });
      results.push(weightBytes(m));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('with batchesPerEpoch runs one pass across epochs (TF.js), and stops with a warning when the data runs out', async () => {
    const seen: number[] = [];
    const ds = data.array(rows(x).map((xs, i) => ({ xs, ys: rows(y)[i] as number[] }))).batch(5).map((e) => { seen.push((e as { xs: Tensor }).xs.values[0] as number); return e; });
    const m = model();
    const h = await m.fitDataset(ds, { epochs: 2, batchesPerEpoch: 2, verbose: 0 });
    expect(h.epoch).toEqual([0, 1]);
    expect(seen).toEqual([0, 5, 10, 15].map((r) => x.values[r * 4] as number)); // batches 0..3 of one pass, not 0, 1, 0, 1
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (s: string) => { warnings.push(s); };
    try {
      const h2 = await model().fitDataset(ds, { epochs: 4, batchesPerEpoch: 2, verbose: 0 });
      expect(h2.epoch).toEqual([0, 1, 2]);
    } finally {
      console.warn = warn;
    }
    expect(warnings[0]).toContain('batchesPerEpoch is 2, but the dataset ran out of data after 5 batches; training stops');
  });

  it('validates on a dataset or on [x, y] after each epoch: val_loss is evaluate on the final weights', async () => {
    const vx = randomNormal([9, 4], 0, 1, 'float32', 8);
    const vy = cast(oneHot(randomUniformInt([9], 0, 3, { seed: 9 }), 3), 'float32');
    const ds = data.zip({ xs: data.array(rows(x)), ys: data.array(rows(y)) }).batch(5);
    const vds = data.zip({ xs: data.array(rows(vx)), ys: data.array(rows(vy)) }).batch(4);
    const a = model();
    const ha = await a.fitDataset(ds, { epochs: 2, verbose: 0, validationData: vds });
    const b = model();
    const hb = await b.fitDataset(ds, { epochs: 2, verbose: 0, validationData: [vx, vy] });
    expect(hb.history).toEqual(ha.history);
    const [loss, acc] = a.evaluate(vx, vy) as Tensor[];
    expect(ha.history['val_loss']?.[1]).toBe(loss?.values[0]);
    expect(ha.history['val_acc']?.[1]).toBe(acc?.values[0]);
    expect(Object.keys(ha.history)).toEqual(['val_loss', 'val_acc', 'loss', 'acc']);
  });

  it('calls the callbacks with TF.js batch logs and the progress bar of a dataset of unknown size', async () => {
    const sizes: number[] = [];
    let out = '';
    const ds = data.array(rows(x).map((xs, i) => ({ xs, ys: rows(y)[i] as number[] }))).filter(() => true).batch(10);
    const h = await model().fitDataset(ds, { epochs: 1, verbose: 2, progressSink: { write: (s) => { out += s; }, isTTY: false }, callbacks: new CustomCallback({ onBatchEnd: (_b, logs) => { sizes.push(logs?.['size'] as number); } }) });
    expect(sizes).toEqual([10, 10, 3]);
    expect(h.params['steps']).toBe(null);
    expect(out).toMatch(/^3\/3 - /);
  });
});

describe('model.evaluateDataset', () => {
  it('equals evaluate on the same rows, whatever the batching, and takes `batches` batches when given', async () => {
    const m = model();
    const whole = m.evaluate(x, y) as Tensor[];
    for (const size of [1, 4, 23]) {
      const r = (await m.evaluateDataset(data.zip({ xs: data.array(rows(x)), ys: data.array(rows(y)) }).batch(size))) as Tensor[];
      expect(r.map((t) => t.values[0])).toEqual(whole.map((t) => t.values[0]));
    }
    const first = m.evaluate(x.slice([0, 0], [8, 4]), y.slice([0, 0], [8, 3])) as Tensor[];
    const two = (await m.evaluateDataset(data.zip({ xs: data.array(rows(x)), ys: data.array(rows(y)) }).batch(4), { batches: 2 })) as Tensor[];
    expect(two.map((t) => t.values[0])).toEqual(first.map((t) => t.values[0]));
  });
});

describe('fitDataset and evaluateDataset errors name what was wrong', () => {
  const ds = data.array([{ xs: [1, 2, 3, 4], ys: [1, 0, 0] }]).batch(1);

  it('refuses bad options', async () => {
    const m = model();
    await expect(m.fitDataset(ds, { epochs: 0 })).rejects.toThrow('fitDataset: epochs must be a positive integer. Received: epochs=0');
    await expect(m.fitDataset(ds, { epochs: 1, batchesPerEpoch: 1.5 })).rejects.toThrow('batchesPerEpoch must be a positive integer');
    await expect(m.fitDataset(ds.repeat(), { epochs: 1 })).rejects.toThrow('the dataset is endless (size Infinity), so an epoch would never end; give batchesPerEpoch');
    await expect(m.fitDataset(ds, { epochs: 1, validationSplit: 0.2 } as never)).rejects.toThrow('validationSplit is not supported by fitDataset; give validationData');
    await expect(m.fitDataset([1, 2] as never, { epochs: 1 })).rejects.toThrow('fitDataset: expected a Dataset');
    await expect(m.evaluateDataset(ds, { batches: 0 })).rejects.toThrow('evaluateDataset: batches must be a positive integer');
    setRandomSeed(1);
    const uncompiled = sequential({ layers: [layers.dense({ units: 1, inputShape: [4] })] });
    await expect(uncompiled.fitDataset(ds, { epochs: 1 })).rejects.toThrow('the model must be compiled first');
  });

  it('refuses elements that are not {xs, ys}, maps of inputs, empty datasets and wrong shapes', async () => {
    const m = model();
    await expect(m.fitDataset(data.array([[1, 2, 3, 4]]).batch(1), { epochs: 1, verbose: 0 })).rejects.toThrow('expected each dataset element to be {xs, ys} or [xs, ys] (a batch of inputs and targets), received a tensor of shape [1,4]');
    await expect(m.fitDataset(data.csv({ text: 'a,b,c,d,y\n1,2,3,4,0\n' }, { columnConfigs: { y: { isLabel: true } } }).batch(1), { epochs: 1, verbose: 0 })).rejects.toThrow("the dataset's xs is an object with keys [a, b, c, d], but");
    await expect(m.fitDataset(data.array([]).batch(1), { epochs: 1, verbose: 0 })).rejects.toThrow('the dataset gave no batch');
    await expect(m.fitDataset(data.array([{ xs: [1, 2], ys: [1, 0, 0] }]).batch(1), { epochs: 1, verbose: 0 })).rejects.toThrow('expected input shape [*, 4], received [1, 2]');
    await expect(m.evaluateDataset(data.array([]).batch(1))).rejects.toThrow('evaluateDataset: the dataset gave no batch');
  });
});

