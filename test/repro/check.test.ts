import { describe, expect, it } from 'vitest';
import type { CallbackHooks, Sequential } from '../../src/models/index.js';
import { compareRuns, formatVerdict } from '../../src/repro/check.js';
import { fingerprintLogger } from '../../src/repro/fingerprint-logger.js';
import type { FingerprintLog } from '../../src/repro/log-format.js';
import { parseFingerprintLog } from '../../src/repro/log-format.js';
import { fingerprint } from '../../src/repro/model-fingerprint.js';
import { STEPS_PER_EPOCH, tinyData, tinyModel } from './tiny-training.js';

/** Trains the tiny model for 2 epochs, logging every batch with gradients; `plant` may interfere. */
async function logOf(seed: number, plant?: (model: Sequential) => CallbackHooks): Promise<{ log: FingerprintLog; fp: string }> {
  const lines: string[] = [];
  const model = tinyModel(seed);
  const { x, y } = tinyData();
  const logger = fingerprintLogger({ onLine: (l) => lines.push(l), every: 'batch', gradients: true });
  await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [...(plant ? [plant(model)] : []), logger] });
  return { log: parseFingerprintLog(lines.join('\n').replace(/dense_\d+/g, 'dense')), fp: fingerprint(model) };
}

describe('compareRuns', () => {
  it('calls identical runs reproducible, with run 1\'s final fingerprint', async () => {
    const a = await logOf(3);
    const b = await logOf(3);
    const verdict = compareRuns([{ log: a.log, manifest: null }, { log: b.log, manifest: null }, { log: a.log, manifest: null }]);
    expect(verdict).toEqual({ reproducible: true, runs: 3, fingerprint: a.fp, differingRuns: [], hints: [] });
    expect(formatVerdict(verdict)).toBe(`reproducible: 3 runs bit-identical (fingerprint ${a.fp})`);
  });

  it('names the runs that differ and, when the gradients agree but the weights part, blames the update', async () => {
    const a = await logOf(3);
    const changed = await logOf(3, (model) => {
      let epoch = 0;
      return { onEpochBegin: (e) => { epoch = e; }, onBatchBegin: (b) => { if (epoch * STEPS_PER_EPOCH + b === 9) model.compiled?.optimizer.setLearningRate(0.05); } };
    });
    const verdict = compareRuns([{ log: a.log, manifest: null }, { log: a.log, manifest: null }, { log: changed.log, manifest: null }]);
    expect(verdict.reproducible).toBe(false);
    expect(verdict.differingRuns).toEqual([3]);
    expect(verdict.comparison?.first).toMatchObject({ step: 9, gradientsLogged: true });
    expect(verdict.hints).toEqual([expect.stringMatching(/^the gradients agree but the update differs/)]);
    expect(formatVerdict(verdict)).toMatch(/^NOT reproducible: run 3 of 3 differs from run 1\nfirst divergence: after step 9 \(epoch 1, batch 1; counting from 0\)/);
  });

  it('refuses runs that logged no fit', () => {
    expect(() => compareRuns([{ log: { fits: [] }, manifest: null }])).toThrow(/run 1 logged no training/);
  });
});
