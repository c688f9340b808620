import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDir, removeDirs } from '../checkpoint/tiny-run.js';

// The functional twin of test/checkpoint/resume-dataset.test.ts: a two-input, two-output model
// trained by fitDataset on a shuffled dataset of dicts, killed after step k in a fresh process
// and resumed in another, ends with the bytes and History of the uninterrupted run.

const child = fileURLToPath(new URL('./dataset-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface RunResult { fingerprint: string; history: Record<string, number[]>; epochs: number[]; steps: number; backend: string; threads: number }

/** Runs the child without blocking this worker's event loop (vitest's RPC keeps running). */
function run(dir: string, stopAfter = -1, backend = 'reference', threads = 1): Promise<{ status: number | null; result?: RunResult }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', child, dir, String(stopAfter), backend], { cwd: root, encoding: 'utf8', env: { ...process.env, SAMEBITS_THREADS: String(threads) } }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (status !== 0 && status !== 3) reject(new Error(`child failed (${String(status)}): ${stderr}`));
      else resolve({ status, ...(status === 0 ? { result: JSON.parse(stdout) as RunResult } : {}) });
    });
  });
}

let straightRun: Promise<RunResult> | undefined;
const straight = (): Promise<RunResult> => (straightRun ??= run('-').then((r) => r.result as RunResult));

afterAll(removeDirs);

// 30 rows in batches of 7: 5 steps per epoch, 15 in all.
describe('functional fitDataset (two inputs, two outputs, shuffled, dropout, Adam, validation) killed and resumed in a fresh process', () => {
  it.each([3, 5, 12])('after step %i ends with the weight bytes and History of the uninterrupted run', async (k) => {
    const dir = freshDir();
    expect((await run(dir, k)).status).toBe(3);
    expect(readdirSync(dir).some((f) => f.endsWith('.sbckpt'))).toBe(true);
    const resumed = (await run(dir)).result as RunResult;
    const uninterrupted = await straight();
    expect([uninterrupted.steps, resumed.steps]).toEqual([15, 15 - k]); // it resumed, not started over
    expect(resumed.fingerprint).toBe(uninterrupted.fingerprint);
    expect(resumed.history).toEqual(uninterrupted.history);
    expect(resumed.epochs).toEqual([0, 1, 2]);
    expect(Object.keys(resumed.history)).toEqual(['val_loss', 'val_out1_loss', 'val_out2_loss', 'val_out2_acc', 'loss', 'out1_loss', 'out2_loss', 'out2_acc']);
  }, 60_000);
});

describe('functional fitDataset on every kernel set', () => {
  it('gives the reference run\'s weight bytes and History on wasm with 1 and 2 threads', async () => {
    const reference = await straight();
    for (const threads of [1, 2]) {
      const r = (await run('-', -1, 'wasm', threads)).result as RunResult;
      expect([r.backend, r.threads]).toEqual(['wasm', threads]);
      expect(r.fingerprint).toBe(reference.fingerprint);
      expect(r.history).toEqual(reference.history);
    }
  }, 60_000);
});
