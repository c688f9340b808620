import { describe, expect, it, vi } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { CustomCallback, sequential } from '../../src/models/index.js';
import type { CallbackHooks, Sequential } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { ones } from '../../src/ops/create.js';

function model(): Sequential {
  setRandomSeed(1);
  const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
  m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return m;
}

const fit = (callbacks: CallbackHooks[]): ReturnType<Sequential['fit']> => model().fit(ones([6, 3]), ones([6, 1]), { epochs: 2, batchSize: 2, verbose: 0, callbacks });

describe('onTrainError', () => {
  it('gets the error that stopped fit, instead of the remaining hooks; fit rethrows it', async () => {
    const events: string[] = [];
    const failing: CallbackHooks = { onBatchEnd: (b) => { if (b === 1) throw new Error('stop here'); } };
    const watcher: CallbackHooks = {
      onBatchEnd: (b) => { events.push(`batchEnd ${b}`); },
      onEpochEnd: () => { events.push('epochEnd'); },
      onTrainEnd: () => { events.push('trainEnd'); },
      onTrainError: (e) => { events.push(`trainError ${(e as Error).message}`); },
    };
    await expect(fit([watcher, failing])).rejects.toThrow('stop here');
    expect(events).toEqual(['batchEnd 0', 'batchEnd 1', 'trainError stop here']);
  });

  it('runs for every callback even when one of them fails, and the original error is the one thrown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cleaned: string[] = [];
    try {
      await expect(fit([
        { onTrainError: () => { throw new Error('cleanup failed'); } },
        new CustomCallback({ onTrainError: () => { cleaned.push('second'); } }),
        { onEpochBegin: () => { throw new Error('original'); } },
      ])).rejects.toThrow('original');
      expect(cleaned).toEqual(['second']);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual(["fit: a callback's onTrainError failed while handling 'Error: original': Error: cleanup failed"]);
    } finally {
      warn.mockRestore();
    }
  });

  it('is not called when fit succeeds', async () => {
    let calls = 0;
    await fit([{ onTrainError: () => { calls++; } }]);
    expect(calls).toBe(0);
  });
});
