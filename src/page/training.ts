import { runWeightsExample } from '../examples/weights-before-after.js';
import { getBackend } from '../kernels/index.js';
import { layers } from '../layers/index.js';
import { sequential } from '../models/index.js';
import { train } from '../optimizers/index.js';
import { tensor2d } from '../ops/create.js';
import { fingerprint } from '../repro/model-fingerprint.js';
import { setRandomSeed } from '../repro/seed.js';

/** What one engine computed: the kernel set it ran on and the weight fingerprints. */
export interface EngineRun {
  backend: string;
  /** The fingerprints of the weights-before-after example's two builds (equal to each other). */
  weightsBeforeAfter: string[];
  /** The fingerprint of the dropout MLP after training. */
  classifier: string;
  /** The classifier's loss after each epoch. */
  losses: number[];
}

/** Called after each epoch of the classifier, for a live loss curve. */
export type EpochListener = (epoch: number, loss: number) => void;

const SAMPLES = 96;
const FEATURES = 8;
const CLASSES = 3;

/**
 * Synthetic data made of integer arithmetic only, so every engine builds the same floats (no
 * Math.sin or Math.random, whose last bits an engine may choose). The class is the residue of a
 * weighted feature sum: learnable, and balanced across the three classes.
 */
export function syntheticData(): { x: number[][]; y: number[][] } {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const row = Array.from({ length: FEATURES }, (_, j) => (((i * 7 + j * 13 + i * j) % 17) - 8) / 8);
    const label = (i * 5 + (i >> 2)) % CLASSES;
    row[label] = (row[label] as number) + 1.5; // a signal the model can find
    x.push(row);
    y.push(Array.from({ length: CLASSES }, (_, c) => (c === label ? 1 : 0)));
  }
  return { x, y };
}

/**
 * The small classifier: 8 → 16 relu → dropout 0.25 → 3 softmax, Adam (learning rate 0.01), categorical cross-entropy,
 * 12 epochs of batches of 16 on the synthetic data. Returns its fingerprint and per-epoch losses.
 */
export async function trainClassifier(onEpoch: EpochListener = () => {}, seed = 42): Promise<{ fingerprint: string; losses: number[] }> {
  setRandomSeed(seed);
  const { x, y } = syntheticData();
  const model = sequential({
    layers: [
      layers.dense({ units: 16, activation: 'relu', inputShape: [FEATURES] }),
      layers.dropout({ rate: 0.25 }),
      layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const losses: number[] = [];
  await model.fit(tensor2d(x), tensor2d(y), {
    epochs: 12, batchSize: 16, verbose: 0,
    callbacks: { onEpochEnd: (epoch, logs) => { const loss = Number(logs?.['loss']); losses.push(loss); onEpoch(epoch, loss); } },
  });
  return { fingerprint: fingerprint(model), losses };
}

/**
 * The cross-engine training script: the weights-before-after example, then the classifier. Every
 * engine must return the same fingerprints; only `backend` may differ.
 * @example const run = await trainEverywhere(); run.classifier // '3f…'
 */
export async function trainEverywhere(onEpoch?: EpochListener): Promise<EngineRun> {
  const builds = await runWeightsExample();
  const classifier = await trainClassifier(onEpoch);
  return { backend: getBackend(), weightsBeforeAfter: builds.map((b) => b.fingerprint), classifier: classifier.fingerprint, losses: classifier.losses };
}
