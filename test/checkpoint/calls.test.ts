// A checkpoint written during a model's second fit call resumes that call's randomness, in a
// fresh process, bit for bit; first calls keep writing format version 3.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore, loadCheckpoint } from '../../src/io/checkpoint.js';
import { CustomCallback, data, fingerprint, layers, sequential, setRandomSeed, train, unstack } from '../../src/node.js';
import type { Sequential } from '../../src/node.js';
import { fitTiny, forge, freshDir, newest, removeDirs, tinyData, tinyModel } from './tiny-run.js';

const child = fileURLToPath(new URL('./calls-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface RunResult { fingerprint: string; histories: Record<string, number[]>[]; calls: number }

function run(dir: string, stopAt = -1, skipFirst = false): { status: number | null; result?: RunResult } {
  const p = spawnSync(process.execPath, ['--import', 'tsx', child, dir, String(stopAt), skipFirst ? '1' : '0'], { cwd: root, encoding: 'utf8' });
  if (p.status !== 0 && p.status !== 3) throw new Error(`child failed (${String(p.status)}): ${p.stderr}`);
  return { status: p.status, ...(p.status === 0 ? { result: JSON.parse(p.stdout) as RunResult } : {}) };
}

afterAll(removeDirs);

describe('resuming the second fit call of a program (fresh processes)', () => {
  const straight = run('-').result as RunResult;

  it('the same program of three fit calls gives the same bytes in two fresh processes', () => {
    expect((run('-').result as RunResult).fingerprint).toBe(straight.fingerprint);
    expect(straight.calls).toBe(3);
  });

  it.each([
    [4, false],
    [9, false],
    [4, true],
    [9, true],
  ])('stopped after step %i of call 1 and rerun (skipping call 0: %s), it ends with the uninterrupted bits', async (k, skipFirst) => {
    const dir = freshDir();
    expect(run(dir, k).status).toBe(3);
    const file = join(dir, readdirSync(dir).filter((f) => f.endsWith('.sbckpt')).sort().pop() as string);
    const { header } = await loadCheckpoint(file);
    expect(header.version).toBe(4);
    expect(header.snapshot.call).toBe(1);
    const resumed = run(dir, -1, skipFirst).result as RunResult;
    expect(resumed.fingerprint).toBe(straight.fingerprint);
    expect(resumed.histories.slice(-2)).toEqual(straight.histories.slice(-2));
    expect(resumed.calls).toBe(3);
  });
});

describe('checkpoint format version 4 (the training call)', () => {
  it('a first call still writes version 3 without a call; a later call writes version 4 with it', async () => {
    const first = freshDir();
    await fitTiny(tinyModel(), first, undefined, { stopAfter: 2 });
    const v3 = (await loadCheckpoint(await newest(first))).header;
    expect(v3.version).toBe(3);
    expect(v3.snapshot.call).toBeUndefined();
    const second = freshDir();
    const m = tinyModel();
    await fitTiny(m, freshDir(), undefined, { stopAfter: 1 });
    await fitTiny(m, second, undefined, { stopAfter: 2 });
    const v4 = (await loadCheckpoint(await newest(second))).header;
    expect(v4.version).toBe(4);
    expect(v4.snapshot.call).toBe(1);
  });

  it('refuses a call in a version 3 file, and a version 4 file without a call of at least 1', async () => {
    const dir = freshDir();
    await fitTiny(tinyModel(), dir, undefined, { stopAfter: 2 });
    const file = await newest(dir);
    forge(file, (h) => { h['snapshot']['call'] = 1; });
    await expect(loadCheckpoint(file)).rejects.toThrow('snapshot.call must be absent in a version 3 file');
    forge(file, (h) => { h['version'] = 4; h['snapshot']['call'] = 0; });
    await expect(loadCheckpoint(file)).rejects.toThrow('snapshot.call must be an integer in [1,');
    forge(file, (h) => { delete h['snapshot']['call']; });
    await expect(loadCheckpoint(file)).rejects.toThrow('snapshot.call must be an integer in [1,');
  });
});

describe('resuming the second fitDataset call of a model', () => {
  /** Dense(8, relu) → Dropout(0.3) → Dense(3, softmax), Adam, drawn under seed 21. */
  const build = (): Sequential => {
    setRandomSeed(21);
    const m = sequential({ layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), layers.dropout({ rate: 0.3 }), layers.dense({ units: 3, activation: 'softmax' })] });
    m.compile({ optimizer: train.adam(0.05), loss: 'categoricalCrossentropy' });
    return m;
  };
  const { x, y } = tinyData();
  const rows = (t: typeof x): number[][] => unstack(t).map((r) => Array.from(r.values));
  const ds = data.zip({ xs: data.array(rows(x)), ys: data.array(rows(y)) }).shuffle(20, 5).batch(5);
  const two = { epochs: 2, verbose: 0 } as const;

  it.each([3, 6])('stopped after step %i of call 1, a new model that redoes call 0 resumes call 1 to the uninterrupted bits', async (k) => {
    const straight = build();
    await straight.fitDataset(ds, two);
    await straight.fitDataset(ds, two);
    const dir = freshDir();
    const stopped = build();
    await stopped.fitDataset(ds, two);
    let steps = 0;
    const stop = new CustomCallback({ onBatchEnd: () => { if (++steps === k) stopped.stopTraining = true; } });
    await stopped.fitDataset(ds, { ...two, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), stop] });
    expect((await loadCheckpoint(await newest(dir))).header.snapshot.call).toBe(1);
    const resumed = build();
    await resumed.fitDataset(ds, two);
    await resumed.fitDataset(ds, { ...two, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 })] });
    // Weights by position: the models' automatic layer names differ.
    expect(fingerprint(resumed)).toBe(fingerprint(straight));
    expect(fingerprint(stopped)).not.toBe(fingerprint(straight));
  });
});
