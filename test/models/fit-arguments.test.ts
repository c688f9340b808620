import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { CustomCallback, sequential } from '../../src/models/index.js';
import type { FitArgs, Sequential } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { ones, tensor2d } from '../../src/ops/create.js';

function model(tag: string): Sequential {
  setRandomSeed(1);
  const m = sequential({ name: `args_${tag}`, layers: [layers.dense({ units: 1, inputShape: [3] })] });
  m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return m;
}

const x = ones([4, 3]);
const labels = tensor2d([[0], [1], [2], [3]]);

/** fit with options a TypeScript caller could not write, as JavaScript callers can. */
function fitUnchecked(m: Sequential, args: Record<string, unknown>): ReturnType<Sequential['fit']> {
  return m.fit(x, labels, { verbose: 0, ...args } as FitArgs);
}

describe('fit refuses a classWeight it cannot use', () => {
  it('a NaN weight, naming the class and the value', async () => {
    await expect(fitUnchecked(model('a'), { classWeight: { 0: 1, 1: 1, 2: 1, 3: NaN } })).rejects.toThrow('args_a.fit: classWeight[3] must be a finite number ≥ 0. Received: NaN');
  });

  it('a string weight, quoting it', async () => {
    await expect(fitUnchecked(model('b'), { classWeight: { 0: 1, 1: '2', 2: 1, 3: 1 } })).rejects.toThrow('args_b.fit: classWeight[1] must be a finite number ≥ 0. Received: "2"');
  });

  it('a negative or infinite weight', async () => {
    await expect(fitUnchecked(model('c'), { classWeight: { 0: -1, 1: 1, 2: 1, 3: 1 } })).rejects.toThrow('args_c.fit: classWeight[0] must be a finite number ≥ 0. Received: -1');
    await expect(fitUnchecked(model('c'), { classWeight: { 0: 1, 1: 1, 2: Infinity, 3: 1 } })).rejects.toThrow('args_c.fit: classWeight[2] must be a finite number ≥ 0. Received: Infinity');
  });

  it('a weight for a class that is not a non-negative integer, even when no sample has it', async () => {
    await expect(fitUnchecked(model('d'), { classWeight: { 0: 1, 1: 1, 2: 1, 3: 1, cat: 2 } })).rejects.toThrow('args_d.fit: classWeight keys must be class indices (integers ≥ 0). Received: classWeight["cat"]');
  });

  it('a classWeight that is not an object of weights', async () => {
    await expect(fitUnchecked(model('e'), { classWeight: 3 })).rejects.toThrow('args_e.fit: classWeight must be an object mapping class index to weight, e.g. {0: 1, 1: 5}. Received: 3');
  });

  it('a valid classWeight still trains, a weight of 0 included', async () => {
    const history = await fitUnchecked(model('f'), { classWeight: { 0: 0, 1: 1, 2: 0.5, 3: 2 } });
    expect(Number.isFinite(history.history['loss']?.[0])).toBe(true);
  });
});

describe('fit refuses callbacks it would ignore', () => {
  it('a number', async () => {
    await expect(fitUnchecked(model('g'), { callbacks: 42 })).rejects.toThrow('args_g.fit: callbacks must be a callback object or an array of them. Received: 42');
  });

  it('a string', async () => {
    await expect(fitUnchecked(model('h'), { callbacks: 'earlyStopping' })).rejects.toThrow('args_h.fit: callbacks must be a callback object or an array of them. Received: "earlyStopping"');
  });

  it('an array holding something that is not a callback object, naming its index', async () => {
    await expect(fitUnchecked(model('i'), { callbacks: [{ onEpochEnd: () => {} }, null] })).rejects.toThrow('args_i.fit: callbacks[1] must be a callback object (with hooks such as onEpochEnd). Received: null');
    await expect(fitUnchecked(model('i'), { callbacks: [7] })).rejects.toThrow('args_i.fit: callbacks[0] must be a callback object (with hooks such as onEpochEnd). Received: 7');
  });

  it('a hook that is not a function, naming the hook', async () => {
    await expect(fitUnchecked(model('j'), { callbacks: { onEpochEnd: 'print' } })).rejects.toThrow('args_j.fit: callbacks.onEpochEnd must be a function. Received: "print"');
    await expect(fitUnchecked(model('j'), { callbacks: [{}, { onBatchEnd: 1 }] })).rejects.toThrow('args_j.fit: callbacks[1].onBatchEnd must be a function. Received: 1');
  });

  it('accepts null and undefined as no callbacks (TF.js), a single object, and an array', async () => {
    await expect(fitUnchecked(model('k'), { callbacks: null })).resolves.toBeDefined();
    await expect(fitUnchecked(model('k'), { callbacks: undefined })).resolves.toBeDefined();
    let single = 0;
    await fitUnchecked(model('k'), { callbacks: { onEpochEnd: () => { single++; } } });
    let listed = 0;
    await fitUnchecked(model('k'), { callbacks: [new CustomCallback({ onEpochEnd: () => { listed++; } }), { onTrainEnd: undefined }] });
    expect([single, listed]).toEqual([1, 1]);
  });
});
