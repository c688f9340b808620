import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { encodeMetrics } from '../../src/repro/repeat-codec.js';
import { runPool } from '../../src/repro/repeat-pool.js';
import { barProgress, lineProgress } from '../../src/repro/repeat-progress.js';
import { METRICS_FILE_VARIABLE, SEED_VARIABLE, repeatSeed, reportMetrics } from '../../src/repro/repeat-channel.js';
import { ResultsFile } from '../../src/repro/repeat-results.js';
import { metricValues, summarizeRuns } from '../../src/repro/repeat-summary.js';
import type { RepeatEvent, RepeatRun } from '../../src/repro/repeat-types.js';
import { repeat } from '../../src/repro/repeat.js';
import { getRandomSeed } from '../../src/repro/seed.js';
import trainOnce from './repeat-train.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const child = fileURLToPath(new URL('./repeat-child.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs and metrics as text that keeps every bit (−0, NaN and all). */
function runsText(runs: readonly { seed: number; metrics: RepeatRun['metrics'] }[]): string {
  return JSON.stringify(runs.map((r) => ({ seed: r.seed, metrics: encodeMetrics(r.metrics) })));
}

const scratch = tempDirs('samebits-repeat-test-');

/** A cheap train function: metrics a fixed function of the seed, with a curve. */
function fakeTrain(seed: number): RepeatRun['metrics'] {
  return { accuracy: 0.9 + ((seed * 7919) % 97) / 9700, loss: [1 / seed, 0.5 / seed, 0.25 / seed] };
}

describe('repeat: the same bits sequentially, in parallel and in any order', () => {
  it('gives bit-identical runs in this thread, in 2 worker processes, and with the seeds listed in another order', async () => {
    const run = promisify(execFile);
    const [parallel, reordered] = await Promise.all([
      run(process.execPath, ['--import', tsx, child, '2', '3,1,4,2'], { encoding: 'utf8' }),
      run(process.execPath, ['--import', tsx, child, '1', '4,3,2,1'], { encoding: 'utf8' }),
    ]);
    const inThread = await repeat({ runs: 4, progress: false }, trainOnce);
    const expected = runsText(inThread.runs);
    expect(inThread.runs.map((r) => r.seed)).toEqual([1, 2, 3, 4]);
    expect(runsText(JSON.parse(parallel.stdout) as RepeatRun[])).toBe(expected);
    expect(runsText(JSON.parse(reordered.stdout) as RepeatRun[])).toBe(expected);
    // Different seeds did train differently.
    expect(new Set(inThread.runs.map((r) => r.metrics.mse)).size).toBe(4);
  });

  it('sets the global seed to each run\'s seed before calling the train function', async () => {
    const seen: number[] = [];
    await repeat({ seeds: [5, 9], progress: false }, (seed) => {
      seen.push(getRandomSeed(), seed);
      return { x: seed };
    });
    expect(seen).toEqual([5, 5, 9, 9]);
  });

  it('gives statistics that do not depend on the order the runs are listed in', async () => {
    const result = await repeat({ runs: 6, progress: false }, fakeTrain);
    const shuffled = summarizeRuns([...result.runs].reverse());
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(result.summary));
    expect(result.summary.metrics.accuracy?.n).toBe(6);
    expect(result.summary.curves.loss?.mean.length).toBe(3);
  });
});

describe('repeat: validation', () => {
  it('refuses parallel runs of a function (worker processes need its module)', async () => {
    await expect(repeat({ runs: 2, parallel: 2, progress: false }, fakeTrain)).rejects.toThrow(/parallel: 2 runs in worker processes, which cannot receive a function: pass the module/);
  });

  it('names the seed and the metric when a run reports something that is not a number', async () => {
    await expect(repeat({ runs: 1, progress: false }, () => ({ accuracy: 'high' as unknown as number }))).rejects.toThrow(/default, seed 1: metric 'accuracy' must be a number or an array of numbers, received "high"/);
  });

  it('rejects bad run counts and repeated seeds', async () => {
    await expect(repeat({ runs: 0 }, fakeTrain)).rejects.toThrow(/runs to be a positive integer/);
    await expect(repeat({ seeds: [1, 2, 1] }, fakeTrain)).rejects.toThrow(/seed 1 is listed twice/);
  });
});

describe('repeat: durability of the results file', () => {
  it('keeps the runs finished before a failure, skips them on the rerun, and ends with the uninterrupted statistics', async () => {
    const dir = scratch();
    const path = join(dir, 'runs.jsonl');
    const calls: number[] = [];
    const failing = (seed: number): RepeatRun['metrics'] => {
      calls.push(seed);
      if (seed === 4) throw new Error('interrupted');
      return fakeTrain(seed);
    };
    await expect(repeat({ runs: 6, resultsPath: path, progress: false }, failing)).rejects.toThrow(/interrupted/);
    expect(calls).toEqual([1, 2, 3, 4]);
    calls.length = 0;
    const resumed = await repeat({ runs: 6, resultsPath: path, progress: false }, (seed) => {
      calls.push(seed);
      return fakeTrain(seed);
    });
    expect(calls).toEqual([4, 5, 6]);
    expect(resumed.resumed).toBe(3);
    const fresh = await repeat({ runs: 6, progress: false }, fakeTrain);
    expect(runsText(resumed.runs)).toBe(runsText(fresh.runs));
    expect(JSON.stringify(resumed.summary)).toBe(JSON.stringify(fresh.summary));
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(7);
  });

  it('skips a last line cut short by a kill and appends after it on a clean line', async () => {
    const dir = scratch();
    const path = join(dir, 'runs.jsonl');
    await repeat({ runs: 2, resultsPath: path, progress: false }, fakeTrain);
    appendFileSync(path, '{"config":"default","seed":3,"metr');
    const result = await repeat({ runs: 3, resultsPath: path, progress: false }, fakeTrain);
    expect(result.resumed).toBe(2);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1)).toHaveLength(4);
    expect(lines[3]).toBe('{"config":"default","seed":3,"metr');
    expect([lines[1], lines[2], lines[4]].map((l) => (JSON.parse(l as string) as { seed: number }).seed)).toEqual([1, 2, 3]);
  });

  it('round-trips NaN, ±Infinity and −0 bit for bit', async () => {
    const path = join(scratch(), 'runs.jsonl');
    const odd = (): RepeatRun['metrics'] => ({ a: NaN, b: -0, c: Infinity, d: [-Infinity, -0, 1e-310] });
    const first = await repeat({ runs: 2, resultsPath: path, progress: false }, odd);
    const again = await repeat({ runs: 2, resultsPath: path, progress: false }, () => {
      throw new Error('should not run');
    });
    expect(again.resumed).toBe(2);
    expect(Object.is(again.runs[0]?.metrics.b, -0)).toBe(true);
    expect(runsText(again.runs)).toBe(runsText(first.runs));
  });

  it('reports two different results for one seed as nondeterminism', () => {
    const path = join(scratch(), 'runs.jsonl');
    writeFileSync(path, '{"samebits":"repeat-results","format":1}\n{"config":"a","seed":1,"metrics":{"x":1}}\n{"config":"a","seed":1,"metrics":{"x":2}}\n');
    expect(() => ResultsFile.open(path)).toThrow(/runs.jsonl:3: seed 1 of 'a' appears twice with different metrics: the training is not deterministic/);
  });

  it('refuses to append to a file that is not a results file', () => {
    const path = join(scratch(), 'notes.txt');
    writeFileSync(path, 'my notes\n');
    expect(() => ResultsFile.open(path)).toThrow(/is not a samebits repeat results file/);
    expect(readFileSync(path, 'utf8')).toBe('my notes\n');
  });
});

describe('runPool', () => {
  it('starts no new item after a failure but lets the ones in flight finish', async () => {
    const finished: number[] = [];
    const work = async (item: number): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, item === 1 ? 30 : 1));
      if (item === 2) throw new Error('boom');
      finished.push(item);
    };
    await expect(runPool([1, 2, 3, 4, 5], 2, work)).rejects.toThrow('boom');
    expect(finished).toEqual([1]);
  });
});

describe('progress', () => {
  const run: RepeatRun = { seed: 7, metrics: { accuracy: 0.93125, loss: [0.5, 0.25] }, durationMs: 1234 };
  const events: RepeatEvent[] = [
    { type: 'start', name: 'train', total: 4, resumed: 1, parallel: 2, resultsPath: 'runs.jsonl' },
    { type: 'run', name: 'train', run, finished: 2, total: 4 },
    { type: 'end', name: 'train', total: 4, elapsedMs: 4200 },
  ];

  it('prints one status line per event when not on a terminal', () => {
    const lines: string[] = [];
    const sink = lineProgress((line) => lines.push(line));
    for (const e of events) sink(e);
    expect(lines).toEqual([
      'repeat train: 4 runs, 1 already done, 2 at a time (results: runs.jsonl)',
      'repeat train: run 2/4 done (seed 7, 1.2 s): accuracy 0.9313',
      'repeat train: 4 runs complete in 4.2 s',
    ]);
  });

  it('draws a progress bar on a terminal', async () => {
    let output = '';
    const stream = Object.assign(new Writable({ write(chunk: Buffer, _enc, done): void { output += chunk.toString(); done(); } }), { isTTY: true, columns: 120 });
    const sink = await barProgress(stream as unknown as NodeJS.WriteStream);
    for (const e of events) sink(e);
    expect(output).toContain('repeat train: 4 runs, 1 already done');
    expect(output).toMatch(/repeat train .*2\/4 runs \| seed 7: accuracy 0\.9313/);
  });
});

describe('metricValues', () => {
  it('lists a final metric in order of seed and explains what is wrong otherwise', () => {
    const runs: RepeatRun[] = [3, 1, 2].map((seed) => ({ seed, metrics: fakeTrain(seed), durationMs: 0 }));
    expect(metricValues(runs, 'accuracy')).toEqual([1, 2, 3].map((s) => fakeTrain(s).accuracy));
    expect(() => metricValues(runs, 'loss')).toThrow(/'loss' is a per-epoch curve/);
    expect(() => metricValues(runs, 'acc')).toThrow(/no run reported 'acc'; metrics reported: accuracy/);
  });
});

describe('the script channel', () => {
  it('reads the seed from SAMEBITS_SEED, with a fallback when run by hand', () => {
    vi.stubEnv(SEED_VARIABLE, '17');
    expect(repeatSeed()).toBe(17);
    vi.stubEnv(SEED_VARIABLE, '');
    expect(repeatSeed(3)).toBe(3);
    vi.stubEnv(SEED_VARIABLE, '1.5');
    expect(() => repeatSeed()).toThrow(/SAMEBITS_SEED must be an integer, received '1.5'/);
    vi.unstubAllEnvs();
  });

  it('appends the metrics to SAMEBITS_METRICS_FILE under the runner and prints them otherwise', async () => {
    const file = join(scratch(), 'metrics.jsonl');
    vi.stubEnv(METRICS_FILE_VARIABLE, file);
    await reportMetrics({ accuracy: 0.5, loss: [NaN, 1] });
    await reportMetrics({ mse: -0 });
    expect(readFileSync(file, 'utf8')).toBe('{"accuracy":0.5,"loss":["NaN",1]}\n{"mse":"-0"}\n');
    vi.stubEnv(METRICS_FILE_VARIABLE, '');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await reportMetrics({ accuracy: 0.75 });
    expect(log).toHaveBeenCalledWith('{"accuracy":0.75}');
    log.mockRestore();
    vi.unstubAllEnvs();
  });
});
