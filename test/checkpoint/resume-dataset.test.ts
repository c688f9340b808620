import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback, data, layers, sequential, setRandomSeed } from '../../src/node.js';
import type { Dataset, Sequential } from '../../src/node.js';
import { forge, freshDir, newest, removeDirs } from './tiny-run.js';
import { loadCheckpoint } from '../../src/io/checkpoint.js';

const child = fileURLToPath(new URL('./dataset-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface RunResult { fingerprint: string; history: Record<string, number[]>; epochs: number[] }

/** Runs the child without blocking this worker's event loop (vitest's RPC keeps running). */
function run(dir: string, source: string, stopAfter = -1): Promise<{ status: number | null; result?: RunResult }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', child, dir, String(stopAfter), source], { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (status !== 0 && status !== 3) reject(new Error(`child failed (${String(status)}): ${stderr}`));
      else resolve({ status, ...(status === 0 ? { result: JSON.parse(stdout) as RunResult } : {}) });
    });
  });
}

const straightRuns = new Map<string, Promise<RunResult>>();
const straight = (source: string): Promise<RunResult> => {
  if (!straightRuns.has(source)) straightRuns.set(source, run('-', source).then((r) => r.result as RunResult));
  return straightRuns.get(source) as Promise<RunResult>;
};

afterAll(removeDirs);

// 40 rows in batches of 6: 7 steps per epoch, 21 in all (bpe: 5 per epoch, 15 in all).
describe.each([
  ['array', [3, 7, 16]], // 7: the end of epoch 0
  ['generator', [11]],
  ['csv', [10]],
  ['bpe', [7, 10, 12]], // 10: the end of epoch 1
] as const)('fitDataset on a %s dataset (shuffled, dropout, Adam, validation) killed mid-epoch and resumed in a fresh process', (source, stops) => {
  it.each(stops)('after step %i ends with the weight bytes and History of the uninterrupted run', async (k) => {
    const dir = freshDir();
    expect((await run(dir, source, k)).status).toBe(3);
    expect(readdirSync(dir).some((f) => f.endsWith('.sbckpt'))).toBe(true);
    const resumed = (await run(dir, source)).result as RunResult;
    const uninterrupted = await straight(source);
    expect(resumed.fingerprint).toBe(uninterrupted.fingerprint);
    expect(resumed.history).toEqual(uninterrupted.history);
    expect(resumed.epochs).toEqual(uninterrupted.epochs);
  }, 60_000);
});

function tiny(): Sequential {
  setRandomSeed(2);
  const m = sequential({ layers: [layers.dense({ units: 2, activation: 'softmax', inputShape: [2] })] });
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return m;
}

const rows = Array.from({ length: 12 }, (_, i) => ({ xs: [i, -i], ys: i % 2 ? [1, 0] : [0, 1] }));

/** Fits 2 epochs with a checkpoint every step, stopping after 4 steps. */
async function stopAfter4(ds: Dataset<unknown>, dir: string): Promise<void> {
  const m = tiny();
  let n = 0;
  await m.fitDataset(ds, { epochs: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), new CustomCallback({ onBatchEnd: () => { if (++n === 4) m.stopTraining = true; } })] });
}

describe('a resume on another dataset is refused, naming what differs, and changes nothing', () => {
  it('another shuffle seed, other array contents, another pipeline: the identity differs', async () => {
    const dir = freshDir();
    await stopAfter4(data.array(rows).shuffle(12, 1).batch(3), dir);
    for (const other of [data.array(rows).shuffle(12, 2).batch(3), data.array(rows.slice().reverse()).shuffle(12, 1).batch(3), data.array(rows).shuffle(12, 1).batch(4)]) {
      const m = tiny();
      const before = m.getWeights().map((w) => Array.from(w.values));
      await expect(m.fitDataset(other, { epochs: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 })] })).rejects.toThrow('it was written by a fitDataset on another dataset');
      expect(m.getWeights().map((w) => Array.from(w.values))).toEqual(before);
    }
  });

  it('a generator that gives other elements on the resumed pass: the replayed batches differ', async () => {
    const dir = freshDir();
    let calls = 0;
    const drifting = (): Dataset<unknown> => data.generator(function* rowsOf() { calls++; for (const r of rows) yield { xs: r.xs.map((v) => v + calls), ys: r.ys }; }).batch(3);
    await stopAfter4(drifting(), dir);
    const m = tiny();
    await expect(m.fitDataset(drifting(), { epochs: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 })] })).rejects.toThrow('the dataset gives other batches than the run that wrote it (the first 4 batches of pass 0 differ)');
  });

  it('fitDataset does not resume from a checkpoint of fit over arrays', async () => {
    const dir = freshDir();
    const m = tiny();
    const { tensor2d } = await import('../../src/node.js');
    await m.fit(tensor2d(rows.map((r) => r.xs)), tensor2d(rows.map((r) => r.ys)), { epochs: 1, batchSize: 3, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 })] });
    await expect(tiny().fitDataset(data.array(rows).batch(3), { epochs: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 })] })).rejects.toThrow('it was written by fit over arrays, but this is fitDataset');
  });
});

describe('the dataset position in a checkpoint is validated like every other field', () => {
  it('records identity, pass, element, chain and step, and refuses forged values naming the field', async () => {
    const dir = freshDir();
    await stopAfter4(data.array(rows).shuffle(12, 1).batch(3), dir);
    const file = await newest(dir);
    const { header } = await loadCheckpoint(file);
    expect(header.snapshot.dataset).toMatchObject({ batchesPerEpoch: null, pass: 0, element: 4, step: 4 });
    expect(header.snapshot.options).toEqual({ batchSize: 0, steps: 0, samples: 0, shuffle: false }) // fitDataset: the dataset makes the batches;
    const cases: [(d: Record<string, unknown>) => void, string][] = [
      [(d) => { d['chain'] = 'abc'; }, 'snapshot.dataset.chain must be a SHA-256 in hex'],
      [(d) => { d['pass'] = -1; }, 'snapshot.dataset.pass must be an integer in [0,'],
      [(d) => { d['batchesPerEpoch'] = 0; }, 'snapshot.dataset.batchesPerEpoch must be an integer in [1,'],
      [(d) => { d['identity'] = null; }, 'snapshot.dataset.identity must be a SHA-256 in hex'],
    ];
    const original = readFileSync(file);
    for (const [edit, message] of cases) {
      forge(file, (h) => { edit(h['snapshot']['dataset']); });
      await expect(loadCheckpoint(file)).rejects.toThrow(message);
      writeFileSync(file, original);
    }
  });
});
