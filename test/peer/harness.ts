import * as tf from '@tensorflow/tfjs';
import type { LossIdentifier, Optimizer, Sequential } from '../../src/node.js';
import { layers, sequential, setRandomSeed, tensor2d } from '../../src/node.js';
import type { Arch, PeerData, Schedule, WeightArray } from './data.js';
import { SCHEDULE } from './data.js';

/**
 * Trains the same two-layer network in SameBits and in TF.js from the same initial weights
 * (SameBits draws them, TF.js receives a copy), on the same rows in the same order (no
 * shuffling), and returns both per-epoch loss histories.
 */

const HIDDEN_UNITS = 8;

/** A TF.js loss: a `lossesMap` id or a function of (yTrue, yPred). */
export type TfjsLoss = string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

/** Selects the TF.js cpu backend once (the reference kernels, plain float32 loops). */
export async function useTfjsCpu(): Promise<void> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
}

/** The SameBits network, its weights drawn under `seed` (uncompiled). */
export function buildSameBits(arch: Arch, inputs: number, seed = 1): Sequential {
  setRandomSeed(seed);
  return sequential({
    layers: [
      layers.dense({ units: HIDDEN_UNITS, activation: arch.hidden, inputShape: [inputs] }),
      layers.dense({ units: arch.units, activation: arch.output }),
    ],
  });
}

/** The TF.js network with a copy of the given weights (uncompiled). */
export function buildTfjs(arch: Arch, inputs: number, initial: readonly WeightArray[]): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: HIDDEN_UNITS, activation: arch.hidden, inputShape: [inputs] }),
      tf.layers.dense({ units: arch.units, activation: arch.output }),
    ],
  });
  model.setWeights(initial.map((w) => tf.tensor(w.values, w.shape, 'float32')));
  return model;
}

/** A model's weights as plain arrays, in `getWeights` order. */
export function weightArrays(model: Sequential): WeightArray[] {
  return model.getWeights().map((w) => ({ shape: w.shape.slice(), values: Float32Array.from(w.values) }));
}

/** Trains the SameBits model (weights drawn under `seed`); returns its losses and initial weights. */
export async function trainSameBits(arch: Arch, data: PeerData, optimizer: Optimizer, loss: LossIdentifier, schedule: Schedule = SCHEDULE, seed = 1): Promise<{ losses: number[]; initial: WeightArray[] }> {
  const model = buildSameBits(arch, data.x[0]?.length ?? 0, seed);
  model.compile({ optimizer, loss });
  const initial = weightArrays(model);
  const history = await model.fit(tensor2d(data.x), tensor2d(data.y), { ...schedule, shuffle: false, verbose: 0 });
  return { losses: history.history['loss'] as number[], initial };
}

/** Trains the TF.js model from the given initial weights; returns its per-epoch losses. */
export async function trainTfjs(arch: Arch, data: PeerData, initial: readonly WeightArray[], optimizer: tf.Optimizer, loss: TfjsLoss, schedule: Schedule = SCHEDULE): Promise<number[]> {
  await useTfjsCpu();
  const model = buildTfjs(arch, data.x[0]?.length ?? 0, initial);
  model.compile({ optimizer, loss });
  const x = tf.tensor2d(data.x);
  const y = tf.tensor2d(data.y);
  const history = await model.fit(x, y, { ...schedule, shuffle: false, verbose: 0, yieldEvery: 'never' });
  tf.dispose([x, y]);
  model.dispose();
  return history.history['loss'] as number[];
}

/** Both histories for one configuration. */
export async function trainBoth(arch: Arch, data: PeerData, ours: { optimizer: Optimizer; loss: LossIdentifier }, theirs: { optimizer: tf.Optimizer; loss: TfjsLoss }, schedule: Schedule = SCHEDULE): Promise<{ samebits: number[]; tfjs: number[]; initial: WeightArray[] }> {
  const { losses, initial } = await trainSameBits(arch, data, ours.optimizer, ours.loss, schedule);
  const tfjs = await trainTfjs(arch, data, initial, theirs.optimizer, theirs.loss, schedule);
  return { samebits: losses, tfjs, initial };
}

/**
 * max_i |a_i − b_i| / |b_i| over two equally long histories (b is the reference); Infinity when
 * the lengths differ or a value is not finite, so a broken run can never pass a tolerance.
 */
export function maxRelativeDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    const bi = b[i] as number;
    if (!Number.isFinite(ai) || !Number.isFinite(bi)) return Infinity;
    if (ai !== bi) worst = Math.max(worst, Math.abs(ai - bi) / Math.abs(bi));
  }
  return worst;
}
