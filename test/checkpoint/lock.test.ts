// Two training runs on one backupDir: the second is refused with a lock error naming the first,
// which trains on undisturbed; a lock left by a dead process is taken over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback } from '../../src/models/callbacks.js';
import { fitTiny, freshDir, removeDirs, tinyModel } from './tiny-run.js';

const child = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
afterAll(removeDirs);

interface Exit { code: number | null; out: string; err: string }

/** Starts train-child on `dir`; `started` resolves after its first step, `done` at its exit. */
function trainer(dir: string, epochs: string): { pid: number; started: Promise<void>; done: Promise<Exit> } {
  const p = spawn(process.execPath, ['--import', 'tsx', child, dir, '-1', '1', epochs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => { markStarted = resolve; });
  p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  p.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.includes('step\n')) markStarted();
  });
  const done = new Promise<Exit>((resolve) => p.on('exit', (code) => { markStarted(); resolve({ code, out, err }); }));
  return { pid: p.pid ?? -1, started, done };
}

describe('one training run per backupDir', () => {
  it('a second run on the directory is refused naming the first; the first finishes with the uninterrupted bits', async () => {
    const straight = JSON.parse(spawnSync(process.execPath, ['--import', 'tsx', child, '-', '-1', '1', '40'], { cwd: root, encoding: 'utf8' }).stdout) as { fingerprint: string };
    const dir = freshDir();
    const first = trainer(dir, '40');
    await first.started;
    const second = await trainer(dir, '40').done;
    const result = await first.done;
    expect(second.code).not.toBe(0);
    expect(second.err).toContain(`backupDir ${dir} is in use by another training run (pid ${first.pid} on host ${hostname()}`);
    expect(result.code, result.err).toBe(0);
    expect((JSON.parse(result.out) as { fingerprint: string }).fingerprint).toBe(straight.fingerprint);
    expect(existsSync(join(dir, '.lock'))).toBe(false); // released at the end of training
  }, 60_000);

  it('a lock left by a process that is gone is taken over', async () => {
    const dir = freshDir();
    const dead = spawnSync(process.execPath, ['-e', ''], { cwd: root }).pid;
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: dead, host: hostname(), token: 'old', since: '2020-01-01T00:00:00Z' }));
    await fitTiny(tinyModel(), dir);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('a lock from another host is not taken over', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: 1, host: 'elsewhere.invalid', token: 'x', since: '2020-01-01T00:00:00Z' }));
    await expect(fitTiny(tinyModel(), dir)).rejects.toThrow(/in use by another training run \(pid 1 on host elsewhere\.invalid.*if no run on elsewhere\.invalid uses it, delete the lock file/);
  });

  it('a lock left in this process by a fit that threw is taken over by the next fit', async () => {
    const dir = freshDir();
    const model = tinyModel();
    await expect(fitTiny(model, dir, undefined, { fit: { batchSize: 0 } })).rejects.toThrow(/batchSize/);
    writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: process.pid, host: hostname(), token: 'mine', since: '2020-01-01T00:00:00Z' }));
    await fitTiny(model, dir);
  });

  it('a fit that fails mid-training releases the directory (no lock file left)', async () => {
    const dir = freshDir();
    const model = tinyModel();
    const boom = new CustomCallback({ onBatchEnd: () => { throw new Error('boom'); } });
    await expect(fitTiny(model, dir, undefined, { fit: { callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), boom] } })).rejects.toThrow(/boom/);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});
