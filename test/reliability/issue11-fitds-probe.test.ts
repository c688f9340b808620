import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { callbacks, CustomCallback, data, input, layers, model, sequential, tensor1d, tensor2d, train } from '../../src/node.js';
import type { LayersModel, Tensor } from '../../src/node.js';

import { monitorMode } from '../../src/models/monitor.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { bytesOf } from '../helpers/bits.js';
import { freshDir, removeDirs } from '../checkpoint/tiny-run.js';
import { maxRelativeDifference } from '../peer/harness.js';

// Hostile-user probes of functional fitDataset / evaluateDataset (issue 11): each test was
// written failing, before the fix it names.

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});
afterAll(removeDirs);

/** One input, a regression output 'reg' and a classifier 'cls' with integer labels. */
function regAndClass(): LayersModel {
  setRandomSeed(3);
  const a = input({ shape: [2], name: 'a' });
  const reg = layers.dense({ units: 1, name: 'reg' }).apply(a);
  const cls = layers.dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(a);
  const m = model({ inputs: a, outputs: [reg, cls] });
  m.compile({ optimizer: 'sgd', loss: ['meanSquaredError', 'sparseCategoricalCrossentropy'], metrics: { cls: 'accuracy' } });
  return m;
}
const regAndClassRows = Array.from({ length: 8 }, (_, i) => ({ xs: [i / 8, 1 - i / 8], ys: { reg: [i / 8], cls: i % 2 } }));

describe('functional fitDataset, probed', () => {
  it("callbacks in mode 'auto' watch a per-output key (val_reg_loss min, val_cls_acc max) as TF.js and Keras do, instead of refusing it", async () => {
    // Bug: monitorMode stripped only 'val_', so '<output>_loss' and '<output>_acc' were unknown and 'auto' threw.
    const seen: string[] = [];
    for (const monitor of ['val_reg_loss', 'val_cls_acc', 'cls_loss', 'cls_accuracy']) {
      const m = regAndClass();
      const h = await m.fitDataset(data.array(regAndClassRows).batch(4), { epochs: 2, verbose: 0, validationData: data.array(regAndClassRows).batch(8), callbacks: [callbacks.earlyStopping({ monitor, patience: 5 }), callbacks.reduceLROnPlateau({ monitor, patience: 5 })] });
      seen.push(...h.epoch.map((e) => `${monitor}:${e}`));
    }
    expect(['val_reg_loss', 'val_cls_acc', 'cls_loss', 'cls_accuracy', 'val_out_1_mean_squared_error', 'val_acc'].map((k) => monitorMode(k, 'auto', 'test'))).toEqual(['min', 'max', 'min', 'max', 'min', 'max']);
    expect(() => monitorMode('val_cls_custom', 'auto', 'earlyStopping')).toThrow("earlyStopping: cannot tell whether monitor 'val_cls_custom' should be minimized or maximized");
    expect(seen).toEqual(['val_reg_loss:0', 'val_reg_loss:1', 'val_cls_acc:0', 'val_cls_acc:1', 'cls_loss:0', 'cls_loss:1', 'cls_accuracy:0', 'cls_accuracy:1']);
  });

  it('an output layer used twice (a shared layer) keeps both outputs\' logs, suffixed _0 and _1 as TF.js, in fitDataset, fit and evaluate', async () => {
    // Bug: both outputs logged under 's_loss' and 's_mae', so one output's values were lost.
    setRandomSeed(5);
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [3], name: 'b' });
    const s = layers.dense({ units: 1, name: 's' });
    const ours = model({ inputs: [a, b], outputs: [s.apply(a), s.apply(b)] });
    const ta = tf.input({ shape: [3], name: 'a' });
    const tb = tf.input({ shape: [3], name: 'b' });
    const ts = tf.layers.dense({ units: 1, name: 's' });
    const theirs = tf.model({ inputs: [ta, tb], outputs: [ts.apply(ta) as tf.SymbolicTensor, ts.apply(tb) as tf.SymbolicTensor] });
    theirs.setWeights(ours.getWeights().map((w) => tf.tensor(Array.from(w.values), w.shape, 'float32')));
    ours.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError', metrics: ['mae'] });
    theirs.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError', metrics: ['mae'] });
    const rows = Array.from({ length: 6 }, (_, i) => ({ xs: { a: [i / 6, 1, -i / 6], b: [1 - i / 6, i / 3, 0.5] }, ys: { y0: [i / 6], y1: [-i / 6] } }));
    type Batch<T> = { xs: { a: T; b: T }; ys: { y0: T; y1: T } };
    // Lists after batching: a dict could not tell the two outputs named 's' apart.
    const oursDs = data.array(rows).batch(3).map((e) => { const { xs, ys } = e as unknown as Batch<Tensor>; return { xs: [xs.a, xs.b], ys: [ys.y0, ys.y1] }; });
    const theirDs = tf.data.array(rows).batch(3).map((e) => { const { xs, ys } = e as unknown as Batch<tf.Tensor>; return { xs: [xs.a, xs.b], ys: [ys.y0, ys.y1] }; });
    const h = await ours.fitDataset(oursDs, { epochs: 2, verbose: 0 });
    const th = await theirs.fitDataset(theirDs as never, { epochs: 2, verbose: 0 });
    expect(Object.keys(h.history).sort()).toEqual(Object.keys(th.history).sort());
    expect(Object.keys(h.history)).toEqual(['loss', 's_loss_0', 's_loss_1', 's_mae_0', 's_mae_1']);
    for (const k of Object.keys(th.history)) expect(maxRelativeDifference(h.history[k] as number[], th.history[k] as number[]), k).toBeLessThan(1e-5);
    // The two outputs differ, so a collapsed log could not pass the comparison above by chance.
    expect(h.history['s_loss_0']?.[1]).not.toBe(h.history['s_loss_1']?.[1]);
    const ev = (await ours.evaluateDataset(oursDs)) as Tensor[];
    expect(ev.length).toBe(5);
    // The suffixed keys can be watched in mode 'auto' (TF.js minimizes them: no 'acc' in the name).
    expect(['val_s_loss_1', 's_mae_0', 'val_cls_acc_1'].map((k) => monitorMode(k, 'auto', 'test'))).toEqual(['min', 'min', 'max']);
    const x = (k: 'a' | 'b'): Tensor => tensor2d(rows.map((r) => r.xs[k]));
    const hf = await ours.fit([x('a'), x('b')], [tensor2d(rows.map((r) => r.ys.y0)), tensor2d(rows.map((r) => r.ys.y1))], { epochs: 1, verbose: 0, validationSplit: 0.5 });
    expect(Object.keys(hf.history)).toEqual(['val_loss', 'val_s_loss_0', 'val_s_loss_1', 'val_s_mae_0', 'val_s_mae_1', 'loss', 's_loss_0', 's_loss_1', 's_mae_0', 's_mae_1']);
  });

  it('a dataset without .batch() whose targets are class indices says the elements look unbatched (not that a target is a scalar)', async () => {
    // Bug: ys was read before the inputs' shapes were checked, so the scalar label threw first
    // with "ys['cls'] is a scalar", never reaching the unbatched hint.
    const m = regAndClass();
    const hint = "the dataset's xs has shape [2], the shape of one sample of functional";
    await expect(m.fitDataset(data.array(regAndClassRows), { epochs: 1, verbose: 0 })).rejects.toThrow(hint);
    await expect(m.fitDataset(data.array(regAndClassRows), { epochs: 1, verbose: 0 })).rejects.toThrow('call .batch(batchSize) on the dataset');
    await expect(m.evaluateDataset(data.array(regAndClassRows))).rejects.toThrow('call .batch(batchSize) on the dataset');
  });

  it('an error in a later batch (NaN, a shape that changes mid-stream) says which batch of which pass, not only the row inside it', async () => {
    // Bug: "ys has NaN at row 0, column 0" sent the user to row 0 of the data, which is fine; the NaN was in batch 1.
    const rows = regAndClassRows.map((r, i) => (i === 5 ? { ...r, ys: { ...r.ys, reg: [NaN] } } : r));
    await expect(regAndClass().fitDataset(data.array(rows).batch(4), { epochs: 1, verbose: 0 })).rejects.toThrow("the dataset's ys['reg'] has NaN at row 1, column 0; expected finite numbers (pass allowNonFinite: true to accept NaN and Infinity) (in batch 1 of the dataset's pass 0, counting from 0)");
    await expect(regAndClass().evaluateDataset(data.array(rows).batch(2))).rejects.toThrow('(in batch 2 of the dataset, counting from 0)');
    const widening = regAndClassRows.map((r, i) => (i >= 4 ? { ...r, xs: [...r.xs, 0] } : r));
    await expect(regAndClass().fitDataset(data.array(widening).batch(2).repeat(), { epochs: 3, batchesPerEpoch: 1, verbose: 0 })).rejects.toThrow("expected input shape [*, 2], received [2, 3]; each batch of it must hold samples of shape [2] (in batch 2 of the dataset's pass 0, counting from 0)");
    await expect(regAndClass().fitDataset(data.array(regAndClassRows).batch(4), { epochs: 1, verbose: 0, validationData: data.array(widening).batch(4) })).rejects.toThrow("fitDataset (validationData): the dataset's xs does not fit");
    await expect(regAndClass().fitDataset(data.array(regAndClassRows).batch(4), { epochs: 1, verbose: 0, validationData: data.array(widening).batch(4) })).rejects.toThrow('(in batch 1 of the dataset\'s pass 0, counting from 0)');
  });

  it('a resume refused because the dataset changed names the method the user called (fitDataset, not fit)', async () => {
    // Bug: checkpoint.ts wrote '<model>.fit: cannot resume …' for every caller.
    const dir = freshDir();
    const stopAt3 = new CustomCallback({ onBatchEnd: (b) => { if (b === 2) throw new Error('stopped'); } });
    const ds = (seed: number) => data.array(regAndClassRows).shuffle(8, seed).batch(2);
    await expect(regAndClass().fitDataset(ds(1), { epochs: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), stopAt3] })).rejects.toThrow('stopped');
    await expect(regAndClass().fitDataset(ds(2), { epochs: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 })] })).rejects.toThrow(/^functional_\d+\.fitDataset: cannot resume from checkpoint .*: it was written by a fitDataset on another dataset/);
  });

  it('int32 tensors for a float32 input (a count feature) train as their float32 values, as TF.js accepts them, in fitDataset, fit and predict', async () => {
    // Bug: the int32 batch reached Concatenate / Dense and failed inside ("concat: tensors[1] … (int32)"), naming neither model nor input.
    const mk = (): LayersModel => {
      setRandomSeed(4);
      const a = input({ shape: [2], name: 'a' });
      const n = input({ shape: [1], name: 'n' });
      const m = model({ inputs: [a, n], outputs: layers.dense({ units: 1, name: 'o' }).apply(layers.concatenate().apply([a, n])) });
      m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
      return m;
    };
    const rows = (dtype: 'int32' | 'float32') => [0, 1, 2, 3, 4].map((i) => ({ xs: { a: tensor1d([i / 5, 1]), n: tensor1d([i % 3], dtype) }, ys: { o: tensor1d([i / 4]) } }));
    const weights = (m: LayersModel): Uint8Array[] => m.getWeights().map((w) => bytesOf(w).slice());
    const [asInt, asFloat] = [mk(), mk()];
    const hi = await asInt.fitDataset(data.array(rows('int32')).batch(2), { epochs: 2, verbose: 0 });
    const hf = await asFloat.fitDataset(data.array(rows('float32')).batch(2), { epochs: 2, verbose: 0 });
    expect(weights(asInt)).toEqual(weights(asFloat));
    expect(hi.history).toEqual(hf.history);
    const x = [tensor2d([[0.5, 1], [1, 1]]), tensor2d([[2], [1]], [2, 1], 'int32')];
    expect(bytesOf(asInt.predict(x) as Tensor)).toEqual(bytesOf(asFloat.predict([x[0] as Tensor, tensor2d([[2], [1]])]) as Tensor));
    // fit too: the int32 input trains to the bits the same values as float32 give.
    const hfi = await asInt.fit(x, tensor2d([[1], [0]]), { epochs: 1, verbose: 0 });
    const hff = await asFloat.fit([x[0] as Tensor, tensor2d([[2], [1]])], tensor2d([[1], [0]]), { epochs: 1, verbose: 0 });
    expect(weights(asInt)).toEqual(weights(asFloat));
    expect(hfi.history).toEqual(hff.history);
  });

  it("a dict missing an input named like an Object.prototype member ('constructor') says the key is missing, in fitDataset and fit", async () => {
    // Bug: v['constructor'] found Object.prototype.constructor, so the error said a function could not be converted to a tensor.
    setRandomSeed(6);
    const a = input({ shape: [2], name: 'constructor' });
    const b = input({ shape: [2], name: 'toString' });
    const m = model({ inputs: [a, b], outputs: layers.dense({ units: 1, name: 'valueOf' }).apply(layers.add().apply([a, b])) });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const rows = [0, 1, 2, 3].map((i) => ({ xs: { toString: [i, 1] }, ys: { valueOf: [i] } }));
    await expect(m.fitDataset(data.array(rows).batch(2), { epochs: 1, verbose: 0 })).rejects.toThrow("the dataset's xs has no entry for input 'constructor' (its keys: 'toString')");
    await expect(m.fit({ toString: tensor2d([[1, 2]]) }, tensor2d([[1]]), { epochs: 1, verbose: 0 })).rejects.toThrow("x has no entry for 'constructor'");
    const ok = [0, 1, 2, 3].map((i) => ({ xs: { constructor: [1, i], toString: [i, 1] }, ys: { valueOf: [i] } }));
    expect((await m.fitDataset(data.array(ok).batch(2), { epochs: 1, verbose: 0 })).epoch).toEqual([0]);
  });

  it('a second fitDataset or fit on a model still training (a missing await) is refused, as TF.js does, and the first run is unharmed', async () => {
    // Bug: both loops ran, interleaving their steps on the same weights and optimizer.
    const alone = regAndClass();
    const h = await alone.fitDataset(data.array(regAndClassRows).batch(2), { epochs: 3, verbose: 0, yieldEvery: 'batch' });
    const m = regAndClass();
    const first = m.fitDataset(data.array(regAndClassRows).batch(2), { epochs: 3, verbose: 0, yieldEvery: 'batch' });
    const second = m.fitDataset(data.array(regAndClassRows).batch(2), { epochs: 3, verbose: 0, yieldEvery: 'batch' });
    const third = m.fit(tensor2d([[0, 1]]), [tensor2d([[0]]), tensor1d([1])], { epochs: 1, verbose: 0 });
    await expect(second).rejects.toThrow(/^functional_\d+\.fitDataset: functional_\d+ is already training \(a fit or fitDataset that was not awaited\); await it before starting another/);
    await expect(third).rejects.toThrow('is already training');
    expect((await first).history).toEqual(h.history);
    expect(m.getWeights().map((w) => bytesOf(w).slice())).toEqual(alone.getWeights().map((w) => bytesOf(w).slice()));
    expect((await m.fitDataset(data.array(regAndClassRows).batch(2), { epochs: 1, verbose: 0 })).epoch).toEqual([0]); // free again once done
  });

  it('xs zipped as a list of datasets (stacked by batch into one tensor, as TF.js) gets an error that says why it is one tensor and how to key it', async () => {
    // Bug: the error told the user to give "a list of 2 tensors in that order", which is what they had zipped.
    setRandomSeed(7);
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [3], name: 'b' });
    const m = model({ inputs: [a, b], outputs: layers.dense({ units: 1, name: 'o' }).apply(layers.add().apply([a, b])) });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const cols = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    const ds = data.zip({ xs: data.zip([data.array(cols), data.array(cols)]), ys: data.array([[1], [2], [3]]) }).batch(2);
    await expect(m.fitDataset(ds, { epochs: 1, verbose: 0 })).rejects.toThrow("the dataset's xs is one tensor of shape [2,2,3], but functional");
    await expect(m.fitDataset(ds, { epochs: 1, verbose: 0 })).rejects.toThrow('batch stacks a list of equal-length arrays into one tensor (TF.js rules): zip the inputs as a dict, data.zip({a: …, b: …})');
  });

  it("an input with a fixed batch size and a dataset whose last batch is smaller: the error names the model and says to drop the small batch", async () => {
    // Bug: the message was "a: expected input shape [4, 2], received [2, 2]", naming neither the model nor a fix.
    setRandomSeed(8);
    const a = input({ batchShape: [4, 2], name: 'a' });
    const m = model({ inputs: a, outputs: layers.dense({ units: 1, name: 'o' }).apply(a), name: 'fixed' });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const rows = Array.from({ length: 6 }, (_, i) => ({ xs: [i, 1], ys: [i] }));
    await expect(m.fitDataset(data.array(rows).batch(4), { epochs: 1, verbose: 0 })).rejects.toThrow("fixed.fitDataset: the dataset's xs has 2 rows, but fixed's input 'a' has a fixed batch size of 4 (input shape [4, 2]); batch the dataset with .batch(4, false) to drop a smaller last batch (in batch 1 of the dataset's pass 0, counting from 0)");
    expect((await m.fitDataset(data.array(rows).batch(4, false), { epochs: 1, verbose: 0 })).epoch).toEqual([0]);
  });

  it('a target whose shape changes mid-stream fails in the loss with the method and the batch of the dataset named', async () => {
    // Bug: "functional_3: output 'reg': meanSquaredError: yTrue has shape [2,2] …" named neither fitDataset nor the batch (the first batches were fine).
    const rows = regAndClassRows.map((r, i) => (i >= 2 ? { ...r, ys: { ...r.ys, reg: [...r.ys.reg, 0] } } : r));
    await expect(regAndClass().fitDataset(data.array(rows).batch(2), { epochs: 1, verbose: 0 })).rejects.toThrow(/^functional_\d+\.fitDataset: functional_\d+: output 'reg': meanSquaredError: yTrue has shape \[2,2\] but yPred has shape \[2,1\]; expected the same shape \(in batch 1 of the dataset's pass 0, counting from 0\)$/);
    await expect(regAndClass().evaluateDataset(data.array(rows).batch(2))).rejects.toThrow(/^functional_\d+\.evaluateDataset: functional_\d+: output 'reg': .* \(in batch 1 of the dataset, counting from 0\)$/);
    await expect(regAndClass().fitDataset(data.array(regAndClassRows).batch(2), { epochs: 1, verbose: 0, validationData: data.array(rows).batch(2) })).rejects.toThrow("(in batch 1 of the dataset's pass 0, counting from 0)");
  });

  it('int32 tensors train a Sequential model as their float32 values too (Dense first, and Embedding first as before)', async () => {
    // Bug: "matMul: argument 'a' has dtype int32; expected float32", from inside the first Dense.
    const weights = (m: { getWeights(): Tensor[] }): Uint8Array[] => m.getWeights().map((w) => bytesOf(w).slice());
    for (const first of ['dense', 'embedding'] as const) {
      const mk = () => {
        setRandomSeed(9);
        const m = sequential({ layers: first === 'dense' ? [layers.dense({ units: 2, inputShape: [3] }), layers.dense({ units: 1 })] : [layers.embedding({ inputDim: 6, outputDim: 2, inputLength: 3 }), layers.flatten(), layers.dense({ units: 1 })] });
        m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
        return m;
      };
      const rows = (dtype: 'int32' | 'float32') => [0, 1, 2, 3, 4].map((i) => ({ xs: tensor1d([i, (i + 1) % 6, 5], dtype), ys: tensor1d([i / 4]) }));
      const [asInt, asFloat] = [mk(), mk()];
      const hi = await asInt.fitDataset(data.array(rows('int32')).batch(2), { epochs: 2, verbose: 0 });
      const hf = await asFloat.fitDataset(data.array(rows('float32')).batch(2), { epochs: 2, verbose: 0 });
      expect(weights(asInt)).toEqual(weights(asFloat));
      expect(hi.history).toEqual(hf.history);
    }
  });

  it('a generator over a shared, drained source (epoch 2 gets no batch) is an error naming the pass, not epochs of NaN loss', async () => {
    // Bug: epochs 1 and 2 ran zero batches and History recorded loss NaN for them, silently.
    const shared = regAndClassRows[Symbol.iterator]();
    const drained = data.generator(function* fromShared() { for (const r of shared) yield r; }).batch(4);
    await expect(regAndClass().fitDataset(drained, { epochs: 3, verbose: 0 })).rejects.toThrow(/^functional_\d+\.fitDataset: pass 1 of the dataset \(epoch 1\) gave no batch, but pass 0 gave 2; every epoch reads a new pass, so a data\.generator must give its elements again on each call \(not from a shared, drained iterator\)/);
  });

  it('validationData [x, y] dicts with keys that name no input or output are read as the training elements are (extras ignored, as TF.js and Keras)', async () => {
    // Bug: the dataset's dicts ignored extra keys (README), but the same dicts as validationData were refused ("x has key 'id'").
    const rows = regAndClassRows.map((r, i) => ({ xs: { a: r.xs, id: [i] }, ys: { ...r.ys, weight: [1] } }));
    const x = { a: tensor2d(regAndClassRows.map((r) => r.xs)), id: tensor2d(regAndClassRows.map((_, i) => [i])) };
    const y = { reg: tensor2d(regAndClassRows.map((r) => r.ys.reg)), cls: tensor1d(regAndClassRows.map((r) => r.ys.cls)), weight: tensor2d(regAndClassRows.map(() => [1])) };
    const viaDataset = await regAndClass().fitDataset(data.array(rows).batch(4), { epochs: 2, verbose: 0, validationData: data.array(rows).batch(8) });
    const viaArrays = await regAndClass().fitDataset(data.array(rows).batch(4), { epochs: 2, verbose: 0, validationData: [x, y] });
    expect(viaArrays.history).toEqual(viaDataset.history);
    const fitted = await regAndClass().fit(x, y, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0 });
    expect(fitted.history['loss']).toEqual(viaDataset.history['loss']);
  });
});
