// The model and training calls of tfjs-examples/addition-rnn (a sequence-to-sequence RNN that
// learns to add two numbers written as text, after the Keras addition_rnn example), written
// here against SameBits's TF.js-compatible API: an encoder RNN over the one-hot question, a
// repeatVector of its last state, a decoder RNN with returnSequences, a timeDistributed dense
// layer and a softmax, compiled with categoricalCrossentropy, 'adam' and metrics ['accuracy'],
// and fit one epoch at a time with validationData, reading history.acc / val_acc as the
// example does. Our own code (not a copy of the example's); questions come from a seeded source.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, uniformSource, weightsFingerprint } from './harness.js';

const CHARS = '0123456789+ ';

/** One-hot rows for each string, padded with zero rows to `rows`. */
function oneHot(strings: readonly string[], rows: number): tf.Tensor {
  const buf = tf.buffer([strings.length, rows, CHARS.length]);
  strings.forEach((s, n) => [...s].forEach((c, i) => buf.set(1, n, i, CHARS.indexOf(c))));
  return buf.toTensor();
}

/** `count` distinct questions 'a+b' (padded to 2·digits + 1) and answers (padded to digits + 1). */
function questions(digits: number, count: number, seed: number): [string, string][] {
  const u = uniformSource(seed);
  const operand = (): number => Math.floor(u() * 10 ** digits);
  const seen = new Set<string>();
  const out: [string, string][] = [];
  while (out.length < count) {
    const a = operand();
    const b = operand();
    const q = `${a}+${b}`;
    if (seen.has(q)) continue;
    seen.add(q);
    out.push([q.padEnd(2 * digits + 1), String(a + b).padEnd(digits + 1)]);
  }
  return out;
}

function rnn(type: string, args: { units: number; recurrentInitializer: string; inputShape?: number[]; returnSequences?: boolean }): tf.Layer {
  if (type === 'SimpleRNN') return tf.layers.simpleRNN(args);
  if (type === 'GRU') return tf.layers.gru(args);
  return tf.layers.lstm(args);
}

async function additionRnn(type: string, iterations: number) {
  const digits = 2;
  const hidden = 32;
  const data = questions(digits, 1200, 7);
  const split = Math.floor(data.length * 0.9);
  const [train, test] = [data.slice(0, split), data.slice(split)];
  const xs = oneHot(train.map((d) => d[0]), 2 * digits + 1);
  const ys = oneHot(train.map((d) => d[1]), digits + 1);
  const testXs = oneHot(test.map((d) => d[0]), 2 * digits + 1);
  const testYs = oneHot(test.map((d) => d[1]), digits + 1);
  const model = tf.sequential();
  model.add(rnn(type, { units: hidden, recurrentInitializer: 'GlorotNormal', inputShape: [2 * digits + 1, CHARS.length] }));
  model.add(tf.layers.repeatVector({ n: digits + 1 }));
  model.add(rnn(type, { units: hidden, recurrentInitializer: 'GlorotNormal', returnSequences: true }));
  model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: CHARS.length }) }));
  model.add(tf.layers.activation({ activation: 'softmax' }));
  model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
  const valAcc: number[] = [];
  const losses: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const history = await model.fit(xs, ys, { epochs: 1, batchSize: 128, validationData: [testXs, testYs], verbose: 0 });
    losses.push(history.history['loss']?.[0] as number);
    valAcc.push(history.history['val_acc']?.[0] as number);
  }
  const decoded = (model.predict(testXs.slice([0, 0, 0], [4, -1, -1])) as tf.Tensor).argMax(2).arraySync() as number[][];
  return { losses, valAcc, weights: model.getWeights(), answers: decoded.map((row) => row.map((i) => CHARS[i]).join('')) };
}

describe('tfjs-examples addition-rnn: the sequence-to-sequence model, with the example\'s layer calls', () => {
  for (const type of ['SimpleRNN', 'GRU', 'LSTM']) {
    it(`${type}: per-character accuracy rises well above chance, bit-identically on rerun`, async () => {
      const first = await runFresh(() => additionRnn(type, 6));
      const second = await runFresh(() => additionRnn(type, 6));
      expect(first.losses.at(-1)!).toBeLessThan(first.losses[0]!);
      expect(first.valAcc.at(-1)!).toBeGreaterThan(0.3); // chance is 1/12 per character
      expect(first.answers).toHaveLength(4);
      expect(weightsFingerprint(second.weights)).toBe(weightsFingerprint(first.weights));
      expect(second.losses).toEqual(first.losses);
      expect(second.valAcc).toEqual(first.valAcc);
    }, 120_000);
  }
});
