import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { layers, ones, sequential } from '../../src/node.js';

const child = fileURLToPath(new URL('./issue11-rnn-resume-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'samebits-rnn-resume-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(dir: string, stopAt: number): { status: number | null; stdout: string } {
  const p = spawnSync(process.execPath, ['--import', 'tsx', child, dir, String(stopAt)], { cwd: root, encoding: 'utf8' });
  if (p.status !== 0 && p.status !== 3) throw new Error(`child failed (${String(p.status)}): ${p.stderr}`);
  return { status: p.status, stdout: p.stdout };
}

describe('checkpoints through recurrent layers (issue 11 probe)', () => {
  it('LSTM and GRU with dropout and recurrentDropout: stopped after step 6 and resumed in a fresh process, the uninterrupted bits and history', () => {
    const straight = run('-', -1).stdout;
    const dir = freshDir();
    expect(run(dir, 6).status).toBe(3);
    expect(run(dir, -1).stdout).toBe(straight);
  });

  it('a stateful layer with backupAndRestore is refused before anything is written: checkpoints do not hold carried states', async () => {
    const make = (stateful: boolean) => sequential({ layers: [layers.bidirectional({ layer: layers.gru({ units: 2, stateful }), batchInputShape: [2, 3, 2] }), layers.dense({ units: 1 })] });
    const model = make(true);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const dir = freshDir();
    await expect(model.fit(ones([4, 3, 2]), ones([4, 1]), { batchSize: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir })] }))
      .rejects.toThrow(`${model.name}.fit: layer ${model.layers[0]!.name} is stateful, and backupAndRestore checkpoints do not hold its carried states, so a resumed run would not continue the interrupted one's bits; use stateful: false, or train without backupAndRestore`);
    expect(readdirSync(dir)).toEqual([]);
    const plain = make(false);
    plain.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const history = await plain.fit(ones([4, 3, 2]), ones([4, 1]), { batchSize: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: freshDir() })] });
    expect(history.epoch).toEqual([0]); // without stateful, the same fit trains
  });
});
