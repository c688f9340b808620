import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { data, unstack } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { train } from '../../src/optimizers/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { maxRelativeDifference, useTfjsCpu } from '../peer/harness.js';
import { tfjsTwoInTwoOut } from './tfjs-two-io.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

/**
 * fitDataset and evaluateDataset of a functional model against real TF.js 4.22 (cpu): the shared
 * two-input, two-output graph (dropout rate 0) from the same initial weights, on the same
 * `{xs: {in_a, in_b}, ys: {out1, out2}}` batches in the same order (no shuffle), SGD, reaches the
 * same total and per-output losses, training and validation, within float32 rounding.
 */

const ROUNDING = 1e-6;

/** Rows as dict elements keyed by input and output name: plain numbers, so both libraries batch the same values. */
function elements(n: number): { xs: Record<string, number[]>; ys: Record<string, number[]> }[] {
  const rowsOf = (t: Tensor): number[][] => unstack(t).map((r) => Array.from(r.values));
  const { xa, xb, y1, y2 } = twoInTwoOutData(n);
  const [a, b, o1, o2] = [xa, xb, y1, y2].map(rowsOf) as number[][][];
  return Array.from({ length: n }, (_, i) => ({ xs: { in_a: a[i] as number[], in_b: b[i] as number[] }, ys: { out1: o1[i] as number[], out2: o2[i] as number[] } }));
}

beforeAll(useTfjsCpu);

describe('functional fitDataset and evaluateDataset agree with TF.js', () => {
  it('total and per-output losses, training and validation, and evaluateDataset within float32 rounding (SGD, no shuffle)', async () => {
    setRandomSeed(37);
    const ours = twoInTwoOut('', 0);
    const theirs = tfjsTwoInTwoOut(0);
    theirs.setWeights(ours.getWeights().map((w) => tf.tensor(Array.from(w.values), w.shape, 'float32')));
    ours.compile({ optimizer: train.sgd(0.1), loss: ['meanSquaredError', 'categoricalCrossentropy'] });
    theirs.compile({ optimizer: tf.train.sgd(0.1), loss: ['meanSquaredError', 'categoricalCrossentropy'] });
    const rows = elements(40);
    const valid = elements(40).slice(0, 11);
    // NOTE: TF.js 4.22's testFunction pushes the running total once per output
    // (`valOutputs.push(totalLoss)` inside the loss loop, training.js makeTestFunction), so for
    // two outputs its evaluate gives [out1, out1 + out2, out1_loss, out2_loss, …] and fit's val_
    // logs take the first three: val_loss holds out1's loss. The true values are entries 1..3,
    // read here after each epoch, on the weights TF.js validated.
    const peerEvaluate = async (): Promise<number[]> => {
      const r = (await theirs.evaluateDataset(tf.data.array(valid).batch(5) as never, {})) as tf.Scalar[];
      return r.slice(1, 4).map((t) => t.dataSync()[0] as number);
    };
    const peerValidation: number[][] = [];
    const h = await ours.fitDataset(data.array(rows).batch(8), { epochs: 4, verbose: 0, validationData: data.array(valid).batch(4) });
    const ht = await theirs.fitDataset(tf.data.array(rows).batch(8), {
      epochs: 4, verbose: 0, validationData: tf.data.array(valid).batch(4), yieldEvery: 'never',
      callbacks: { onEpochEnd: async () => { peerValidation.push(await peerEvaluate()); } },
    });
    expect(Object.keys(h.history).sort()).toEqual(Object.keys(ht.history).sort());
    for (const k of ['loss', 'out1_loss', 'out2_loss']) {
      expect(maxRelativeDifference(h.history[k] as number[], ht.history[k] as number[]), k).toBeLessThanOrEqual(ROUNDING);
    }
    ['val_loss', 'val_out1_loss', 'val_out2_loss'].forEach((k, i) => {
      expect(maxRelativeDifference(h.history[k] as number[], peerValidation.map((v) => v[i] as number)), k).toBeLessThanOrEqual(ROUNDING);
    });
    // TF.js's own val_loss is the first output's loss (the slot mix-up above).
    expect(maxRelativeDifference(ht.history['val_loss'] as number[], h.history['val_out1_loss'] as number[])).toBeLessThanOrEqual(ROUNDING);
    const losses = h.history['loss'] as number[];
    expect(losses[3]).toBeLessThan(losses[0] as number); // it trained
    const mine = ((await ours.evaluateDataset(data.array(valid).batch(5))) as Tensor[]).map((t) => t.values[0] as number);
    expect(maxRelativeDifference(mine, await peerEvaluate())).toBeLessThanOrEqual(ROUNDING);
    theirs.dispose();
  });
});
