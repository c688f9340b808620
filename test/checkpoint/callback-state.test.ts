// Checkpoint format version 3: the stateful callbacks' state and the optimizer's learning rate.
import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore, checkpointBytes, parseCheckpoint } from '../../src/io/checkpoint.js';
import { CustomCallback, callbacks, schedules, tensor1d, train } from '../../src/node.js';
import type { CallbackHooks, Sequential } from '../../src/node.js';
import type { FitSnapshot } from '../../src/models/fit-state.js';
import { bytesOf } from '../helpers/bits.js';
import { forge, freshDir, newest, removeDirs, stateBytes, tinyData, tinyModel } from './tiny-run.js';

afterAll(removeDirs);

const snapshot: FitSnapshot = {
  epoch: 1, batch: 0, seed: 5,
  options: { batchSize: 4, steps: 3, samples: 12, shuffle: true },
  data: { x: 'a'.repeat(64), y: 'b'.repeat(64), sampleWeight: null, validationX: null, validationY: null, validationSampleWeight: null },
  history: { epoch: [0], history: { loss: [0.5] } },
  partial: null,
  callbacks: [
    { kind: 'EarlyStopping', values: { a: NaN, b: -Infinity, c: -0, d: [1, Infinity, 'x'], e: 'text', f: null, g: true, h: 0.1 }, tensors: [tensor1d([1.5, -2])] },
    { kind: 'ReduceLROnPlateau', values: { wait: 2 }, tensors: [] },
  ],
};

/** Fits the tiny model 3 epochs of 4 steps, checkpointing every step, with `extra` callbacks; stops after `stopAfter` steps. */
async function fitWith(model: Sequential, dir: string, extra: CallbackHooks[], stopAfter?: number): Promise<void> {
  let steps = 0;
  const stopper = new CustomCallback({ onBatchEnd: () => { if (++steps === stopAfter) model.stopTraining = true; } });
  const { x, y } = tinyData();
  await model.fit(x, y, { epochs: 3, batchSize: 5, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1, keep: 2 }), ...extra, stopper] });
}

describe('checkpoint format version 3', () => {
  it('round-trips callback state exactly: NaN, ±Infinity and −0 included, tensors bit for bit', () => {
    const m = tinyModel();
    const back = parseCheckpoint(checkpointBytes(m, snapshot), 'x.sbckpt');
    expect(back.header.version).toBe(3);
    const [a, b] = back.header.snapshot.callbacks;
    expect(a?.kind).toBe('EarlyStopping');
    expect(a?.values).toEqual(snapshot.callbacks[0]?.values);
    expect(Object.is(a?.values['c'], -0)).toBe(true);
    expect(bytesOf(a?.tensors[0] as never)).toEqual(bytesOf(snapshot.callbacks[0]?.tensors[0] as never));
    expect(b).toEqual({ kind: 'ReduceLROnPlateau', values: { wait: 2 }, tensors: [] });
    expect(back.header.optimizer?.learningRate).toBe(0.001);
  });

  it('still reads version 2 files (no callback state, no learning rate)', async () => {
    const dir = freshDir();
    await fitWith(tinyModel(), dir, [], 2);
    const file = await newest(dir);
    forge(file, (h) => {
      h['version'] = 2;
      delete h['callbacks'];
      delete h['optimizer']['learningRate'];
    });
    await fitWith(tinyModel(), dir, []); // resumes from it
  });

  it('refuses a malformed special number, naming the field', async () => {
    const dir = freshDir();
    await fitWith(tinyModel(), dir, [callbacks.earlyStopping({ monitor: 'loss' })], 2);
    const file = await newest(dir);
    forge(file, (h) => { h['callbacks'][0]['values']['best'] = { number: 'lots' }; });
    await expect(fitWith(tinyModel(), dir, [callbacks.earlyStopping({ monitor: 'loss' })])).rejects.toThrow(/callbacks\[0\]\.values\.best must be a JSON value, or \{number: 'NaN' \| 'Infinity' \| '-Infinity' \| '-0'\}, received \{"number":"lots"\}/);
  });
});

describe('a resume with other callbacks or another kind of learning rate is refused, changing nothing', () => {
  it('other stateful callbacks: the error lists both', async () => {
    const dir = freshDir();
    await fitWith(tinyModel(), dir, [callbacks.earlyStopping({ monitor: 'loss' })], 3);
    const model = tinyModel();
    const before = stateBytes(model);
    await expect(fitWith(model, dir, [callbacks.reduceLROnPlateau({ monitor: 'loss' })])).rejects.toThrow('it holds the state of the callbacks [EarlyStopping], but this fit has the stateful callbacks [ReduceLROnPlateau]; resume with the same callbacks');
    expect(stateBytes(model)).toEqual(before);
  });

  it('a schedule where the checkpoint has a number learning rate', async () => {
    const dir = freshDir();
    await fitWith(tinyModel(), dir, [], 3);
    const model = tinyModel();
    model.compile({ optimizer: train.adam(schedules.exponentialDecay({ initialLearningRate: 0.01, decaySteps: 2, decayRate: 0.5 })), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await expect(fitWith(model, dir, [])).rejects.toThrow("it was written by an optimizer whose learning rate is a number (0.001), but this model's optimizer follows a ExponentialDecay schedule");
  });

  it('the learning rate a callback set comes back with the checkpoint', async () => {
    const dir = freshDir();
    const m = tinyModel();
    await fitWith(m, dir, [callbacks.learningRateScheduler((e) => 0.02 / (e + 1))], 6);
    const model = tinyModel();
    let seen = NaN;
    await fitWith(model, dir, [callbacks.learningRateScheduler((e) => 0.02 / (e + 1)), new CustomCallback({ onTrainBegin: () => { seen = model.optimizer?.learningRate ?? NaN; } })]);
    expect(seen).toBe(Math.fround(0.02 / 2)); // stopped in epoch 1: its rate, not the compiled 0.001
  });
});
