// A coordinator and worker processes against a real Redis (Debian's redis-server on a free
// port, started and stopped here): the statistics equal a local repeat's byte for byte, and
// nothing is lost or run twice when a worker, the coordinator or Redis goes down.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import type { CliProcess } from './processes.js';
import { runCli, startCli, startWorker, stopAll, waitFor } from './processes.js';
import type { TestRedis } from './redis-server.js';
import { haveRedis, startRedis } from './redis-server.js';

const fast = fileURLToPath(new URL('./fast-run.mjs', import.meta.url));
const trainingScript = fileURLToPath(new URL('../repro/repeat-script.ts', import.meta.url));
const scratch = tempDirs('samebits-queue-test-');

let redis: TestRedis;
let database = 0;
/** A fresh Redis database per test, so one test's finished jobs are not another's. */
const freshQueue = (): string => `${redis.url}/${++database}`;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

/** The complete run lines of a results file. */
function runLines(path: string): { config: string; seed: number }[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').slice(1, -1).map((l) => JSON.parse(l) as { config: string; seed: number });
}

/** How often each run was done, from the scripts' own log ("<shift> <seed>" per run). */
function timesRun(path: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(path)) return counts;
  for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

describe.runIf(haveRedis())('samebits on the queue (real Redis, worker processes)', () => {
  it('a coordinator and three workers give the statistics of a local repeat byte for byte, and the cross-checked runs match', async () => {
    const dir = scratch();
    const url = freshQueue();
    const workers = await Promise.all([startWorker(url), startWorker(url), startWorker(url)]);
    try {
      const queued = runCli(['repeat', trainingScript, '--runs', '3', '--queue', url, '--verify-fraction', '0.5', '--results', join(dir, 'queued.jsonl'), '--json']);
      const local = runCli(['repeat', trainingScript, '--runs', '3', '--parallel', '1', '--results', join(dir, 'local.jsonl'), '--json']);
      const [q, l] = await Promise.all([queued, local]);
      expect(q.code, q.stderr).toBe(0);
      expect(l.code, l.stderr).toBe(0);
      expect(q.stdout).toBe(l.stdout);
      expect(q.stderr).toContain('cross-check: 2 of 3 runs were run again on another worker: all 2 matched bit for bit');
      const checks = readFileSync(join(dir, 'queued.jsonl.crosscheck.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { workers: string[]; fingerprints: (string | null)[]; match: boolean });
      expect(checks).toHaveLength(2);
      for (const c of checks) {
        expect(c.match).toBe(true);
        expect(c.workers[0]).not.toBe(c.workers[1]);
        expect(c.fingerprints[0]).toMatch(/^[0-9a-f]{16,}$/); // the weights' fingerprint, from each run's manifest
      }
      expect(q.stderr).toMatch(/workers 3 \| .*done 5 \| failed 0/);
    } finally {
      await stopAll(workers);
    }
  }, 120_000);

  it('a worker killed by SIGKILL mid-run leaves its job to another worker, with the same bits', async () => {
    const dir = scratch();
    const url = freshQueue();
    const env = { QUEUE_TEST_DELAY_MS: '700' };
    const [victim, ...others] = await Promise.all([startWorker(url, env), startWorker(url, env), startWorker(url, env)]);
    try {
      const queued = startCli(['repeat', fast, '--runs', '6', '--queue', url, '--results', join(dir, 'queued.jsonl'), '--json'], env);
      await waitFor(() => /worker: run /.test(victim?.stderr() ?? ''), 'the victim to start a run');
      victim?.killGroup();
      const [end, local] = await Promise.all([queued.exited, runCli(['repeat', fast, '--runs', '6', '--results', join(dir, 'local.jsonl'), '--json'])]);
      expect(end.code, queued.stderr()).toBe(0);
      expect(queued.stdout()).toBe(local.stdout);
      expect(runLines(join(dir, 'queued.jsonl')).map((r) => r.seed).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(queued.stderr()).toMatch(/retried [1-9]/);
    } finally {
      await stopAll([victim as CliProcess, ...others]);
    }
  }, 120_000);

  it('a coordinator killed by SIGKILL and restarted loses no run and runs none twice', async () => {
    const dir = scratch();
    const url = freshQueue();
    const log = join(dir, 'runs.log');
    const env = { QUEUE_TEST_DELAY_MS: '300', QUEUE_TEST_RUN_LOG: log };
    const results = join(dir, 'queued.jsonl');
    const args = ['repeat', fast, '--runs', '8', '--queue', url, '--results', results, '--json'];
    const workers = await Promise.all([startWorker(url, env), startWorker(url, env)]);
    try {
      const first = startCli(args, env);
      await waitFor(() => runLines(results).length >= 2, 'two finished runs');
      first.killGroup();
      await first.exited;
      const kept = runLines(results).length;
      expect(kept).toBeLessThan(8);
      const again = await runCli(args, env);
      expect(again.code, again.stderr).toBe(0);
      expect(runLines(results).map((r) => r.seed).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect([...timesRun(log).values()]).toEqual(Array<number>(8).fill(1)); // every run done exactly once
      const local = await runCli(['repeat', fast, '--runs', '8', '--results', join(dir, 'local.jsonl'), '--json']);
      expect(again.stdout).toBe(local.stdout);
    } finally {
      await stopAll(workers);
    }
  }, 120_000);

  it('a sweep survives a Redis restart mid-way (append-only persistence) with the statistics of a local sweep', async () => {
    const dir = scratch();
    const url = freshQueue();
    const sweep = join(dir, 'sweep.json');
    writeFileSync(sweep, JSON.stringify({ script: fast, runs: 4, grid: { shift: [0, 1] }, metric: 'accuracy' }));
    const env = { QUEUE_TEST_DELAY_MS: '400' };
    const results = join(dir, 'queued.jsonl');
    const workers = await Promise.all([startWorker(url, env), startWorker(url, env)]);
    try {
      const queued = startCli(['sweep', sweep, '--queue', url, '--results', results, '--json'], env);
      await waitFor(() => runLines(results).length >= 2, 'two finished runs');
      await redis.restart();
      const [end, local] = await Promise.all([queued.exited, runCli(['sweep', sweep, '--results', join(dir, 'local.jsonl'), '--json'])]);
      expect(end.code, queued.stderr()).toBe(0);
      expect(queued.stdout()).toBe(local.stdout);
      expect(runLines(results)).toHaveLength(8); // each finished run appended once
      expect(queued.stderr()).toContain('best accuracy: shift=1');
    } finally {
      await stopAll(workers);
    }
  }, 120_000);

  it('two coordinators enqueueing the same sweep share its jobs: each run is done once', async () => {
    const dir = scratch();
    const url = freshQueue();
    const log = join(dir, 'runs.log');
    const sweep = join(dir, 'sweep.json');
    writeFileSync(sweep, JSON.stringify({ script: fast, runs: 3, configurations: [{ name: 'base' }, { name: 'shifted', shift: 1 }] }));
    const env = { QUEUE_TEST_DELAY_MS: '200', QUEUE_TEST_RUN_LOG: log };
    const workers = await Promise.all([startWorker(url, env), startWorker(url, env)]);
    try {
      const [a, b] = await Promise.all([
        runCli(['sweep', sweep, '--queue', url, '--results', join(dir, 'a.jsonl'), '--json'], env),
        runCli(['sweep', sweep, '--queue', url, '--results', join(dir, 'b.jsonl'), '--json'], env),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      expect(timesRun(log).size).toBe(6);
      expect([...timesRun(log).values()]).toEqual(Array<number>(6).fill(1));
    } finally {
      await stopAll(workers);
    }
  }, 120_000);

  it('two configurations with the same settings (their jobs are one) each get every run, as in a local sweep', async () => {
    const dir = scratch();
    const url = freshQueue();
    const sweep = join(dir, 'sweep.json');
    writeFileSync(sweep, JSON.stringify({ script: fast, runs: 2, configurations: [{ name: 'a', shift: 1 }, { name: 'b', shift: 1 }] }));
    const workers = [await startWorker(url)];
    try {
      const [q, local] = await Promise.all([
        runCli(['sweep', sweep, '--queue', url, '--results', join(dir, 'queued.jsonl'), '--json']),
        runCli(['sweep', sweep, '--results', join(dir, 'local.jsonl'), '--json']),
      ]);
      expect(q.code, q.stderr).toBe(0);
      expect(q.stdout).toBe(local.stdout);
      expect(runLines(join(dir, 'queued.jsonl'))).toHaveLength(4);
    } finally {
      await stopAll(workers);
    }
  }, 120_000);

  it('a coordinator started while Redis is down says so, and runs the plan once Redis is up', async () => {
    const dir = scratch();
    const url = freshQueue();
    const workers: CliProcess[] = [];
    await redis.stopServer();
    let down = true;
    try {
      const q = startCli(['repeat', fast, '--runs', '1', '--queue', url, '--results', join(dir, 'queued.jsonl')]);
      await waitFor(() => q.stderr().includes('warning: queue: connect ECONNREFUSED'), 'a warning that Redis is unreachable', 30_000);
      await redis.startServer();
      down = false;
      workers.push(await startWorker(url));
      const end = await q.exited;
      expect(end.code, q.stderr()).toBe(0);
      expect(runLines(join(dir, 'queued.jsonl'))).toHaveLength(1);
    } finally {
      if (down) await redis.startServer();
      await stopAll(workers);
    }
  }, 120_000);

  it('Ctrl-C of a worker in a terminal (SIGINT to its process group, the script too) gives its run back instead of failing it', async () => {
    const dir = scratch();
    const url = freshQueue();
    const env = { QUEUE_TEST_DELAY_MS: '1500' };
    const first = await startWorker(url, env);
    const workers = [first];
    try {
      const q = startCli(['repeat', fast, '--runs', '1', '--queue', url, '--results', join(dir, 'queued.jsonl')]);
      await waitFor(() => first.stderr().includes('worker: run '), 'the worker to take the run');
      process.kill(-(first.child.pid as number), 'SIGINT');
      workers.push(await startWorker(url, env));
      const end = await q.exited;
      expect(end.code, q.stderr()).toBe(0);
      expect(runLines(join(dir, 'queued.jsonl'))).toHaveLength(1);
    } finally {
      await stopAll(workers);
    }
  }, 120_000);

  it('the cross-check catches a worker with a deliberately different numeric setting (test-only seed perturbation)', async () => {
    const dir = scratch();
    const url = freshQueue();
    const workers = await Promise.all([
      startWorker(url),
      startWorker(url, { SAMEBITS_TEST_ONLY_PERTURB_SEED: 'yes, give wrong results for a test' }),
    ]);
    try {
      // With two workers and every run cross-checked, every run is done once on each.
      const q = await runCli(['repeat', trainingScript, '--runs', '2', '--queue', url, '--verify-fraction', '1', '--results', join(dir, 'queued.jsonl')]);
      expect(q.code).toBe(1);
      expect(q.stderr).toContain('!!! CROSS-CHECK MISMATCH: repeat-script, seed 1 gave DIFFERENT BITS on two workers !!!');
      expect(q.stderr).toMatch(/fingerprint +[0-9a-f]+ +[0-9a-f]+ +<-- differs/);
      expect(q.stderr).toMatch(/SameBits version +\S+ +\S+\n/);
      expect(q.stderr).toContain('manifest: seed: ');
      expect(q.stderr).toContain('samebits diff of the two fingerprint logs:');
      expect(q.stderr).toContain('logs saved: samebits diff ');
      expect(q.stdout).toContain('cross-check: 2 of 2 runs were run again on another worker: 2 MISMATCHED');
      expect(workers[1]?.stderr()).toContain('WARNING: test-only seed perturbation is ON');
    } finally {
      await stopAll(workers);
    }
  }, 120_000);
});
