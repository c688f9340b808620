import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { data, train } from '../../src/node.js';
import { buildSameBits, buildTfjs, maxRelativeDifference, useTfjsCpu, weightArrays } from './harness.js';
import { peerData } from './data.js';

// fitDataset and evaluateDataset against real TF.js: the same network from the same initial
// weights, the same {xs, ys} batches in the same order (no shuffle), SGD and Adam. Adam's
// tolerance is wider: Keras adds ε to √v̂, TF.js to √v (README, "Differences from TF.js": 1.7e-5
// relative after 20 steps with ε 1e-7); these runs take 24 steps.
const ARCH = { hidden: 'tanh', output: 'softmax', units: 3 } as const;

describe('fitDataset and evaluateDataset agree with TF.js', () => {
  it.each([['sgd', 1e-6], ['adam', 3e-5]] as const)('%s: per-epoch losses and History keys within %s relative; evaluateDataset too', async (name, tolerance) => {
    await useTfjsCpu();
    const d = peerData('oneHot');
    const rows = d.x.map((xs, i) => ({ xs, ys: d.y[i] as number[] }));
    const ours = buildSameBits(ARCH, 5);
    ours.compile({ optimizer: name === 'sgd' ? train.sgd(0.1) : train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const initial = weightArrays(ours);
    const valid = rows.slice(0, 20);
    const h = await ours.fitDataset(data.array(rows).batch(12), { epochs: 4, verbose: 0, validationData: data.array(valid).batch(7) });
    const theirs = buildTfjs(ARCH, 5, initial);
    theirs.compile({ optimizer: name === 'sgd' ? tf.train.sgd(0.1) : tf.train.adam(0.01, 0.9, 0.999, 1e-7), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const ht = await theirs.fitDataset(tf.data.array(rows).batch(12), { epochs: 4, verbose: 0, validationData: tf.data.array(valid).batch(7), yieldEvery: 'never' });
    expect(Object.keys(h.history).sort()).toEqual(Object.keys(ht.history).sort());
    for (const k of ['loss', 'val_loss']) expect(maxRelativeDifference(h.history[k] as number[], ht.history[k] as number[]), k).toBeLessThanOrEqual(tolerance);
    const mine = (await ours.evaluateDataset(data.array(valid).batch(6))) as { values: Float32Array }[];
    const peer = (await theirs.evaluateDataset(tf.data.array(valid).batch(6) as never, {})) as tf.Scalar[];
    expect(maxRelativeDifference(mine.map((t) => t.values[0] as number), peer.map((t) => t.dataSync()[0] as number))).toBeLessThanOrEqual(tolerance);
    theirs.dispose();
  });
});
