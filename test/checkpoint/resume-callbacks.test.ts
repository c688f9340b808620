import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./train-callbacks-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];

interface RunResult { fingerprint: string; history: Record<string, number[]>; epochs: number[]; learningRate: number; csv: string }

/** Runs the child asynchronously (a blocking spawn would starve vitest's worker of its event loop). */
function run(dir: string, stopAt: number, mode: string, saveFreq = '1'): Promise<{ status: number | null; result?: RunResult }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', child, dir, String(stopAt), mode, saveFreq], { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (status !== 0 && status !== 3) reject(new Error(`child failed (${String(status)}): ${stderr}`));
      else resolve({ status, ...(status === 0 ? { result: JSON.parse(stdout) as RunResult } : {}) });
    });
  });
}

async function finished(dir: string, mode: string, saveFreq = '1'): Promise<RunResult> {
  return (await run(dir, -1, mode, saveFreq)).result as RunResult;
}

function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'samebits-resume-cb-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Kills a run after step k, resumes it in a fresh process, and compares with the uninterrupted run. */
async function expectResumeEqualsStraight(straight: RunResult, k: number, mode: string, saveFreq = '1'): Promise<void> {
  const dir = freshDir();
  expect((await run(dir, k, mode, saveFreq)).status).toBe(3);
  expect(readdirSync(dir).some((f) => f.endsWith('.sbckpt'))).toBe(true);
  const resumed = await finished(dir, mode, saveFreq);
  expect(resumed.fingerprint).toBe(straight.fingerprint);
  expect(resumed.history).toEqual(straight.history);
  expect(resumed.epochs).toEqual(straight.epochs);
  expect(Object.is(resumed.learningRate, straight.learningRate)).toBe(true);
  expect(resumed.csv).toBe(straight.csv);
}

describe('resume with earlyStopping(restoreBestWeights) and reduceLROnPlateau (stops after epoch 3 of 10, 6 steps each)', () => {
  const straightDir = freshDir();
  let straight: RunResult;
  beforeAll(async () => { straight = await finished(straightDir, 'plateau'); }, 60_000);

  it('the uninterrupted run stops early with a reduced learning rate (what the resumes must reproduce)', () => {
    expect(straight.epochs).toEqual([0, 1, 2, 3]);
    expect(straight.learningRate).toBe(Math.fround(Math.fround(0.05) * 0.5));
  });

  it.each([4, 12, 19])('killed after step %i and resumed: the same weights, History, learning rate and CSV', async (k) => {
    await expectResumeEqualsStraight(straight, k, 'plateau');
  }, 60_000);

  it('with checkpoints at epoch ends (backupAndRestore listed before the stateful callbacks), killed mid-epoch 2: the same', async () => {
    await expectResumeEqualsStraight(straight, 14, 'plateau', 'epoch');
  }, 60_000);

  it('running the finished fit again resumes a stopped run: it stays stopped, with the best weights restored', async () => {
    expect(await finished(straightDir, 'plateau')).toEqual(straight);
  }, 60_000);
});

describe('resume with learningRateScheduler (the rate depends on the previous one)', () => {
  let straight: RunResult;
  beforeAll(async () => { straight = await finished(freshDir(), 'scheduler'); }, 60_000);
  it.each([9, 18])('killed after step %i and resumed: the same weights, History, learning rate and CSV', async (k) => {
    await expectResumeEqualsStraight(straight, k, 'scheduler');
  }, 60_000);
});

describe('resume with an optimizer on a cosine-decay schedule with warmup', () => {
  let straight: RunResult;
  beforeAll(async () => { straight = await finished(freshDir(), 'schedule'); }, 60_000);
  it.each([7, 20])('killed after step %i and resumed: the same weights, History and CSV', async (k) => {
    await expectResumeEqualsStraight(straight, k, 'schedule');
  }, 60_000);
});
