/** Wall-clock timing of synchronous calls: warm up, then sample until enough time has passed. */

import { performance } from 'node:perf_hooks';

/** How long and how often to measure. */
export interface TimingOptions {
  /**
   * Calls before sampling, until this many seconds have passed (at least one call); 0 skips the
   * warm-up, for calls that take seconds and whose code is already warm from smaller sizes.
   */
  warmupSeconds: number;
  /** Keep sampling until this many seconds of samples (and at least minSamples)... */
  minSeconds: number;
  /** At least 1. */
  minSamples: number;
  /** ...but stop after maxSamples samples, or once maxSeconds of samples (≥ 1 sample) are in. */
  maxSamples: number;
  maxSeconds: number;
  /** Fast calls are batched so that one sample lasts about this long. */
  sampleSeconds: number;
}

/** The result of a measurement: the median time of one call and how it was obtained. */
export interface Measurement {
  /** Median over samples of (sample time / calls in the sample), in seconds. */
  seconds: number;
  samples: number;
  callsPerSample: number;
}

/**
 * Times `fn` and returns the median per-call time. The last value `fn` returned is handed to
 * `keep`, so the caller can check it and the JIT cannot discard the work.
 * @example measure(() => naiveSum(v), options, (s) => { sink += s; })
 */
export function measure<T>(fn: () => T, options: TimingOptions, keep: (value: T) => void): Measurement {
  return measureInterleaved([fn], options, (_, value) => keep(value))[0] as Measurement;
}

/**
 * Times several functions in rounds, one sample of each per round, so that a change in machine
 * load during the run affects all of them alike and their ratios stay meaningful. The time
 * limits in `options` apply to each function. `keep(i, value)` receives each one's last result.
 */
export function measureInterleaved<T>(
  fns: readonly (() => T)[], options: TimingOptions, keep: (index: number, value: T) => void,
): Measurement[] {
  const last: (T | undefined)[] = fns.map(() => undefined);
  const callsPerSample = fns.map((fn, i) => {
    const start = performance.now();
    let calls = 0;
    while (options.warmupSeconds > 0 && (calls === 0 || performance.now() - start < options.warmupSeconds * 1000)) {
      last[i] = fn();
      calls++;
    }
    const perCall = calls === 0 ? Infinity : (performance.now() - start) / 1000 / calls;
    return Math.max(1, Math.ceil(options.sampleSeconds / Math.max(perCall, 1e-9)));
  });
  const times: number[][] = fns.map(() => []);
  let total = 0; // seconds of samples of the slowest function
  for (let round = 0; ; round++) {
    const enough = round >= options.minSamples && total >= options.minSeconds;
    if (round >= options.maxSamples || enough || (round >= 1 && total >= options.maxSeconds)) break;
    let slowest = 0;
    fns.forEach((fn, i) => {
      const calls = callsPerSample[i] as number;
      const start = performance.now();
      for (let c = 0; c < calls; c++) last[i] = fn();
      const seconds = (performance.now() - start) / 1000;
      (times[i] as number[]).push(seconds / calls);
      slowest = Math.max(slowest, seconds);
    });
    total += slowest;
  }
  // At least one round always runs (maxSamples ≥ 1), so every function returned a value.
  last.forEach((value, i) => keep(i, value as T));
  return times.map((t, i) => ({ seconds: median(t), samples: t.length, callsPerSample: callsPerSample[i] as number }));
}

/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] as number : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One workload's times on each of several contenders, from alternating rounds. */
export interface RoundsResult {
  /** Median seconds of one run for each contender, in the order given. */
  seconds: number[];
  /** Every timed run, per contender. */
  samples: number[][];
}

/**
 * Times async runs in alternating rounds: each round runs every contender once (after `setUp`
 * for it, untimed; the first one rotates from round to round), so that machine load during the run affects all of them alike. `warmup`
 * untimed rounds come first. `run` returns its own elapsed seconds, so it can leave set-up and
 * checks out of the time.
 * @example await measureRounds(systems, 1, 5, (s) => s.activate(), (s) => oneEpoch(s))
 */
export async function measureRounds<C>(
  contenders: readonly C[], warmup: number, rounds: number,
  setUp: (contender: C) => Promise<void>, run: (contender: C) => Promise<number>,
): Promise<RoundsResult> {
  const samples: number[][] = contenders.map(() => []);
  for (let round = 0; round < warmup + rounds; round++) {
    // Rotate who goes first, so no contender always follows the same other one (and its garbage).
    for (let k = 0; k < contenders.length; k++) {
      const i = (round + k) % contenders.length;
      const contender = contenders[i] as C;
      await setUp(contender);
      const seconds = await run(contender);
      if (round >= warmup) (samples[i] as number[]).push(seconds);
    }
  }
  return { seconds: samples.map((s) => (s.length === 0 ? NaN : median(s))), samples };
}

/** Seconds since `start` (a performance.now() reading). */
export function since(start: number): number {
  return (performance.now() - start) / 1000;
}

/**
 * Wraps a synchronous call for measureRounds: the first run times one call and sets how many
 * calls make a run of about `runSeconds` (at least one); every run returns seconds per call.
 * @example const run = calibrated(() => step(), 0.1); const perCall = run();
 */
export function calibrated(fn: () => void, runSeconds: number): () => number {
  let calls = 0;
  return () => {
    const count = Math.max(calls, 1);
    const start = performance.now();
    for (let i = 0; i < count; i++) fn();
    const seconds = since(start) / count;
    if (calls === 0) calls = Math.max(1, Math.ceil(runSeconds / seconds));
    return seconds;
  };
}
