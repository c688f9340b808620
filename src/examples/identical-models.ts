import { layers } from '../layers/index.js';
import { sequential } from '../models/index.js';
import type { Sequential } from '../models/index.js';
import { randomUniform } from '../ops/index.js';
import { setRandomSeed } from '../repro/seed.js';
import type { Tensor } from '../ops/tensor.js';

function build(): Sequential {
  return sequential({ layers: [layers.dense({ units: 10, activation: 'relu', inputShape: [10] }), layers.dense({ units: 1 })] });
}

/** Predictions of two models built under `seedA` and `seedB`, on the same input. */
export function predictTwoModels(seedA: number, seedB: number): [Tensor, Tensor] {
  const input = randomUniform([5, 10], 0, 1, 'float32', 7);
  setRandomSeed(seedA);
  const a = build();
  setRandomSeed(seedB);
  const b = build();
  return [a.predict(input), b.predict(input)];
}
