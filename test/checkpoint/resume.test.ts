import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];

interface RunResult { fingerprint: string; history: Record<string, number[]>; epochs: number[] }

function run(dir: string, stopAt = -1): { status: number | null; result?: RunResult } {
  const p = spawnSync(process.execPath, ['--import', 'tsx', child, dir, String(stopAt)], { cwd: root, encoding: 'utf8' });
  if (p.status !== 0 && p.status !== 3) throw new Error(`child failed (${String(p.status)}): ${p.stderr}`);
  return { status: p.status, ...(p.status === 0 ? { result: JSON.parse(p.stdout) as RunResult } : {}) };
}

function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'samebits-resume-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('resume from a checkpoint in a fresh process (Adam, dropout, 4 epochs of 6 steps)', () => {
  const straight = run('-').result as RunResult;

  it.each([3, 6, 10, 17, 23])('stopping after step %i and resuming ends with the bits and history of the uninterrupted run', (k) => {
    const dir = freshDir();
    expect(run(dir, k).status).toBe(3);
    expect(readdirSync(dir).some((f) => f.endsWith('.sbckpt'))).toBe(true);
    const resumed = run(dir).result as RunResult;
    expect(resumed.fingerprint).toBe(straight.fingerprint);
    expect(resumed.history).toEqual(straight.history);
    expect(resumed.epochs).toEqual(straight.epochs);
  });
});
