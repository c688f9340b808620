import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointFiles, loadCheckpoint } from '../../src/io/checkpoint.js';

const child = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const EPOCHS = '40'; // 240 steps: more than 30 kills of at most 5 steps each can use up
const TRIALS = 30;
const dir = mkdtempSync(join(tmpdir(), 'samebits-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Kill moments from a fixed xorshift sequence, the same every CI run: after 1 to 5 completed
// steps of the restarted run, then 0 to 29 ms later, so the kill lands inside a step's compute
// or inside its checkpoint save, whatever the machine's speed.
let state = 0x9e3779b9;
function next(): number {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
}

function killAfter(steps: number, ms: number): Promise<{ out: string | null; pid: number }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir, '-1', '1', EPOCHS], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    let seen = 0;
    p.stderr.on('data', (d: Buffer) => {
      seen += d.toString().split('\n').filter((line) => line === 'step').length;
      if (seen >= steps) timer ??= setTimeout(() => p.kill('SIGKILL'), ms);
    });
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out: code === 0 ? out : null, pid: p.pid ?? -1 });
    });
  });
}

describe('crash test: training killed with SIGKILL at random moments', () => {
  it(`after each of ${TRIALS} kills the newest checkpoint verifies, and resuming ends with the uninterrupted bits`, async () => {
    const straight = JSON.parse(spawnSync(process.execPath, ['--import', 'tsx', child, '-', '-1', '1', EPOCHS], { cwd: root, encoding: 'utf8' }).stdout) as { fingerprint: string; history: unknown };
    let killedMidSave = 0;
    let kills = 0;
    let finished: string | null = null;
    const positions = new Set<string>();
    for (let trial = 0; trial < TRIALS && finished === null; trial++) {
      const { out, pid } = await killAfter(1 + (next() % 5), next() % 30);
      finished = out;
      if (out === null) kills++;
      if (readdirSync(dir).some((f) => f.endsWith(`.tmp-${pid}`))) killedMidSave++;
      const files = await checkpointFiles(dir);
      for (const f of files) await loadCheckpoint(f); // every checkpoint on disk verifies
      const newest = files[files.length - 1];
      if (newest) positions.add(newest);
    }
    // Finish the run (resuming from the newest checkpoint) if the kills did not interrupt it first.
    const final = finished ?? spawnSync(process.execPath, ['--import', 'tsx', child, dir, '-1', '1', EPOCHS], { cwd: root, encoding: 'utf8' }).stdout;
    const resumed = JSON.parse(final) as { fingerprint: string; history: unknown };
    expect(resumed.fingerprint).toBe(straight.fingerprint);
    expect(resumed.history).toEqual(straight.history);
    expect(kills).toBeGreaterThanOrEqual(TRIALS - 1);
    console.log(`crash test: ${kills} SIGKILLs, ${killedMidSave} during a save (temporary file left), ${positions.size} distinct resume points, run finished ${finished === null ? 'after the kills' : 'during the trials'}`);
  }, 300_000);
});
