import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { train } from '../../src/optimizers/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { maxRelativeDifference, useTfjsCpu } from '../peer/harness.js';
import { tfjsTwoInTwoOut } from './tfjs-two-io.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

/**
 * The peer check for functional models: the same two-input, two-output graph (a shared Dense,
 * Concatenate, Add; dropout rate 0) trained in SameBits and in real TF.js 4.22 (cpu) from the
 * same initial weights, on the same rows in the same order, reaches the same losses within
 * float32 rounding: the total, and each output's.
 */

const ROUNDING = 1e-6;

beforeAll(useTfjsCpu);

describe('a functional model trained in SameBits and in TF.js from the same weights', () => {
  it('reaches the same total and per-output losses within float32 rounding (SGD, two losses, no shuffle)', async () => {
    setRandomSeed(31);
    const ours = twoInTwoOut('', 0);
    const { xa, xb, y1, y2 } = twoInTwoOutData(40);
    const theirs = tfjsTwoInTwoOut(0);
    theirs.setWeights(ours.getWeights().map((w) => tf.tensor(Array.from(w.values), w.shape, 'float32')));
    // NOTE: no lossWeights: TF.js 4.22 ignores them in fit (`TODO(cais): Add lossWeights` in
    // training.js); SameBits applies them as Keras does (tested in training.test.ts).
    ours.compile({ optimizer: train.sgd(0.1), loss: ['meanSquaredError', 'categoricalCrossentropy'] });
    theirs.compile({ optimizer: tf.train.sgd(0.1), loss: ['meanSquaredError', 'categoricalCrossentropy'] });
    const schedule = { epochs: 4, batchSize: 8, shuffle: false, verbose: 0 as const };
    const h = await ours.fit([xa, xb], [y1, y2], schedule);
    const t = (x: { values: ArrayLike<number>; shape: number[] }): tf.Tensor => tf.tensor(Array.from(x.values), x.shape, 'float32');
    const ht = await theirs.fit([t(xa), t(xb)], [t(y1), t(y2)], { ...schedule, yieldEvery: 'never' });
    for (const k of ['loss', 'out1_loss', 'out2_loss']) {
      expect(maxRelativeDifference(h.history[k] as number[], ht.history[k] as number[]), k).toBeLessThanOrEqual(ROUNDING);
    }
    const first = h.history['loss'] as number[];
    expect(first[3]).toBeLessThan(first[0] as number); // it trained
  });
});
