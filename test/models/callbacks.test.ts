import { describe, expect, it, vi } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { BaseCallback, CustomCallback, callbacks, sequential } from '../../src/models/index.js';
import type { CallbackHooks, FitParams, Logs, Sequential, TrainingModel } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { train } from '../../src/optimizers/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const x = randomTensor(xorshift(31), [5, 3]);
const y = randomTensor(xorshift(32), [5, 1]);

function model(learningRate = 0.01): Sequential {
  setRandomSeed(2);
  const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
  m.compile({ optimizer: train.sgd(learningRate), loss: 'meanSquaredError' });
  return m;
}

/** Plain-object hooks that record every call as `hook arg logs`. */
function recorder(events: string[]): CallbackHooks {
  const log = (name: string) => (a?: number | Logs, b?: Logs): void => {
    events.push([name, ...[a, b].filter((v) => v !== undefined).map((v) => JSON.stringify(v))].join(' '));
  };
  return {
    onTrainBegin: log('trainBegin'), onEpochBegin: log('epochBegin'), onBatchBegin: log('batchBegin'),
    onBatchEnd: log('batchEnd'), onEpochEnd: log('epochEnd'), onTrainEnd: log('trainEnd'),
  };
}

describe('callback hooks', () => {
  it('are called in the TF.js order: train, epoch, batch begin/end, epoch end, train end', async () => {
    const events: string[] = [];
    await model().fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0, callbacks: [recorder(events)] });
    const names = events.map((e) => e.split(' ').slice(0, 2).join(' '));
    const epoch = (e: number): string[] => [`epochBegin ${e}`, 'batchBegin 0', 'batchEnd 0', 'batchBegin 1', 'batchEnd 1', 'batchBegin 2', 'batchEnd 2', `epochEnd ${e}`];
    expect(names).toEqual(['trainBegin {}', ...epoch(0), ...epoch(1), 'trainEnd {}']);
  });

  it('get {batch, size} at batch begin and {batch, size, loss} at batch end, the last batch partial', async () => {
    const begins: Logs[] = [];
    const ends: Logs[] = [];
    await model().fit(x, y, { batchSize: 2, verbose: 0, callbacks: { onBatchBegin: (_b, logs) => { begins.push({ ...logs }); }, onBatchEnd: (_b, logs) => { ends.push({ ...logs }); } } });
    expect(begins).toEqual([{ batch: 0, size: 2 }, { batch: 1, size: 2 }, { batch: 2, size: 1 }]);
    expect(ends.map((l) => Object.keys(l))).toEqual([['batch', 'size', 'loss'], ['batch', 'size', 'loss'], ['batch', 'size', 'loss']]);
    expect(ends.map((l) => [l['batch'], l['size']])).toEqual([[0, 2], [1, 2], [2, 1]]);
  });

  it('get at epoch end the logs that History records', async () => {
    const seen: Logs[] = [];
    const history = await model().fit(x, y, { epochs: 2, validationSplit: 0.4, verbose: 0, callbacks: [{ onEpochEnd: (_e, logs) => { seen.push({ ...logs }); } }] });
    expect(seen.map((l) => Object.keys(l))).toEqual([['val_loss', 'loss'], ['val_loss', 'loss']]);
    expect(seen.map((l) => l['loss'])).toEqual(history.history['loss']);
    expect(seen.map((l) => l['val_loss'])).toEqual(history.history['val_loss']);
  });

  it('run in the order the callbacks are listed, each awaited before the next', async () => {
    const order: string[] = [];
    const slow: CallbackHooks = { onEpochEnd: async () => { await new Promise((r) => setTimeout(r, 5)); order.push('slow'); } };
    const fast: CallbackHooks = { onEpochEnd: () => { order.push('fast'); } };
    await model().fit(x, y, { epochs: 2, verbose: 0, callbacks: [slow, fast] });
    expect(order).toEqual(['slow', 'fast', 'slow', 'fast']);
  });

  it('CustomCallback calls the given hooks with `this` bound to the hooks object', async () => {
    const events: string[] = [];
    const hooks = { tag: 'mine', onTrainEnd(this: { tag: string }): void { events.push(this.tag); } };
    await model().fit(x, y, { verbose: 0, callbacks: [new CustomCallback(hooks)] });
    expect(events).toEqual(['mine']);
  });

  it('a BaseCallback gets the model and the fit params before training begins', async () => {
    let seenParams: FitParams | undefined;
    let seenModel: TrainingModel | undefined;
    class Probe extends BaseCallback {
      override onTrainBegin(): void {
        seenParams = this.params;
        seenModel = this.model;
      }
    }
    const m = model();
    await m.fit(x, y, { epochs: 3, batchSize: 2, verbose: 0, callbacks: [new Probe()] });
    expect(seenModel).toBe(m);
    expect(seenParams).toMatchObject({ epochs: 3, samples: 5, steps: 3, batchSize: 2 });
  });

  it('setting model.stopTraining in onBatchEnd ends fit after that batch', async () => {
    const m = model();
    let batches = 0;
    const history = await m.fit(x, y, { epochs: 5, batchSize: 1, verbose: 0, callbacks: { onBatchEnd: (b) => { batches++; if (b === 1) m.stopTraining = true; } } });
    expect(batches).toBe(2);
    expect(history.epoch).toEqual([0]);
  });
});

describe('earlyStopping', () => {
  // With learning rate 1 this model diverges: the loss grows every epoch, epoch 0 is the best.
  const diverging = (): Sequential => model(1);

  /** Runs fit while keeping a copy of the weights at the end of each epoch. */
  async function fitRecording(m: Sequential, es: ReturnType<typeof callbacks.earlyStopping>, epochs: number): Promise<{ losses: number[]; snapshots: Tensor[][] }> {
    const snapshots: Tensor[][] = [];
    const history = await m.fit(x, y, { epochs, verbose: 0, callbacks: [{ onEpochEnd: () => { snapshots.push(m.getWeights()); } }, es] });
    return { losses: history.history['loss'] ?? [], snapshots };
  }

  it('stops once the monitored value has not improved for `patience` epochs', async () => {
    const es = callbacks.earlyStopping({ monitor: 'loss', patience: 2 });
    const { losses } = await fitRecording(diverging(), es, 20);
    expect(losses.length).toBe(3);
    expect(losses[2] as number).toBeGreaterThan(losses[0] as number);
    expect(es.stoppedEpoch).toBe(2);
  });

  it('does not stop while the value improves', async () => {
    const es = callbacks.earlyStopping({ monitor: 'loss', patience: 0 });
    const { losses } = await fitRecording(model(0.01), es, 4);
    expect(losses.length).toBe(4);
    expect(es.stoppedEpoch).toBe(0);
  });

  it('keeps the last weights without restoreBestWeights', async () => {
    const m = diverging();
    const { snapshots } = await fitRecording(m, callbacks.earlyStopping({ monitor: 'loss', patience: 1 }), 20);
    m.getWeights().forEach((w, i) => expectSameBits(w.values, snapshots[snapshots.length - 1]?.[i]?.values ?? [], `weight ${i}`));
  });

  it('restoreBestWeights brings back the weights of the best epoch when it stops', async () => {
    const m = diverging();
    const { snapshots } = await fitRecording(m, callbacks.earlyStopping({ monitor: 'loss', patience: 1, restoreBestWeights: true }), 20);
    expect(snapshots.length).toBe(2);
    m.getWeights().forEach((w, i) => expectSameBits(w.values, snapshots[0]?.[i]?.values ?? [], `weight ${i}`));
  });

  it('restoreBestWeights restores at the end of training even without stopping (Keras 3)', async () => {
    const m = diverging();
    const { snapshots } = await fitRecording(m, callbacks.earlyStopping({ monitor: 'loss', patience: 10, restoreBestWeights: true }), 3);
    expect(snapshots.length).toBe(3);
    m.getWeights().forEach((w, i) => expectSameBits(w.values, snapshots[0]?.[i]?.values ?? [], `weight ${i}`));
  });

  it('watches val_loss by default and maximizes keys containing acc in auto mode', () => {
    expect(callbacks.earlyStopping().monitor).toBe('val_loss');
    expect(callbacks.earlyStopping().mode).toBe('min');
    expect(callbacks.earlyStopping({ monitor: 'val_acc' }).mode).toBe('max');
  });

  it('warns and carries on when the monitored key is missing from the logs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history = await model().fit(x, y, { epochs: 2, verbose: 0, callbacks: [callbacks.earlyStopping()] });
    expect(history.epoch).toEqual([0, 1]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("earlyStopping: monitored key 'val_loss' is not in the logs (available: loss)"));
    warn.mockRestore();
  });

  it('rejects a negative patience and an unknown mode, quoting them', () => {
    expect(() => callbacks.earlyStopping({ patience: -1 })).toThrow('earlyStopping: patience must be a non-negative integer. Received: patience=-1');
    expect(() => callbacks.earlyStopping({ mode: 'up' as never })).toThrow(`earlyStopping: mode must be 'auto', 'min' or 'max'. Received: mode="up"`);
  });
});
