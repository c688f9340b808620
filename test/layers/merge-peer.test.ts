import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import type { Layer } from '../../src/layers/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

/** The merge layers against real TF.js 4.22 (cpu) on the same inputs: within float32 rounding. */

const TOLERANCE = 1e-6;

interface Case {
  name: string;
  ours: () => Layer;
  theirs: () => tf.layers.Layer;
  shapes: number[][];
}

const CASES: Case[] = [
  { name: 'add', ours: () => layers.add(), theirs: () => tf.layers.add(), shapes: [[3, 4], [3, 4], [3, 4]] },
  { name: 'add of a lower-rank input', ours: () => layers.add(), theirs: () => tf.layers.add(), shapes: [[2, 3, 4], [2, 4]] },
  // TF.js 4.22 has no layers.subtract (Keras does): its oracle is tf.sub on the two inputs.
  { name: 'subtract (against tf.sub)', ours: () => layers.subtract(), theirs: () => ({ apply: ([a, b]: tf.Tensor[]) => tf.sub(a as tf.Tensor, b as tf.Tensor) }) as unknown as tf.layers.Layer, shapes: [[3, 4], [3, 4]] },
  { name: 'multiply with an extent of 1', ours: () => layers.multiply(), theirs: () => tf.layers.multiply(), shapes: [[3, 4], [3, 1]] },
  { name: 'average', ours: () => layers.average(), theirs: () => tf.layers.average(), shapes: [[3, 4], [3, 4], [3, 4]] },
  { name: 'maximum', ours: () => layers.maximum(), theirs: () => tf.layers.maximum(), shapes: [[3, 4], [3, 4]] },
  { name: 'minimum', ours: () => layers.minimum(), theirs: () => tf.layers.minimum(), shapes: [[3, 4], [3, 4]] },
  { name: 'concatenate', ours: () => layers.concatenate(), theirs: () => tf.layers.concatenate(), shapes: [[3, 4], [3, 2]] },
  { name: 'concatenate on axis 1', ours: () => layers.concatenate({ axis: 1 }), theirs: () => tf.layers.concatenate({ axis: 1 }), shapes: [[2, 3, 4], [2, 1, 4]] },
  { name: 'dot', ours: () => layers.dot({ axes: 1 }), theirs: () => tf.layers.dot({ axes: 1 }), shapes: [[3, 5], [3, 5]] },
  { name: 'dot normalized', ours: () => layers.dot({ axes: 1, normalize: true }), theirs: () => tf.layers.dot({ axes: 1, normalize: true }), shapes: [[3, 5], [3, 5]] },
  { name: 'dot of matrices', ours: () => layers.dot({ axes: [2, 1] }), theirs: () => tf.layers.dot({ axes: [2, 1] }), shapes: [[2, 3, 4], [2, 4, 5]] },
];

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

describe('merge layers agree with TF.js', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const rng = xorshift(71);
      const xs = c.shapes.map((s) => randomTensor(rng, s, { lo: -1, hi: 1 }));
      const ours = c.ours().apply(xs) as Tensor;
      const theirs = c.theirs().apply(xs.map((x) => tf.tensor(Array.from(x.values), x.shape, 'float32'))) as tf.Tensor;
      expect(ours.shape).toEqual(theirs.shape);
      const expected = theirs.dataSync();
      ours.values.forEach((v, i) => expect(Math.abs(v - (expected[i] as number)), `element ${i}`).toBeLessThanOrEqual(TOLERANCE));
    });
  }
});
