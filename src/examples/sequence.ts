import { layers } from '../layers/index.js';
import { sequential } from '../models/index.js';
import { train } from '../optimizers/index.js';
import { fingerprint } from '../repro/model-fingerprint.js';
import { setRandomSeed } from '../repro/seed.js';
import type { SampleSummary } from '../stats/summary.js';
import { summarize } from '../stats/summary.js';
import { tensor2d } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';

/** One training run of the sequence example. */
export interface SequenceRun {
  seed: number;
  mse: number;
  fingerprint: string;
}

/**
 * Example 1, the classic "why does my Keras model give a different MSE every run?": learn
 * y = x + 0.1 on x = 0.0, 0.1, …, 0.9 with Dense(10, relu) → Dense(1), mse, Adam, 100 epochs,
 * one batch of all ten samples.
 */
export async function trainSequence(seed: number, epochs = 100): Promise<SequenceRun> {
  setRandomSeed(seed);
  const xs = Array.from({ length: 10 }, (_, i) => [i / 10]);
  const x = tensor2d(xs);
  const y = tensor2d(xs.map(([v]) => [(v as number) + 0.1]));
  const model = sequential({
    layers: [layers.dense({ units: 10, activation: 'relu', inputShape: [1] }), layers.dense({ units: 1 })],
  });
  model.compile({ optimizer: train.adam(0.001), loss: 'mse' });
  await model.fit(x, y, { epochs, batchSize: 10, verbose: 0 });
  const mse = (model.evaluate(x, y, { batchSize: 10 }) as Tensor).values[0] as number;
  return { seed, mse, fingerprint: fingerprint(model) };
}

/** What example 1 reports: repeats under one seed, runs across seeds, and their statistics. */
export interface SequenceReport {
  sameSeed: SequenceRun[];
  acrossSeeds: SequenceRun[];
  identical: boolean;
  stats: SampleSummary;
}

/** Runs example 1: `repeats` runs with seed 42, then seeds 1…`seeds`. */
export async function runSequenceExample(repeats = 10, seeds = 10, print: (line: string) => void = () => {}): Promise<SequenceReport> {
  print('Example 1 - sequence: Dense(10, relu) -> Dense(1), mse, Adam, 100 epochs');
  const sameSeed: SequenceRun[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await trainSequence(42);
    sameSeed.push(run);
    print(`  run ${String(i + 1).padStart(2)}  seed 42  mse ${run.mse.toPrecision(17)}  ${run.fingerprint.slice(0, 16)}`);
  }
  const first = sameSeed[0] as SequenceRun;
  const identical = sameSeed.every((r) => r.fingerprint === first.fingerprint && Object.is(r.mse, first.mse));
  const acrossSeeds: SequenceRun[] = [];
  for (let s = 1; s <= seeds; s++) {
    const run = await trainSequence(s);
    acrossSeeds.push(run);
    print(`  seed ${String(s).padStart(2)}          mse ${run.mse.toPrecision(17)}  ${run.fingerprint.slice(0, 16)}`);
  }
  const stats = summarize(acrossSeeds.map((r) => r.mse));
  print(`  across ${seeds} seeds: mean ${stats.mean.toPrecision(6)}, std ${stats.std.toPrecision(4)}, 95% CI [${stats.ci95[0].toPrecision(6)}, ${stats.ci95[1].toPrecision(6)}]`);
  return { sameSeed, acrossSeeds, identical, stats };
}
