import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { callbacks as allCallbacks } from '../../src/callbacks.js';
import { layers } from '../../src/layers/index.js';
import { callbacks, sequential } from '../../src/models/index.js';
import type { CallbackHooks, Sequential } from '../../src/models/index.js';
import { train } from '../../src/optimizers/index.js';
import { fingerprint } from '../../src/repro/model-fingerprint.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const x = randomTensor(xorshift(41), [32, 3]);
const y = randomTensor(xorshift(42), [32, 1]);

/** SGD with learning rate 1e10: the weights explode and the loss turns infinite, then NaN, within a few steps. */
function exploding(): Sequential {
  setRandomSeed(5);
  const m = sequential({ name: 'exploding', layers: [layers.dense({ units: 4, inputShape: [3] }), layers.dense({ units: 1 })] });
  m.compile({ optimizer: train.sgd(1e10), loss: 'meanSquaredError' });
  return m;
}

/** Trains `exploding()` for 3 epochs of 4 batches, recording each batch's loss and the fingerprint of the weights it starts from. */
async function run(extra: CallbackHooks[]): Promise<{ losses: number[]; before: string[]; history: Awaited<ReturnType<Sequential['fit']>> }> {
  const m = exploding();
  const losses: number[] = [];
  const before: string[] = [];
  const history = await m.fit(x, y, {
    epochs: 3, batchSize: 8, shuffle: false, verbose: 0,
    callbacks: [{ onBatchBegin: () => { before.push(fingerprint(m)); }, onBatchEnd: (_b, logs) => { losses.push(logs?.['loss'] as number); } }, ...extra],
  });
  return { losses, before, history };
}

let warn: MockInstance<typeof console.warn>;
let log: MockInstance<typeof console.log>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
  log.mockRestore();
});

describe('a non-finite loss in fit', () => {
  it('is warned about once, at the first bad step, with epoch, batch, step and the fingerprint of the weights before that step', async () => {
    const { losses, before } = await run([]);
    const first = losses.findIndex((l) => !Number.isFinite(l));
    expect(first).toBeGreaterThan(0); // the run starts finite
    expect(losses.slice(first).every((l) => !Number.isFinite(l))).toBe(true); // and never recovers: 12 bad batches of logs
    expect(warn).toHaveBeenCalledTimes(1);
    const kind = Number.isNaN(losses[first]) ? 'NaN' : String(losses[first]);
    expect(String(warn.mock.calls[0]?.[0])).toBe(
      `exploding.fit: the loss is ${kind} at epoch 0, batch ${first} (step ${first}); the weights before this step have fingerprint ${before[first] as string}. ` +
      'Training goes on; add callbacks.terminateOnNaN() to stop at the first non-finite loss.',
    );
  });

  it('stops training after the first bad batch with terminateOnNaN, printing the Keras message; History holds that epoch', async () => {
    const { losses, history } = await run([allCallbacks.terminateOnNaN()]);
    const first = losses.findIndex((l) => !Number.isFinite(l));
    expect(losses.length).toBe(first + 1);
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([`Batch ${first}: Invalid loss, terminating training`]);
    expect(history.epoch).toEqual([0]);
    expect(Number.isFinite(history.history['loss']?.[0])).toBe(false);
  });

  it('terminateOnNaN is the same factory in both callback namespaces and leaves finite training alone', async () => {
    expect(callbacks.terminateOnNaN().constructor).toBe(allCallbacks.terminateOnNaN().constructor);
    setRandomSeed(5);
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
    m.compile({ optimizer: train.sgd(0.01), loss: 'meanSquaredError' });
    const history = await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [callbacks.terminateOnNaN()] });
    expect(history.epoch).toEqual([0, 1]);
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
