import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Sequential } from '../../src/node.js';
import { layers, sequential, setRandomSeed, tensor3d, train } from '../../src/node.js';
import { maxRelativeDifference, useTfjsCpu } from './harness.js';

/**
 * Recurrent models in SameBits and in real TF.js (4.22, cpu backend) from the same weights:
 * predictions, then the per-epoch losses of 3 epochs of 2 batches of SGD(0.1) on mean squared
 * error, no shuffling. TF.js's LSTM and GRU default to hardSigmoid gates and its GRU has only
 * the reset-before form, so both sides set `recurrentActivation: 'sigmoid'` and SameBits's GRU
 * `resetAfter: false`. Masking is the Keras rule on both sides (a masked step keeps the
 * previous output and states).
 *
 * Measured (Node 20, TF.js 4.22 cpu): predictions max|Δ|/max|y|, losses max relative difference.
 *
 * | model                                                  | predictions | losses |
 * |--------------------------------------------------------|-------------|--------|
 * | simpleRNN(6) → dense(1)                                | 1.5e-7 | 1.2e-7 |
 * | lstm(6) → dense(1)                                     | 2.0e-7 | 9.6e-8 |
 * | lstm(5, goBackwards, seq) → timeDistributed(dense(2))  | 1.7e-7 | 0      |
 * | gru(6, resetAfter false) → dense(1)                    | 1.0e-7 | 9.8e-8 |
 * | bidirectional(lstm(4, seq)) → timeDistributed(dense(1))| 1.4e-7 | 0      |
 * | bidirectional(gru(3)) 'ave' → dense(1)                 | 2.1e-7 | 9.5e-8 |
 * | timeDistributed(dense(4)) → simpleRNN(3) → dense(1)    | 2.9e-7 | 1.1e-7 |
 * | masking → lstm(5) → dense(1)                           | 1.3e-7 | 0      |
 * | masking → bidirectional(gru(3, seq)) → td(dense(1))    | 1.1e-7 | 1.0e-7 |
 *
 * (Keras 3 differs on the last one: its Bidirectional zeroes the outputs of masked steps when
 * returning sequences; TF.js and SameBits keep the previous output, as a plain RNN does.)
 */

const [N, T, F] = [16, 5, 3];
const x = Float32Array.from({ length: N * T * F }, (_, i) => Math.sin(i * 0.37) * 0.9);
// Zero the last two timesteps of every fourth sample: padding for the masking case.
for (let s = 0; s < N; s += 4) x.fill(0, (s * T + T - 2) * F, (s * T + T) * F);

interface Case {
  name: string;
  ours: () => Sequential;
  theirs: () => tf.Sequential;
  /** Output shape per sample. */
  out: number[];
}

const inputShape = [T, F];
const CASES: Case[] = [
  {
    name: 'simpleRNN(6) → dense(1)', out: [1],
    ours: () => sequential({ layers: [layers.simpleRNN({ units: 6, inputShape, biasInitializer: 'randomNormal' }), layers.dense({ units: 1 })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.simpleRNN({ units: 6, inputShape }), tf.layers.dense({ units: 1 })] }),
  },
  {
    name: 'lstm(6, sigmoid gates) → dense(1)', out: [1],
    ours: () => sequential({ layers: [layers.lstm({ units: 6, recurrentActivation: 'sigmoid', inputShape }), layers.dense({ units: 1 })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.lstm({ units: 6, recurrentActivation: 'sigmoid', inputShape }), tf.layers.dense({ units: 1 })] }),
  },
  {
    name: 'lstm(5, goBackwards, returnSequences) → timeDistributed(dense(2))', out: [T, 2],
    ours: () => sequential({ layers: [layers.lstm({ units: 5, recurrentActivation: 'sigmoid', goBackwards: true, returnSequences: true, inputShape }), layers.timeDistributed({ layer: layers.dense({ units: 2 }) })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.lstm({ units: 5, recurrentActivation: 'sigmoid', goBackwards: true, returnSequences: true, inputShape }), tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2 }) })] }),
  },
  {
    name: 'gru(6, resetAfter false, sigmoid gates) → dense(1)', out: [1],
    ours: () => sequential({ layers: [layers.gru({ units: 6, resetAfter: false, recurrentActivation: 'sigmoid', inputShape, biasInitializer: 'randomNormal' }), layers.dense({ units: 1 })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.gru({ units: 6, recurrentActivation: 'sigmoid', inputShape }), tf.layers.dense({ units: 1 })] }),
  },
  {
    name: 'bidirectional(lstm(4, returnSequences)) concat → timeDistributed(dense(1))', out: [T, 1],
    ours: () => sequential({ layers: [layers.bidirectional({ layer: layers.lstm({ units: 4, recurrentActivation: 'sigmoid', returnSequences: true }), inputShape }), layers.timeDistributed({ layer: layers.dense({ units: 1 }) })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 4, recurrentActivation: 'sigmoid', returnSequences: true }) as tf.layers.RNN, inputShape }), tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 1 }) })] }),
  },
  {
    name: "bidirectional(gru(3)) 'ave' → dense(1)", out: [1],
    ours: () => sequential({ layers: [layers.bidirectional({ layer: layers.gru({ units: 3, resetAfter: false, recurrentActivation: 'sigmoid' }), mergeMode: 'ave', inputShape }), layers.dense({ units: 1 })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.bidirectional({ layer: tf.layers.gru({ units: 3, recurrentActivation: 'sigmoid' }) as tf.layers.RNN, mergeMode: 'ave', inputShape }), tf.layers.dense({ units: 1 })] }),
  },
  {
    name: 'timeDistributed(dense(4)) → simpleRNN(3) → dense(1)', out: [1],
    ours: () => sequential({ layers: [layers.timeDistributed({ layer: layers.dense({ units: 4 }), inputShape }), layers.simpleRNN({ units: 3 }), layers.dense({ units: 1 })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 4 }), inputShape }), tf.layers.simpleRNN({ units: 3 }), tf.layers.dense({ units: 1 })] }),
  },
  {
    name: 'masking → lstm(5, sigmoid gates) → dense(1)', out: [1],
    ours: () => sequential({ layers: [layers.masking({ inputShape }), layers.lstm({ units: 5, recurrentActivation: 'sigmoid' }), layers.dense({ units: 1 })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.masking({ inputShape }), tf.layers.lstm({ units: 5, recurrentActivation: 'sigmoid' }), tf.layers.dense({ units: 1 })] }),
  },
  {
    name: 'masking → bidirectional(gru(3, returnSequences)) → timeDistributed(dense(1))', out: [T, 1],
    ours: () => sequential({ layers: [layers.masking({ inputShape }), layers.bidirectional({ layer: layers.gru({ units: 3, resetAfter: false, recurrentActivation: 'sigmoid', returnSequences: true }) }), layers.timeDistributed({ layer: layers.dense({ units: 1 }) })] }),
    theirs: () => tf.sequential({ layers: [tf.layers.masking({ inputShape }), tf.layers.bidirectional({ layer: tf.layers.gru({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true }) as tf.layers.RNN }), tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 1 }) })] }),
  },
];

/** About 5× the largest measured difference (table above): float32 rounding, not a formula gap. */
const FORWARD_TOLERANCE = 1.5e-6;
const LOSS_TOLERANCE = 1e-6;

/** max |a − b| / max |b|: elementwise relative differences blow up on outputs near zero. */
function scaledDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / scale;
}

async function both(c: Case): Promise<{ forward: number; losses: number; ours: number[]; theirs: number[] }> {
  await useTfjsCpu();
  setRandomSeed(5);
  const ours = c.ours();
  const theirs = c.theirs();
  theirs.setWeights(ours.getWeights().map((w) => tf.tensor(Float32Array.from(w.values), w.shape, 'float32')));
  const xs = tensor3d(x, [N, T, F]);
  const txs = tf.tensor3d(x, [N, T, F]);
  const forward = scaledDifference(ours.predict(xs).values, (theirs.predict(txs) as tf.Tensor).dataSync());
  const size = c.out.reduce((p, d) => p * d, 1);
  const y = Float32Array.from({ length: N * size }, (_, i) => Math.cos(i * 0.61));
  ours.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError' });
  theirs.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const schedule = { epochs: 3, batchSize: N / 2, shuffle: false, verbose: 0 } as const;
  const h1 = await ours.fit(xs, tensor3d(y, [N, size, 1]).reshape([N, ...c.out]), schedule);
  const h2 = await theirs.fit(txs, tf.tensor(y, [N, ...c.out]), { ...schedule, yieldEvery: 'never' });
  const a = h1.history['loss'] as number[];
  const b = h2.history['loss'] as number[];
  theirs.dispose();
  tf.dispose([txs]);
  return { forward, losses: maxRelativeDifference(a, b), ours: a, theirs: b };
}

describe('recurrent layers agree with TF.js on the same weights', () => {
  for (const c of CASES) {
    it(`${c.name}: predictions and 3 epochs of SGD losses within float32 tolerance`, async () => {
      const r = await both(c);
      if (process.env['SAMEBITS_PRINT_PEER'] === '1') console.log(c.name, r.forward, r.losses);
      expect(r.forward, 'forward').toBeLessThanOrEqual(FORWARD_TOLERANCE);
      expect(r.losses, `losses ${JSON.stringify(r.ours)} vs TF.js ${JSON.stringify(r.theirs)}`).toBeLessThanOrEqual(LOSS_TOLERANCE);
      expect(r.ours[2]).toBeLessThan(r.ours[0] as number);
    });
  }
});
