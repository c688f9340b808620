/**
 * The breadth issue's training workloads: a small CNN on 28×28×1 images (one and two
 * convolutions) and an LSTM regressor, each trained with model.fit at batch 64 in SameBits
 * (both kernel sets) and TF.js (cpu and wasm) from the same initial weights on the same data, in
 * alternating rounds. A system that cannot train a model (TF.js wasm has no gradient kernels for
 * some of these ops) is reported with its error instead of a figure.
 */

import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { layers, sequential, setRandomSeed, tensor, train, type Sequential } from '../src/index.js';
import { uniformFloat32 } from './inputs.js';
import type { System, SystemName } from './systems.js';
import { measureRounds } from './timing.js';
import { mnistLike } from './training-data.js';
import type { WorkloadRow } from './workload.js';

/** A workload: its model in both libraries, its data and its loss. */
interface ModelWorkload {
  name: string;
  inputShape: number[];
  outputs: number;
  loss: 'categoricalCrossentropy' | 'meanSquaredError';
  sameBits(): Sequential;
  tfjs(): tf.Sequential;
  data(samples: number): { x: Float32Array; y: Float32Array };
}

/** Sizes: samples per timed epoch for fast and slow systems, and timed rounds. */
export interface ModelBenchSizes {
  samples: number;
  slowSamples: number;
  rounds: number;
  lstmSteps: number;
  lstmFeatures: number;
  lstmUnits: number;
}

const BATCH = 64;
const SEED = 4242;

const image = [28, 28, 1];

const cnn1: ModelWorkload = {
  name: 'CNN fit (conv 8 3×3 relu, maxPool 2, dense 10 softmax), batch 64',
  inputShape: image, outputs: 10, loss: 'categoricalCrossentropy',
  sameBits: () => sequential({ layers: [
    layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: image }),
    layers.maxPooling2d({ poolSize: 2 }), layers.flatten(), layers.dense({ units: 10, activation: 'softmax' }),
  ] }),
  tfjs: () => tf.sequential({ layers: [
    tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: image }),
    tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' }),
  ] }),
  data: (n) => mnistLike(n, 784, 10, 0x5eed),
};

const cnn2: ModelWorkload = {
  name: 'CNN fit, two convs (8 and 16 3×3 relu, each maxPool 2), batch 64',
  inputShape: image, outputs: 10, loss: 'categoricalCrossentropy',
  sameBits: () => sequential({ layers: [
    layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: image }), layers.maxPooling2d({ poolSize: 2 }),
    layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }), layers.maxPooling2d({ poolSize: 2 }),
    layers.flatten(), layers.dense({ units: 10, activation: 'softmax' }),
  ] }),
  tfjs: () => tf.sequential({ layers: [
    tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: image }), tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }), tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' }),
  ] }),
  data: (n) => mnistLike(n, 784, 10, 0x5eed),
};

function lstmWorkload(sizes: ModelBenchSizes): ModelWorkload {
  const shape = [sizes.lstmSteps, sizes.lstmFeatures];
  return {
    name: `LSTM fit (${sizes.lstmUnits} units over ${sizes.lstmSteps}×${sizes.lstmFeatures}, dense 1, mse), batch 64`,
    inputShape: shape, outputs: 1, loss: 'meanSquaredError',
    sameBits: () => sequential({ layers: [
      layers.lstm({ units: sizes.lstmUnits, recurrentActivation: 'sigmoid', inputShape: shape }), layers.dense({ units: 1 }),
    ] }),
    tfjs: () => tf.sequential({ layers: [
      tf.layers.lstm({ units: sizes.lstmUnits, recurrentActivation: 'sigmoid', inputShape: shape }), tf.layers.dense({ units: 1 }),
    ] }),
    data: (n) => sequenceData(n, sizes.lstmSteps, sizes.lstmFeatures),
  };
}

/** Sequences uniform in [−1, 1); the target is the mean of the first feature over time. */
function sequenceData(samples: number, steps: number, features: number): { x: Float32Array; y: Float32Array } {
  const x = uniformFloat32(samples * steps * features, 0x1577);
  const y = new Float32Array(samples);
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let t = 0; t < steps; t++) sum += x[(s * steps + t) * features] as number;
    y[s] = sum / steps;
  }
  return { x, y };
}

/** One model trained in one system: fit one epoch and report its seconds and loss. */
interface Trainer {
  fit(): Promise<{ seconds: number; loss: number }>;
  dispose(): void;
}

function sameBitsTrainer(w: ModelWorkload, weights: readonly Float32Array[], samples: number): Trainer {
  const model = w.sameBits();
  model.setWeights(model.getWeights().map((t, i) => tensor(weights[i] as Float32Array, t.shape)));
  model.compile({ optimizer: train.adam(0.001), loss: w.loss });
  const d = w.data(samples);
  const x = tensor(d.x, [samples, ...w.inputShape]);
  const y = tensor(d.y, [samples, w.outputs]);
  return {
    async fit() {
      const start = performance.now();
      const h = await model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
      return { seconds: (performance.now() - start) / 1000, loss: h.history['loss']?.[0] as number };
    },
    dispose() {},
  };
}

function tfTrainer(w: ModelWorkload, weights: readonly Float32Array[], samples: number): Trainer {
  const model = w.tfjs();
  model.setWeights(model.getWeights().map((t, i) => tf.tensor(weights[i] as Float32Array, t.shape)));
  model.compile({ optimizer: tf.train.adam(0.001), loss: w.loss });
  const d = w.data(samples);
  const x = tf.tensor(d.x, [samples, ...w.inputShape]);
  const y = tf.tensor(d.y, [samples, w.outputs]);
  return {
    async fit() {
      const start = performance.now();
      const h = await model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
      return { seconds: (performance.now() - start) / 1000, loss: h.history['loss']?.[0] as number };
    },
    dispose() { model.dispose(); x.dispose(); y.dispose(); },
  };
}

/**
 * Runs the CNN and LSTM workloads on `systems` (slow systems on `slowSamples` per epoch);
 * returns the rows and, per workload, the systems that could not train it and why.
 * @example const rows = await runModelBench(systems, sizes, console.error);
 */
export async function runModelBench(systems: readonly System[], sizes: ModelBenchSizes, log: (line: string) => void): Promise<WorkloadRow[]> {
  const rows: WorkloadRow[] = [];
  for (const w of [cnn1, cnn2, lstmWorkload(sizes)]) rows.push(await runWorkload(w, systems, sizes, log));
  return rows;
}

async function runWorkload(w: ModelWorkload, systems: readonly System[], sizes: ModelBenchSizes, log: (line: string) => void): Promise<WorkloadRow> {
  setRandomSeed(SEED);
  const probe = w.sameBits();
  probe.predict(tensor(new Float32Array(w.inputShape.reduce((a, b) => a * b, 1)), [1, ...w.inputShape]));
  const weights = probe.getWeights().map((t) => Float32Array.from(t.dataSync()));
  const samplesOf = (s: System): number => (s.name === 'samebits-wasm' || s.name === 'tfjs-wasm' ? sizes.samples : sizes.slowSamples);
  const trainers = new Map<SystemName, Trainer>();
  const failed: string[] = [];
  for (const system of systems) {
    await system.activate();
    try {
      const t = system.library === 'samebits' ? sameBitsTrainer(w, weights, samplesOf(system)) : tfTrainer(w, weights, samplesOf(system));
      await t.fit(); // warm-up, and a check that this system can train the model at all
      trainers.set(system.name, t);
    } catch (error) {
      failed.push(`${system.name} cannot train it (${(error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 80)})`);
    }
  }
  const running = systems.filter((s) => trainers.has(s.name));
  const losses = new Map<SystemName, number>();
  const r = await measureRounds(running, 0, sizes.rounds, (s) => s.activate(), async (s) => {
    const out = await (trainers.get(s.name) as Trainer).fit();
    losses.set(s.name, out.loss);
    return out.seconds;
  });
  for (const t of trainers.values()) t.dispose();
  const figures: WorkloadRow['figures'] = {};
  running.forEach((s, i) => { figures[s.name] = samplesOf(s) / (r.seconds[i] as number); });
  log(`  ${w.name.split(' (')[0]}: ${running.map((s, i) => `${s.name} ${((r.seconds[i] as number) * 1e3).toFixed(0)} ms/${samplesOf(s)}`).join(', ')}`);
  const lossText = `epoch-1 loss ${running.map((s) => (losses.get(s.name) ?? NaN).toFixed(4)).join('/')}`;
  return { workload: w.name, unit: 'samples/s', figures, samples: r.samples[0]?.length ?? 0, check: [lossText, ...failed].join('; ') };
}
