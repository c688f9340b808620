import { input, layers } from '../../src/layers/index.js';
import { model } from '../../src/models/index.js';
import type { LayersModel } from '../../src/models/index.js';
import { tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';

/**
 * The two-input, two-output model the functional tests share: a Dense applied to both branches
 * (shared weights), a Concatenate, an Add, a Dropout and a Dense head on each output. Names are
 * given so files and logs can be compared; `suffix` makes them differ between copies.
 * `dropoutRate` 0 makes training comparable with TF.js, whose dropout masks differ.
 */
export function twoInTwoOut(suffix = '', dropoutRate = 0.25): LayersModel {
  const a = input({ shape: [3], name: `in_a${suffix}` });
  const b = input({ shape: [2], name: `in_b${suffix}` });
  const shared = layers.dense({ units: 4, activation: 'tanh', name: `shared${suffix}` });
  const h1 = shared.apply(layers.dense({ units: 3, name: `pa${suffix}` }).apply(a));
  const h2 = shared.apply(layers.dense({ units: 3, name: `pb${suffix}` }).apply(b));
  const cat = layers.concatenate({ name: `cat${suffix}` }).apply([h1, h2]);
  const out1 = layers.dense({ units: 1, name: `out1${suffix}` }).apply(layers.dropout({ rate: dropoutRate, name: `drop${suffix}` }).apply(cat));
  const out2 = layers.dense({ units: 2, activation: 'softmax', name: `out2${suffix}` }).apply(layers.add({ name: `add${suffix}` }).apply([h1, h2]));
  return model({ inputs: [a, b], outputs: [out1, out2], name: `two_io${suffix}` });
}

/** Deterministic data for it: n rows of each input, a regression target and one-hot classes. */
export function twoInTwoOutData(n: number): { xa: Tensor; xb: Tensor; y1: Tensor; y2: Tensor } {
  const v = (i: number, j: number): number => Math.fround(Math.sin(i * 1.3 + j * 0.7) * 0.9);
  const rows = Array.from({ length: n }, (_, i) => i);
  return {
    xa: tensor2d(rows.map((i) => [v(i, 0), v(i, 1), v(i, 2)])),
    xb: tensor2d(rows.map((i) => [v(i, 3), v(i, 4)])),
    y1: tensor2d(rows.map((i) => [Math.fround(v(i, 0) - v(i, 3))])),
    y2: tensor2d(rows.map((i) => (v(i, 1) + v(i, 4) > 0 ? [1, 0] : [0, 1]))),
  };
}
