// A tiny training run (4 → 8 → 1, 64 samples, batch 8: 8 steps per epoch) for the fingerprint-log tests.
import { layers } from '../../src/layers/index.js';
import type { CallbackHooks, Sequential } from '../../src/models/index.js';
import { sequential } from '../../src/models/index.js';
import { randomNormal } from '../../src/ops/index.js';
import { train } from '../../src/optimizers/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import type { Tensor } from '../../src/ops/tensor.js';

export const STEPS_PER_EPOCH = 8;

/** Fixed data, independent of the global seed. */
export function tinyData(): { x: Tensor; y: Tensor } {
  return { x: randomNormal([64, 4], 0, 1, 'float32', 11), y: randomNormal([64, 1], 0, 1, 'float32', 12) };
}

/** A compiled model built under `seed` (Adam, learning rate 0.01). */
export function tinyModel(seed: number): Sequential {
  setRandomSeed(seed);
  const model = sequential({ layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), layers.dense({ units: 1 })] });
  model.compile({ optimizer: train.adam(0.01), loss: 'meanSquaredError' });
  return model;
}

/** Trains a fresh tiny model under `seed` for `epochs` epochs with the callbacks given. */
export async function trainTiny(seed: number, epochs: number, callbacks: CallbackHooks[]): Promise<Sequential> {
  const model = tinyModel(seed);
  const { x, y } = tinyData();
  await model.fit(x, y, { epochs, batchSize: 8, verbose: 0, callbacks });
  return model;
}
