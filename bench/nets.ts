/**
 * One small dense network, built the same way in SameBits and in TF.js (same layers, optimizer,
 * loss, initial weights and data), behind one interface so the workloads time both alike.
 */

import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { layers, sequential, setRandomSeed, tensor1d, tensor2d, train, type Sequential, type Tensor } from '../src/index.js';
import type { System } from './systems.js';
import { since } from './timing.js';

/** A dense network and how it is trained. */
export interface NetSpec {
  inputs: number;
  layers: readonly { units: number; activation: 'relu' | 'sigmoid' | 'softmax' | 'linear' }[];
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  loss: 'categoricalCrossentropy' | 'meanSquaredError';
}

/** Training data: rows × inputs features and rows × outputs targets, row-major. */
export interface NetData {
  x: Float32Array;
  y: Float32Array;
}

/** The result of one fit call: its wall time and the loss of its last epoch. */
export interface FitResult {
  seconds: number;
  loss: number;
}

/** A network built in one system, with its data already in that system's tensors. */
export interface Net {
  /**
   * Trains `epochs` epochs over all the data with shuffling (TF.js `model.fit`), silently;
   * `onEpochEnd` (0-based epoch) is passed to fit as a callback, which fit awaits.
   */
  fit(batchSize: number, epochs: number, onEpochEnd?: (epoch: number) => Promise<void>): Promise<FitResult>;
  /** Predicts on all the data (TF.js `model.predict`) and reads the result out. */
  predict(batchSize: number): { seconds: number; out: Float32Array };
  /** Copies of the current weight values, in getWeights order. */
  weights(): Float32Array[];
  /** Frees the system's tensors (TF.js); SameBits tensors are garbage-collected. */
  dispose(): void;
}

/**
 * The initial weights of `spec` from SameBits under `seed` (kernels then biases, layer by
 * layer, as getWeights orders them): every system starts from these values.
 */
export function initialWeights(spec: NetSpec, seed: number): Float32Array[] {
  setRandomSeed(seed);
  const model = sameBitsModel(spec);
  buildLayers(model, spec);
  return model.getWeights().map((w) => Float32Array.from(w.values));
}

/**
 * Builds `spec` in `system` (which must be the active one) with `weights` and `data`.
 * @example const net = buildNet(system, spec, initialWeights(spec, 1), data); await net.fit(32, 1);
 */
export function buildNet(system: System, spec: NetSpec, weights: readonly Float32Array[], data: NetData): Net {
  return system.library === 'samebits' ? sameBitsNet(spec, weights, data) : tfNet(spec, weights, data);
}

function sameBitsModel(spec: NetSpec): Sequential {
  return sequential({
    layers: spec.layers.map((l, i) => layers.dense({ units: l.units, activation: l.activation, ...(i === 0 ? { inputShape: [spec.inputs] } : {}) })),
  });
}

/** Builds the layers (one prediction on a zero row), so that their weights exist. */
function buildLayers(model: Sequential, spec: NetSpec): void {
  model.predict(tensor2d(new Float32Array(spec.inputs), [1, spec.inputs]));
}

function shapes(spec: NetSpec): number[][] {
  let previous = spec.inputs;
  return spec.layers.flatMap((l) => {
    const kernel = [previous, l.units];
    previous = l.units;
    return [kernel, [l.units]];
  });
}

function rows(spec: NetSpec, data: NetData): number {
  return data.x.length / spec.inputs;
}

function sameBitsNet(spec: NetSpec, weights: readonly Float32Array[], data: NetData): Net {
  const model = sameBitsModel(spec);
  const n = rows(spec, data);
  const x = tensor2d(data.x, [n, spec.inputs]);
  const y = tensor2d(data.y, [n, data.y.length / n]);
  buildLayers(model, spec);
  model.setWeights(shapes(spec).map((shape, i) => tensor2dOr1d(weights[i] as Float32Array, shape)));
  const optimizer = spec.optimizer === 'adam' ? train.adam(spec.learningRate) : train.sgd(spec.learningRate);
  model.compile({ optimizer, loss: spec.loss });
  return {
    async fit(batchSize, epochs, onEpochEnd) {
      const callbacks = onEpochEnd ? [{ onEpochEnd: (epoch: number) => onEpochEnd(epoch) }] : [];
      const start = performance.now();
      const history = await model.fit(x, y, { batchSize, epochs, shuffle: true, verbose: 0, callbacks });
      return { seconds: since(start), loss: history.history['loss']?.at(-1) ?? NaN };
    },
    predict(batchSize) {
      const start = performance.now();
      const out = Float32Array.from(model.predict(x, { batchSize }).values);
      return { seconds: since(start), out };
    },
    weights: () => model.getWeights().map((w) => Float32Array.from(w.values)),
    dispose() {},
  };
}

function tensor2dOr1d(values: Float32Array, shape: number[]): Tensor {
  return shape.length === 2 ? tensor2d(values, [shape[0] as number, shape[1] as number]) : tensor1d(values);
}

function tfNet(spec: NetSpec, weights: readonly Float32Array[], data: NetData): Net {
  const model = tf.sequential({
    layers: spec.layers.map((l, i) => tf.layers.dense({ units: l.units, activation: l.activation, ...(i === 0 ? { inputShape: [spec.inputs] } : {}) })),
  });
  const n = rows(spec, data);
  const x = tf.tensor2d(data.x, [n, spec.inputs]);
  const y = tf.tensor2d(data.y, [n, data.y.length / n]);
  const initial = shapes(spec).map((shape, i) => tf.tensor(weights[i] as Float32Array, shape));
  model.setWeights(initial);
  tf.dispose(initial);
  const optimizer = spec.optimizer === 'adam' ? tf.train.adam(spec.learningRate) : tf.train.sgd(spec.learningRate);
  model.compile({ optimizer, loss: spec.loss });
  return {
    async fit(batchSize, epochs, onEpochEnd) {
      const callbacks = onEpochEnd ? { onEpochEnd: (epoch: number) => onEpochEnd(epoch) } : {};
      const start = performance.now();
      const history = await model.fit(x, y, { batchSize, epochs, shuffle: true, verbose: 0, callbacks });
      const losses = history.history['loss'] ?? [];
      return { seconds: since(start), loss: Number(losses[losses.length - 1] ?? NaN) };
    },
    predict(batchSize) {
      const start = performance.now();
      const result = model.predict(x, { batchSize }) as tf.Tensor;
      const out = result.dataSync() as Float32Array;
      const seconds = since(start);
      result.dispose();
      return { seconds, out };
    },
    weights: () => model.getWeights().map((w) => w.dataSync() as Float32Array),
    dispose() {
      tf.dispose([x, y]);
      model.dispose();
      optimizer.dispose();
    },
  };
}
