import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback, fingerprint } from '../../src/node.js';
import type { CallbackHooks, LayersModel } from '../../src/node.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh compiled two-input, two-output model (Adam, a metric on one output, loss weights). */
function fresh(): LayersModel {
  setRandomSeed(51);
  const m = twoInTwoOut('_ck');
  m.compile({ optimizer: 'adam', loss: ['mse', 'categoricalCrossentropy'], metrics: { out2_ck: ['accuracy'] }, lossWeights: [1, 0.5] });
  return m;
}

/** Fits 3 epochs of 5 steps, optionally stopping after `stopAfter` steps; returns the History and the steps run. */
async function fitWith(m: LayersModel, dir: string, stopAfter?: number): Promise<{ history: Record<string, number[]>; steps: number }> {
  const { xa, xb, y1, y2 } = twoInTwoOutData(30);
  let steps = 0;
  const callbacks: CallbackHooks[] = [new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), new CustomCallback({ onBatchEnd: () => { if (++steps === stopAfter) m.stopTraining = true; } })];
  const h = await m.fit([xa, xb], [y1, y2], { epochs: 3, batchSize: 7, verbose: 0, callbacks });
  return { history: h.history, steps };
}

describe('a functional model checkpointed with backupAndRestore', () => {
  it('stopped mid-epoch and resumed in a new model ends with the bits and history of the uninterrupted run', async () => {
    const straightDir = mkdtempSync(join(tmpdir(), 'samebits-fck-'));
    const dir = mkdtempSync(join(tmpdir(), 'samebits-fck-'));
    dirs.push(straightDir, dir);
    const straight = fresh();
    const { history, steps } = await fitWith(straight, straightDir);
    expect(steps).toBe(15);
    const stopped = await fitWith(fresh(), dir, 7); // 5 steps per epoch: stops in the middle of epoch 2
    const resumed = fresh();
    const after = await fitWith(resumed, dir);
    // It resumed rather than started over (a fresh start under the same seed gives the same bits too).
    expect([stopped.steps, after.steps]).toEqual([7, 8]);
    expect(fingerprint(resumed)).toBe(fingerprint(straight));
    expect(after.history).toEqual(history);
  });
});
