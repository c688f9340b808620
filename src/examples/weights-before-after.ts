import { layers } from '../layers/index.js';
import { sequential } from '../models/index.js';
import type { Sequential } from '../models/index.js';
import { train } from '../optimizers/index.js';
import { fingerprint, summarizeTrainableVariables } from '../repro/model-fingerprint.js';
import { setRandomSeed } from '../repro/seed.js';
import { ones, tensor2d } from '../ops/create.js';

/** Sums of trainable weights before and after training one build. */
export interface BuildReport {
  before: number;
  after: number;
  fingerprint: string;
}

function build(): Sequential {
  return sequential({
    layers: [
      layers.dense({ units: 2, activation: 'relu', inputShape: [3] }),
      layers.dense({ units: 3, activation: 'relu' }),
      layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
}

/**
 * Example 2, "weights before and after": build, print the exact sum of trainable weights, train
 * 10 epochs (batch 1, validationSplit 0.1, Adam with ε 1e-8, mse, accuracy), print it again.
 * Nothing is wrapped in a function to re-seed: one setRandomSeed governs both builds.
 */
export async function runWeightsExample(print: (line: string) => void = () => {}, seed = 2024): Promise<BuildReport[]> {
  setRandomSeed(seed);
  const x = ones([3, 3]);
  const y = tensor2d([[3], [2], [1]]);
  const reports: BuildReport[] = [];
  for (const label of ['build 1', 'build 2']) {
    const model = build();
    const before = summarizeTrainableVariables(model);
    model.compile({ optimizer: train.adam(0.001, 0.9, 0.999, 1e-8), loss: 'mse', metrics: ['accuracy'] });
    await model.fit(x, y, { epochs: 10, batchSize: 1, validationSplit: 0.1, verbose: 0 });
    const after = summarizeTrainableVariables(model);
    reports.push({ before, after, fingerprint: fingerprint(model) });
    print(`  ${label}: sum of trainable weights before ${before.toFixed(13)}  after ${after.toFixed(13)}  ${fingerprint(model).slice(0, 16)}`);
  }
  return reports;
}
