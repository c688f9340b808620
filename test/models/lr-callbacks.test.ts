import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { EarlyStopping, ReduceLROnPlateau, callbacks, sequential } from '../../src/models/index.js';
import type { Sequential, TrainingModel } from '../../src/models/index.js';
import { schedules, train } from '../../src/optimizers/index.js';
import type { Optimizer } from '../../src/optimizers/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

interface Fixture {
  earlyStopping: { values: number[]; args: Record<string, number | string>; epochsRun: number; stoppedEpoch: number; waits: number[]; best: number; bestEpoch: number }[];
  reduceLROnPlateau: { values: number[]; args: Record<string, number | string>; learningRate: number; learningRates: number[] }[];
}
// Keras 3 driven with the same scripted logs, once, by testdata/callbacks-keras.py.
const fixture = JSON.parse(readFileSync(new URL('./testdata/callbacks-keras.json', import.meta.url), 'utf8')) as Fixture;

const camel = (args: Record<string, number | string>): Record<string, number | string> =>
  Object.fromEntries(Object.entries(args).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()).replace('minLr', 'minLR'), v]));

/** A model stand-in: the flag, weights that are never read, and an SGD optimizer. */
function fakeModel(learningRate = 0.1): TrainingModel & { optimizer: Optimizer } {
  return { stopTraining: false, getWeights: () => [], setWeights: () => {}, optimizer: train.sgd(learningRate) };
}

describe('earlyStopping follows Keras 3 on scripted logs', () => {
  it.each(fixture.earlyStopping.map((c, i) => [i, JSON.stringify(c.args), c.values.join(' ')] as const))('case %i %s on %s', (i) => {
    const c = fixture.earlyStopping[i] as Fixture['earlyStopping'][number];
    const es = new EarlyStopping(camel(c.args) as never);
    const model = fakeModel();
    es.setModel(model);
    es.onTrainBegin();
    const waits: number[] = [];
    for (let e = 0; e < c.values.length; e++) {
      es.onEpochEnd(e, { val_loss: c.values[e] as number });
      waits.push(es.saveState().values['wait'] as number);
      if (model.stopTraining) break;
    }
    expect(waits.length).toBe(c.epochsRun);
    expect(waits).toEqual(c.waits);
    expect(es.stoppedEpoch).toBe(c.stoppedEpoch);
    expect(es.saveState().values['best']).toBe(c.best);
    expect(es.saveState().values['bestEpoch']).toBe(c.bestEpoch);
  });
});

describe('reduceLROnPlateau follows Keras 3 on scripted logs', () => {
  it.each(fixture.reduceLROnPlateau.map((c, i) => [i, JSON.stringify(c.args)] as const))('case %i %s: the float32 learning rate after every epoch', (i) => {
    const c = fixture.reduceLROnPlateau[i] as Fixture['reduceLROnPlateau'][number];
    const cb = new ReduceLROnPlateau(camel(c.args) as never);
    const model = fakeModel(c.learningRate);
    cb.setModel(model);
    cb.onTrainBegin();
    const rates = c.values.map((v, e) => {
      cb.onEpochEnd(e, { val_loss: v });
      return Math.fround(model.optimizer.learningRate);
    });
    expect(rates).toEqual(c.learningRates);
  });
});

const x = randomTensor(xorshift(31), [8, 3]);
const y = randomTensor(xorshift(32), [8, 1]);

function model(optimizer: Optimizer = train.sgd(0.05)): Sequential {
  setRandomSeed(2);
  const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
  m.compile({ optimizer, loss: 'meanSquaredError' });
  return m;
}

describe('earlyStopping in fit', () => {
  it('stops at the epoch Keras would and restores the best epoch\'s weights bit for bit', async () => {
    const m = model(train.sgd(1)); // diverges: epoch 0 is the best
    const snapshots: Tensor[][] = [];
    const es = callbacks.earlyStopping({ monitor: 'loss', patience: 2, restoreBestWeights: true });
    const history = await m.fit(x, y, { epochs: 20, batchSize: 4, verbose: 0, callbacks: [{ onEpochEnd: () => { snapshots.push(m.getWeights()); } }, es] });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(es.stoppedEpoch).toBe(2);
    m.getWeights().forEach((w, i) => expectSameBits(w.values, snapshots[0]?.[i]?.values ?? [], `weight ${i}`));
  });

  it('startFromEpoch ignores the first epochs, and the best weights come from the watched ones', async () => {
    const m = model(train.sgd(1));
    const snapshots: Tensor[][] = [];
    const es = callbacks.earlyStopping({ monitor: 'loss', patience: 1, restoreBestWeights: true, startFromEpoch: 2 });
    const history = await m.fit(x, y, { epochs: 20, batchSize: 4, verbose: 0, callbacks: [{ onEpochEnd: () => { snapshots.push(m.getWeights()); } }, es] });
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    m.getWeights().forEach((w, i) => expectSameBits(w.values, snapshots[2]?.[i]?.values ?? [], `weight ${i}`));
  });

  it('prints Keras\'s messages at verbose 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await model(train.sgd(1)).fit(x, y, { epochs: 20, batchSize: 4, verbose: 0, callbacks: [callbacks.earlyStopping({ monitor: 'loss', patience: 1, verbose: 1, restoreBestWeights: true })] });
    expect(log.mock.calls.map((c) => c[0])).toEqual(['Epoch 2: early stopping', 'Restoring model weights from the end of the best epoch: 1.']);
    log.mockRestore();
  });

  it('refuses bad options, naming the option and the value', () => {
    expect(() => callbacks.earlyStopping({ minDelta: NaN })).toThrow('earlyStopping: minDelta must be a finite number. Received: minDelta=NaN');
    expect(() => callbacks.earlyStopping({ startFromEpoch: 1.5 })).toThrow('earlyStopping: startFromEpoch must be a non-negative integer. Received: startFromEpoch=1.5');
    expect(() => callbacks.earlyStopping({ restoreBestWeights: 1 as never })).toThrow('earlyStopping: restoreBestWeights must be true or false. Received: restoreBestWeights=1');
    expect(() => callbacks.earlyStopping({ monitor: 'val_myScore' })).toThrow("earlyStopping: cannot tell whether monitor 'val_myScore' should be minimized or maximized; pass mode: 'min' or mode: 'max'");
    expect(callbacks.earlyStopping({ monitor: 'val_myScore', mode: 'max' }).mode).toBe('max');
  });
});

describe('reduceLROnPlateau in fit', () => {
  it('reduces the learning rate at the epochs its rule says', async () => {
    const m = model(train.sgd(0.05));
    const rates: number[] = [];
    // minDelta 10: no epoch counts as an improvement after the first.
    const cb = callbacks.reduceLROnPlateau({ monitor: 'loss', patience: 2, factor: 0.5, minDelta: 10 });
    await m.fit(x, y, { epochs: 7, batchSize: 4, verbose: 0, callbacks: [cb, { onEpochEnd: () => { rates.push(m.optimizer?.learningRate ?? NaN); } }] });
    // Keras: read as float32, multiplied in float64, stored as float32; epochs 2, 4, 6 reduce.
    const r1 = Math.fround(Math.fround(0.05) * 0.5);
    const r2 = Math.fround(r1 * 0.5);
    const r3 = Math.fround(r2 * 0.5);
    expect(rates).toEqual([0.05, 0.05, r1, r1, r2, r2, r3]);
  });

  it('refuses bad options and an optimizer on a schedule', () => {
    expect(() => callbacks.reduceLROnPlateau({ factor: 1 })).toThrow('reduceLROnPlateau: factor must be a number in [0, 1) (a reduction). Received: factor=1');
    expect(() => callbacks.reduceLROnPlateau({ cooldown: -1 })).toThrow('reduceLROnPlateau: cooldown must be a non-negative integer. Received: cooldown=-1');
    expect(() => callbacks.reduceLROnPlateau({ minLR: -1 })).toThrow('reduceLROnPlateau: minLR must be a finite number >= 0. Received: minLR=-1');
    const m = model(train.sgd(schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 })));
    return expect(m.fit(x, y, { verbose: 0, callbacks: [callbacks.reduceLROnPlateau()] })).rejects.toThrow("reduceLROnPlateau: the optimizer's learning rate follows a ExponentialDecay schedule, which cannot be changed");
  });
});

describe('learningRateScheduler', () => {
  it('calls the schedule with (epoch, current float32 rate) at each epoch begin and sets its result', async () => {
    const m = model(train.sgd(0.1));
    const calls: [number, number][] = [];
    const seen: number[] = [];
    const schedule = (epoch: number, lr: number): number => {
      calls.push([epoch, lr]);
      return lr * 0.9;
    };
    await m.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, callbacks: [callbacks.learningRateScheduler(schedule), { onEpochBegin: () => { seen.push(m.optimizer?.learningRate ?? NaN); } }] });
    const f = Math.fround;
    const r1 = f(f(0.1) * 0.9);
    const r2 = f(r1 * 0.9);
    expect(calls).toEqual([[0, f(0.1)], [1, r1], [2, r2]]);
    expect(seen).toEqual([r1, r2, f(r2 * 0.9)]);
  });

  it('training with it is the same as training with the rates set by hand', async () => {
    const a = model(train.sgd(0.1));
    await a.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, shuffle: false, callbacks: [callbacks.learningRateScheduler((e) => [0.1, 0.05, 0.01][e] as number)] });
    const b = model(train.sgd(0.1));
    for (const lr of [0.1, 0.05, 0.01]) {
      (b.optimizer as Optimizer).learningRate = Math.fround(lr);
      await b.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    }
    a.getWeights().forEach((w, i) => expectSameBits(w.values, b.getWeights()[i]?.values ?? [], `weight ${i}`));
  });

  it('refuses a schedule that is not a function or returns a bad rate, saying what it returned', async () => {
    expect(() => callbacks.learningRateScheduler(0.1 as never)).toThrow('learningRateScheduler: schedule must be a function (epoch, learningRate) => number. Received: schedule=number');
    await expect(model().fit(x, y, { verbose: 0, callbacks: [callbacks.learningRateScheduler(() => -1)] })).rejects.toThrow('learningRateScheduler: schedule(0, 0.05000000074505806) returned -1; expected a finite number >= 0');
    await expect(model().fit(x, y, { verbose: 0, callbacks: [callbacks.learningRateScheduler((() => '0.1') as never)] })).rejects.toThrow('returned string');
  });
});
