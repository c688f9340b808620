// The parts of the queue that need no Redis: job ids, the cross-check draw, sweep files, the
// best configuration, the test-only switch, connection settings, and a worker's refusal of a
// script that is not the coordinator's.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSeeds } from '../../src/cli/commands/repeat.js';
import { queueTimings, redactedUrl, redisConnection } from '../../src/repro/queue-connection.js';
import { crossCheckDraw } from '../../src/repro/queue-draw.js';
import { dataDigest, fileSha256, jobId } from '../../src/repro/queue-job.js';
import { JobRefused, PERTURB_CONFIRMATION, TEST_ONLY_PERTURB_VARIABLE, runQueueJob, testOnlyPerturbation } from '../../src/repro/queue-run.js';
import { ScriptRunner, scriptCommand } from '../../src/repro/repeat-script.js';
import { summarizeRuns } from '../../src/repro/repeat-summary.js';
import { bestConfiguration } from '../../src/repro/sweep-best.js';
import { parseSweep } from '../../src/repro/sweep-config.js';
import { compare } from '../../src/stats/compare.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const scratch = tempDirs('samebits-queue-units-');
const base = { script: 'train.mjs', scriptSha256: 'a'.repeat(64), args: ['--units', '8'], env: { B: '2', A: '1' }, seed: 3, data: [] };

describe('job ids', () => {
  it('are the same for the same script, arguments, environment, seed and data, whatever order the environment is written in', () => {
    expect(jobId(base)).toBe(jobId({ ...base, env: { A: '1', B: '2' } }));
    expect(jobId(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differ when any of those differs', () => {
    const id = jobId(base);
    expect(jobId({ ...base, scriptSha256: 'b'.repeat(64) })).not.toBe(id);
    expect(jobId({ ...base, args: ['--units', '16'] })).not.toBe(id);
    expect(jobId({ ...base, env: { A: '1', B: '3' } })).not.toBe(id);
    expect(jobId({ ...base, seed: 4 })).not.toBe(id);
    expect(jobId({ ...base, data: [{ path: 'x.csv', sha256: 'c'.repeat(64) }] })).not.toBe(id);
  });

  it('differ for the same script bytes at another path (its relative imports and files are other files)', () => {
    expect(jobId({ ...base, script: 'a/train.mjs' })).not.toBe(jobId({ ...base, script: 'b/train.mjs' }));
  });

  it('hash the data files by content: the digest changes with a file\'s bytes', () => {
    const dir = scratch();
    const path = join(dir, 'data.csv');
    writeFileSync(path, '1,2\n');
    const before = dataDigest([{ path: 'data.csv', sha256: fileSha256(path) }]);
    writeFileSync(path, '1,3\n');
    expect(dataDigest([{ path: 'data.csv', sha256: fileSha256(path) }])).not.toBe(before);
    expect(dataDigest([])).toBe('');
  });
});

describe('crossCheckDraw', () => {
  const ids = Array.from({ length: 30 }, (_, i) => jobId({ ...base, seed: i + 1 }));

  it('draws round(fraction × n) jobs, the same ones whatever order the ids come in', () => {
    const drawn = crossCheckDraw(ids, 0.1, 0);
    expect(drawn.size).toBe(3);
    expect([...crossCheckDraw([...ids].reverse(), 0.1, 0)].sort()).toEqual([...drawn].sort());
  });

  it('depends on the seed, draws at least one job above 0 and none at 0', () => {
    const seeds = Array.from({ length: 5 }, (_, s) => [...crossCheckDraw(ids, 0.1, s)].sort().join());
    expect(new Set(seeds).size).toBeGreaterThan(1);
    expect(crossCheckDraw(ids.slice(0, 3), 0.01, 0).size).toBe(1);
    expect(crossCheckDraw(ids, 0, 0).size).toBe(0);
    expect(crossCheckDraw(ids, 1, 0).size).toBe(30);
  });

  it('refuses a fraction outside [0, 1]', () => {
    expect(() => crossCheckDraw(ids, 1.5, 0)).toThrow('crossCheckDraw: expected a fraction from 0 to 1, received 1.5');
  });
});

describe('parseSweep', () => {
  const parse = (value: unknown): ReturnType<typeof parseSweep> => parseSweep(JSON.stringify(value), 'sweep.json', (p) => `dir/${p}`, parseSeeds);

  it('expands a grid into every combination, the first key varying slowest, passed as arguments', () => {
    const sweep = parse({ script: 'train.ts', runs: 3, grid: { units: [8, 32], lr: [0.01, 0.05] }, metric: 'accuracy' });
    expect(sweep.configurations.map((c) => c.name)).toEqual(['units=8,lr=0.01', 'units=8,lr=0.05', 'units=32,lr=0.01', 'units=32,lr=0.05']);
    expect(sweep.configurations[1]).toEqual({ name: 'units=8,lr=0.05', script: 'dir/train.ts', args: ['--units', '8', '--lr', '0.05'], env: {} });
    expect(sweep.seeds).toEqual([1, 2, 3]);
    expect(sweep.metric).toBe('accuracy');
  });

  it('takes a list of named configurations passed as environment variables, and seed ranges', () => {
    const sweep = parse({ script: 'train.ts', seeds: '5-6', pass: 'env', env: { EPOCHS: 3 }, configurations: [{ name: 'small', UNITS: 4 }, { UNITS: 64 }], data: ['d.csv'] });
    expect(sweep.configurations).toEqual([
      { name: 'small', script: 'dir/train.ts', args: [], env: { EPOCHS: '3', UNITS: '4' } },
      { name: 'UNITS=64', script: 'dir/train.ts', args: [], env: { EPOCHS: '3', UNITS: '64' } },
    ]);
    expect(sweep.seeds).toEqual([5, 6]);
    expect(sweep.data).toEqual(['dir/d.csv']);
  });

  it('names what is wrong in a bad sweep file', () => {
    expect(() => parse({ grid: { units: [8] } })).toThrow('sweep.json: "script" must name the training script, received undefined');
    expect(() => parse({ script: 't.ts', grid: { units: [] } })).toThrow('sweep.json: "grid.units" must be a non-empty list of numbers or strings, received []');
    expect(() => parse({ script: 't.ts' })).toThrow('give exactly one of "grid" (every combination) and "configurations" (a list)');
    expect(() => parse({ script: 't.ts', grid: { u: [1] }, seed: 3 })).toThrow('sweep.json: unknown field "seed"');
    expect(() => parse({ script: 't.ts', grid: { u: [1] }, pass: 'stdin' })).toThrow('"pass" must be "args" or "env", received "stdin"');
    expect(() => parse({ script: 't.ts', configurations: [{ name: 'a' }, { name: 'a' }] })).toThrow("configuration name 'a' is used twice");
    expect(() => parseSweep('{', 'sweep.json', (p) => p, parseSeeds)).toThrow('sweep.json: not JSON');
  });

  it('refuses environment settings that samebits sets for each run itself (they would be silently overridden)', () => {
    expect(() => parse({ script: 't.ts', pass: 'env', configurations: [{ name: 'a', SAMEBITS_SEED: 7 }] })).toThrow('sweep.json: "SAMEBITS_SEED" is set by samebits for each run (the seed comes from "runs" or "seeds"); choose another name');
    expect(() => parse({ script: 't.ts', env: { SAMEBITS_MANIFEST: 'm.json' }, grid: { u: [1] } })).toThrow('sweep.json: "SAMEBITS_MANIFEST" is set by samebits for each run');
    expect(parse({ script: 't.ts', pass: 'env', grid: { SAMEBITS_THREADS: [1, 2] } }).configurations[1]?.env).toEqual({ SAMEBITS_THREADS: '2' });
  });
});

describe('bestConfiguration', () => {
  const config = (name: string, values: number[]): { name: string; runs: { seed: number; metrics: { accuracy: number }; durationMs: number }[]; summary: ReturnType<typeof summarizeRuns> } => {
    const runs = values.map((accuracy, i) => ({ seed: i + 1, metrics: { accuracy }, durationMs: 0 }));
    return { name, runs, summary: summarizeRuns(runs) };
  };
  const a = config('a', [0.80, 0.82, 0.81, 0.79]);
  const b = config('b', [0.90, 0.91, 0.92, 0.90]);
  const c = config('c', [0.85, 0.86, 0.84, 0.85]);

  it('names the configuration with the best mean and compares it with the runner-up', () => {
    const best = bestConfiguration([a, b, c], 'accuracy', false);
    expect(best.name).toBe('b');
    const expected = compare([0.85, 0.86, 0.84, 0.85], [0.90, 0.91, 0.92, 0.90], { names: ['c', 'b'], metric: 'accuracy', lowerIsBetter: false });
    expect(best.versusRunnerUp).toEqual(expected);
    expect(best.summary).toMatch(/^best accuracy: b \(mean 0\.9075, 95% CI \[.*\], 4 runs\); against the runner-up c \(mean 0\.85\) it is significantly better at 5% \(Welch's t-test, p < 0\.001\): better in 100% of seed pairs/);
  });

  it('takes the lowest mean where lower is better', () => {
    expect(bestConfiguration([a, b, c], 'accuracy', true).name).toBe('a');
  });

  it('names the metrics there are when asked for one no configuration reported', () => {
    expect(() => bestConfiguration([a], 'loss', false)).toThrow("bestConfiguration: no configuration reported the final metric 'loss'; final metrics reported: accuracy");
  });
});

describe('the test-only seed perturbation', () => {
  it('is off unless the variable holds exactly the confirmation, and any other value is refused', () => {
    expect(testOnlyPerturbation({})).toBe(false);
    expect(testOnlyPerturbation({ [TEST_ONLY_PERTURB_VARIABLE]: PERTURB_CONFIRMATION })).toBe(true);
    expect(() => testOnlyPerturbation({ [TEST_ONLY_PERTURB_VARIABLE]: '1' })).toThrow(`${TEST_ONLY_PERTURB_VARIABLE} is a test-only switch that makes this worker give wrong results`);
  });
});

describe('queue settings', () => {
  it('reads a Redis URL into connection options that wait through a restart', () => {
    expect(redisConnection('redis://:secret@queue.lan:6380/2')).toEqual({ host: 'queue.lan', port: 6380, db: 2, password: 'secret', maxRetriesPerRequest: null });
    expect(() => redisConnection('http://queue.lan')).toThrow("expected a Redis URL (redis:// or rediss://), received 'http://queue.lan'");
  });

  it('takes an IPv6 host without the brackets of the URL', () => {
    expect(redisConnection('redis://[::1]:6380')).toMatchObject({ host: '::1', port: 6380 });
  });

  it('hides the password of a URL that is printed', () => {
    expect(redactedUrl('redis://:s3cr%40t@queue.lan:6380/2')).toBe('redis://:***@queue.lan:6380/2');
    expect(redactedUrl('redis://user:pw@queue.lan')).toBe('redis://user:***@queue.lan');
    expect(redactedUrl('redis://queue.lan:6379')).toBe('redis://queue.lan:6379');
  });

  it('has 30 s locks by default and takes shorter ones from the environment', () => {
    expect(queueTimings({})).toEqual({ lockMs: 30_000, stalledMs: 30_000, pollMs: 500 });
    expect(queueTimings({ SAMEBITS_QUEUE_LOCK_MS: '2000' }).lockMs).toBe(2000);
    expect(() => queueTimings({ SAMEBITS_QUEUE_LOCK_MS: 'soon' })).toThrow("SAMEBITS_QUEUE_LOCK_MS: expected a whole number of milliseconds of at least 10, received 'soon'");
  });
});

describe('a worker', () => {
  it('refuses a job whose script differs from the coordinator\'s, naming both hashes', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'train.mjs'), 'console.log("{}")\n');
    const job = { format: 1 as const, kind: 'run' as const, config: 'c', script: 'train.mjs', scriptSha256: 'f'.repeat(64), args: [], env: {}, seed: 1, data: [] };
    const run = runQueueJob(job, { worker: 'host/1', cwd: dir });
    await expect(run).rejects.toBeInstanceOf(JobRefused);
    await expect(run).rejects.toThrow(/worker host\/1: script .*train\.mjs here has SHA-256 [0-9a-f]{12}…, the job expects ffffffffffff…/);
  });
});

describe('the example sweep (examples/sweep)', () => {
  const exampleDir = fileURLToPath(new URL('../../examples/sweep/', import.meta.url));

  it('parses into the four configurations of its grid, each passing its settings as arguments', () => {
    const sweep = parseSweep(readFileSync(join(exampleDir, 'sweep.json'), 'utf8'), 'sweep.json', (p) => join(exampleDir, p), parseSeeds);
    expect(sweep.configurations.map((c) => `${c.name}: ${c.args.join(' ')}`)).toEqual([
      'units=4,lr=0.01: --units 4 --lr 0.01', 'units=4,lr=0.05: --units 4 --lr 0.05', 'units=16,lr=0.01: --units 16 --lr 0.01', 'units=16,lr=0.05: --units 16 --lr 0.05',
    ]);
    expect(sweep.seeds).toHaveLength(10);
    expect(sweep.metric).toBe('accuracy');
  });

  it('has a training script that reports accuracy, final loss and the loss curve for a seed', async () => {
    const runner = new ScriptRunner([...scriptCommand(join(exampleDir, 'train.ts')), '--units', '4', '--epochs', '2']);
    try {
      const metrics = await runner.run(1);
      expect(Object.keys(metrics)).toEqual(['accuracy', 'finalLoss', 'loss']);
      expect(metrics.loss).toHaveLength(2);
    } finally {
      runner.close();
    }
  }, 60_000);
});
