import { describe, expect, it } from 'vitest';
import { CustomCallback, data, layers, regularizers, sequential, unstack } from '../../src/node.js';
import type { Dataset, LayersModel, Tensor } from '../../src/node.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { bytesOf, expectSameBits } from '../helpers/bits.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

// fitDataset / evaluateDataset on the shared two-input, two-output model (a shared Dense,
// Concatenate, Add, Dropout 0.25), mirroring test/models/fit-dataset.test.ts for Sequential.

/** The model, compiled with Adam, a metric on one output and loss weights; weights drawn under seed 8. */
function fresh(): LayersModel {
  setRandomSeed(8);
  const m = twoInTwoOut('_d');
  m.compile({ optimizer: 'adam', loss: ['meanSquaredError', 'categoricalCrossentropy'], metrics: { out2_d: ['accuracy'] }, lossWeights: [1, 0.5] });
  return m;
}

const { xa, xb, y1, y2 } = twoInTwoOutData(23);
const rowsOf = (t: Tensor): number[][] => unstack(t).map((r) => Array.from(r.values));
/** One element per row, keyed by the model's input and output names (TF.js's dict form). */
const rows = (n = 23, v = { xa, xb, y1, y2 }): { xs: Record<string, number[]>; ys: Record<string, number[]> }[] => rowsOf(v.xa).slice(0, n).map((a, i) => ({
  xs: { in_a_d: a, in_b_d: rowsOf(v.xb)[i] as number[] },
  ys: { out1_d: rowsOf(v.y1)[i] as number[], out2_d: rowsOf(v.y2)[i] as number[] },
}));
type Batch = { xs: Record<string, Tensor>; ys: Record<string, Tensor> };
const weightBytes = (m: LayersModel): Uint8Array[] => m.getWeights().map((w) => bytesOf(w).slice());

describe('functional fitDataset', () => {
  it('gives the weight bytes and History of fit on the same arrays, batches and order (dropout included)', async () => {
    const a = fresh();
    const ha = await a.fit([xa, xb], [y1, y2], { epochs: 3, batchSize: 5, shuffle: false, verbose: 0 });
    const b = fresh();
    const hb = await b.fitDataset(data.array(rows()).batch(5), { epochs: 3, verbose: 0 });
    expect(weightBytes(b)).toEqual(weightBytes(a));
    expect(hb.history).toEqual(ha.history);
    expect(Object.keys(hb.history)).toEqual(['loss', 'out1_d_loss', 'out2_d_loss', 'out2_d_acc']);
    expect(hb.params).toMatchObject({ epochs: 3, steps: 5, samples: null, batchSize: null });
  });

  it('takes xs and ys as dicts by name, as lists in order, as [xs, ys] pairs and from nested zips alike (the same bytes)', async () => {
    const dicts = data.array(rows()).batch(5);
    const lists = dicts.map((e) => { const { xs, ys } = e as unknown as Batch; return { xs: [xs['in_a_d'], xs['in_b_d']], ys: [ys['out1_d'], ys['out2_d']] }; });
    const pairs = dicts.map((e) => { const { xs, ys } = e as unknown as Batch; return [xs, [ys['out1_d'], ys['out2_d']]]; });
    // Keys that name no input are ignored, as TF.js and Keras do.
    const extra = dicts.map((e) => { const { xs, ys } = e as unknown as Batch; return { xs: { ...xs, note: xs['in_a_d'] }, ys }; });
    const col = (t: Tensor): Dataset<number[]> => data.array(rowsOf(t));
    // NOTE: an array is a leaf for batch (TF.js rules), so zipped parts are keyed, in any key order.
    const zipped = data.zip({ xs: { in_b_d: col(xb), in_a_d: col(xa) }, ys: { out2_d: col(y2), out1_d: col(y1) } }).batch(5);
    const results: Uint8Array[][] = [];
    for (const ds of [dicts, lists, pairs, extra, zipped]) {
      const m = fresh();
      await m.fitDataset(ds as Dataset<unknown>, { epochs: 2, verbose: 0 });
      results.push(weightBytes(m));
    }
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });

  it('validates on a dataset or on [x, y] lists and dicts after each epoch: val_ logs are evaluate on the final weights', async () => {
    const v = twoInTwoOutData(9);
    const vrows = rows(9, v);
    const a = fresh();
    const ha = await a.fitDataset(data.array(rows()).batch(5), { epochs: 2, verbose: 0, validationData: data.array(vrows).batch(4) });
    const b = fresh();
    const hb = await b.fitDataset(data.array(rows()).batch(5), { epochs: 2, verbose: 0, validationData: [[v.xa, v.xb], { out1_d: v.y1, out2_d: v.y2 }] });
    expect(hb.history).toEqual(ha.history);
    const evaluated = (a.evaluate([v.xa, v.xb], [v.y1, v.y2]) as Tensor[]).map((t) => t.values[0] as number);
    const last = (k: string): number => ha.history[k]?.[1] ?? NaN;
    expectSameBits([last('val_loss'), last('val_out1_d_loss'), last('val_out2_d_loss'), last('val_out2_d_acc')], evaluated);
    expect(Object.keys(ha.history)).toEqual(['val_loss', 'val_out1_d_loss', 'val_out2_d_loss', 'val_out2_d_acc', 'loss', 'out1_d_loss', 'out2_d_loss', 'out2_d_acc']);
  });

  it('with batchesPerEpoch, initialEpoch, callbacks and verbose: one pass across epochs, TF.js batch logs per output', async () => {
    const batchLogs: Record<string, number>[] = [];
    let out = '';
    const h = await fresh().fitDataset(data.array(rows()).batch(5).repeat(), {
      epochs: 3, initialEpoch: 1, batchesPerEpoch: 2, verbose: 2, progressSink: { write: (t) => { out += t; }, isTTY: false },
      callbacks: new CustomCallback({ onBatchEnd: (_b, logs) => { batchLogs.push({ ...logs } as Record<string, number>); } }),
    });
    expect(h.epoch).toEqual([1, 2]);
    // Epoch e reads batches e·2 and e·2 + 1 of the one pass (a pure function of the position, as a
    // resume needs): batches 2..5 of 5, 5, 5, 5, 3, then the repeat's first.
    expect(batchLogs.map((l) => [l['batch'], l['size']])).toEqual([[0, 5], [1, 5], [0, 3], [1, 5]]);
    expect(Object.keys(batchLogs[0] ?? {})).toEqual(['batch', 'size', 'loss', 'out1_d_loss', 'out2_d_loss', 'out2_d_acc']);
    expect(out).toContain('Epoch 2/3\n2/2 - ');
  });
});

describe('functional evaluateDataset', () => {
  it('equals evaluate on the same rows, bit for bit, whatever the batching; `batches` takes that many', async () => {
    const m = fresh();
    const whole = (m.evaluate([xa, xb], [y1, y2]) as Tensor[]).map((t) => t.values[0] as number);
    for (const size of [1, 4, 23]) {
      const r = (await m.evaluateDataset(data.array(rows()).batch(size))) as Tensor[];
      expectSameBits(r.map((t) => t.values[0] as number), whole);
    }
    const firstEight = (m.evaluate([xa.slice([0, 0], [8, 3]), xb.slice([0, 0], [8, 2])], [y1.slice([0, 0], [8, 1]), y2.slice([0, 0], [8, 2])]) as Tensor[]).map((t) => t.values[0] as number);
    const two = (await m.evaluateDataset(data.array(rows()).batch(4), { batches: 2 })) as Tensor[];
    expectSameBits(two.map((t) => t.values[0] as number), firstEight);
  });

  it('counts the regularization penalties as evaluate does (a Sequential model too)', async () => {
    setRandomSeed(2);
    const s = sequential({ layers: [layers.dense({ units: 2, inputShape: [3], kernelRegularizer: regularizers.l2({ l2: 0.1 }) })] });
    s.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const y = y2;
    const whole = (s.evaluate(xa, y) as Tensor).values[0] as number;
    const r = (await s.evaluateDataset(data.zip({ xs: data.array(rowsOf(xa)), ys: data.array(rowsOf(y)) }).batch(6))) as Tensor;
    expectSameBits([r.values[0] as number], [whole]);
  });

  it('a Sequential model takes a dict keyed by its input name too (TF.js)', async () => {
    setRandomSeed(2);
    const s = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    s.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const name = s.inputNames[0] as string;
    const r = (await s.evaluateDataset(data.zip({ xs: { [name]: data.array(rowsOf(xa)) }, ys: data.array(rowsOf(y2)) }).batch(6))) as Tensor;
    expectSameBits([r.values[0] as number], [(s.evaluate(xa, y2) as Tensor).values[0] as number]);
  });
});

describe('functional fitDataset errors name the model, the input or output, and what was expected', () => {
  const one = (change: (e: { xs: Record<string, unknown>; ys: Record<string, unknown> }) => unknown): Dataset<unknown> => data.array(rows(4)).batch(4).map((e) => change(e as unknown as { xs: Record<string, unknown>; ys: Record<string, unknown> }));
  const fit = (ds: Dataset<unknown>): Promise<unknown> => fresh().fitDataset(ds, { epochs: 1, verbose: 0 });

  it('a wrong name in a dict, a missing output', async () => {
    await expect(fit(one(({ xs, ys }) => ({ xs: { in_a_d: xs['in_a_d'], inb: xs['in_b_d'] }, ys })))).rejects.toThrow("two_io_d.fitDataset: the dataset's xs has no entry for input 'in_b_d' (its keys: 'in_a_d', 'inb'); expected a key for each of two_io_d's 2 inputs ('in_a_d', 'in_b_d')");
    await expect(fit(one(({ xs, ys }) => ({ xs, ys: { out1_d: ys['out1_d'] } })))).rejects.toThrow("the dataset's ys has no entry for output 'out2_d' (its keys: 'out1_d'); expected a key for each of two_io_d's 2 outputs ('out1_d', 'out2_d')");
    await expect(fresh().evaluateDataset(one(({ xs, ys }) => ({ xs, ys: { out1_d: ys['out1_d'] } })))).rejects.toThrow("two_io_d.evaluateDataset: the dataset's ys has no entry for output 'out2_d'");
  });

  it('the wrong number of tensors, or one tensor for two inputs', async () => {
    await expect(fit(one(({ xs, ys }) => ({ xs: [xs['in_a_d']], ys })))).rejects.toThrow("the dataset's xs is a list of 1, but two_io_d has 2 inputs ('in_a_d', 'in_b_d'); give one tensor per input, in that order, or a dict keyed by those names");
    await expect(fit(one(({ xs, ys }) => ({ xs, ys: [ys['out1_d'], ys['out2_d'], ys['out2_d']] })))).rejects.toThrow("the dataset's ys is a list of 3, but two_io_d has 2 outputs ('out1_d', 'out2_d')");
    await expect(fit(one(({ xs, ys }) => ({ xs: xs['in_a_d'], ys })))).rejects.toThrow("the dataset's xs is one tensor of shape [4,3], but two_io_d has 2 inputs ('in_a_d', 'in_b_d'); give a list of 2 tensors in that order, or a dict {in_a_d: …, in_b_d: …}");
  });

  it('rows that differ between inputs and targets, inputs of the wrong shape, unbatched elements', async () => {
    await expect(fit(one(({ xs, ys }) => ({ xs, ys: { ...ys, out2_d: (ys['out2_d'] as Tensor).slice([0, 0], [3, 2]) } })))).rejects.toThrow("in one element of the dataset, the dataset's xs['in_a_d'] has 4 rows but the dataset's ys['out2_d'] has 3; expected the same number of samples (rows) in every input and target of an element");
    await expect(fit(one(({ xs, ys }) => ({ xs: [xs['in_b_d'], xs['in_a_d']], ys })))).rejects.toThrow("the dataset's xs[0] ('in_a_d') does not fit two_io_d's input 'in_a_d': expected input shape [*, 3], received [4, 2]; each batch of it must hold samples of shape [3] (check the order of the inputs, or key them by name)");
    await expect(fit(data.array(rows(4)) as Dataset<unknown>)).rejects.toThrow("the dataset's xs['in_a_d'] has shape [3], the shape of one sample of two_io_d's input 'in_a_d' [null, 3]; the elements look unbatched: call .batch(batchSize)");
  });

  it('a target of the wrong shape: the loss error names the model and the output', async () => {
    await expect(fit(one(({ xs, ys }) => ({ xs, ys: { ...ys, out1_d: ys['out2_d'] } })))).rejects.toThrow("two_io_d: output 'out1_d': meanSquaredError: yTrue has shape [4,2] but yPred has shape [4,1]; expected the same shape");
    await expect(fresh().evaluateDataset(one(({ xs, ys }) => ({ xs, ys: { ...ys, out2_d: ys['out1_d'] } })))).rejects.toThrow("two_io_d: output 'out2_d': categoricalCrossentropy: yTrue has shape [4,1] but yPred has shape [4,2]");
  });

  it('classWeight with two outputs is refused, naming what to use instead', async () => {
    await expect(fresh().fitDataset(data.array(rows(4)).batch(4), { epochs: 1, verbose: 0, classWeight: { 0: 1, 1: 2 } })).rejects.toThrow('two_io_d.fitDataset: classWeight needs a model with one output; two_io_d has 2 (out1_d, out2_d); weigh the outputs with compile\'s lossWeights');
  });
});
