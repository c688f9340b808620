import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore, checkpointFiles } from '../../src/io/checkpoint.js';
import { CustomCallback, fingerprint, ready, setBackend, setThreads } from '../../src/node.js';
import type { CallbackHooks, History, Tensor } from '../../src/node.js';
import { freshDir, removeDirs } from '../checkpoint/tiny-run.js';
import { fitNormalizationModel, normalizationModel } from './normalization-model.js';

const child = fileURLToPath(new URL('./normalization-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Run { print: string; history: History['history'] }

async function small(callbacks: CallbackHooks[] = [], model = normalizationModel()): Promise<Run> {
  const { history } = await fitNormalizationModel(40, 48, 96, 16, callbacks, model);
  return { print: fingerprint(model), history: history.history };
}

/** 64 × 256 × 256 products: past the wasm set's threading threshold (2^22 multiply-adds). */
async function big(): Promise<Run> {
  const { model, history } = await fitNormalizationModel(256, 256, 128, 64);
  return { print: fingerprint(model), history: history.history };
}

function inFreshProcess(backend: string, threads: number): Run & { backend: string; threads: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, backend], { encoding: 'utf8', cwd: root, env: { ...process.env, SAMEBITS_THREADS: String(threads) } });
  const r = JSON.parse(out) as { backend: string; threads: number; fingerprint: string; history: History['history'] };
  return { backend: r.backend, threads: r.threads, print: r.fingerprint, history: r.history };
}

afterAll(() => {
  removeDirs();
  setBackend('wasm');
});

describe('training with normalization, noise, regularizers and constraints', () => {
  it('gives the same weight bytes (moving statistics included) and history on reference and on wasm with 1 and 2 threads', async () => {
    setBackend('reference');
    const reference = await big();
    for (const threads of [1, 2]) {
      setBackend('wasm');
      setThreads(threads);
      await ready();
      const wasm = await big();
      expect(wasm.print, `wasm, ${threads} thread(s)`).toBe(reference.print);
      expect(JSON.stringify(wasm.history)).toBe(JSON.stringify(reference.history));
    }
    for (const [backend, threads] of [['reference', 1], ['wasm', 2]] as const) {
      const fresh = inFreshProcess(backend, threads);
      expect([fresh.backend, fresh.threads]).toEqual([backend, threads]);
      expect(fresh.print, `a fresh process, ${backend}, ${threads} thread(s)`).toBe(reference.print);
      expect(JSON.stringify(fresh.history)).toBe(JSON.stringify(reference.history));
    }
  });

  it('resumed from a checkpoint after step 7 ends with the bits and history of the uninterrupted run', async () => {
    const straight = await small();
    const dir = freshDir();
    const first = normalizationModel();
    let steps = 0;
    const stop = new CustomCallback({ onBatchEnd: () => { if (++steps === 7) first.stopTraining = true; } });
    await small([new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), stop], first);
    expect((await checkpointFiles(dir)).length).toBeGreaterThan(0);
    let resumedSteps = 0;
    const count = new CustomCallback({ onBatchEnd: () => { resumedSteps++; } });
    const resumed = await small([new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), count]);
    expect(resumedSteps).toBe(3 * 6 - 7);
    expect(resumed.print).toBe(straight.print);
    expect(resumed.history).toEqual(straight.history);
  });

  it('moves the moving statistics away from their initial values during fit', async () => {
    const m = normalizationModel();
    await small([], m);
    const movingMean = m.layers[1]!.getWeights()[2] as Tensor;
    expect(Array.from(movingMean.values).some((v) => v !== 0)).toBe(true);
  });
});
