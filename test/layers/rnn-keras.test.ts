import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigDict } from '../../src/initializers/initializer.js';
import { GRU, LSTM, layers } from '../../src/layers/index.js';
import type { RNNBase } from '../../src/layers/index.js';
import { Sequential } from '../../src/models/index.js';
import { tensor } from '../../src/ops/create.js';
import { train } from '../../src/optimizers/index.js';

/**
 * Keras 3 as the oracle where TF.js has no counterpart: GRU with resetAfter (Keras 3's default,
 * bias [2, 3·units]) and the Keras 3 defaults of LSTM (sigmoid gates). The fixture was computed
 * once by test/fixtures/keras-rnn/make_fixture.py with Keras 3.15.1 (TensorFlow backend): weights
 * and inputs from closed-form formulas, Keras's predictions and 3 epochs of full-batch SGD(0.1).
 * SameBits reads each layer from Keras's own get_config(), so the defaults come from the file.
 */

interface KerasCase { name: string; config: ConfigDict; weightShapes: number[][]; prediction: number[]; losses: number[] }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras-rnn/keras-rnn.json', import.meta.url), 'utf8')) as { N: number; T: number; F: number; cases: KerasCase[] };
const { N, T, F } = fixture;

/** The fixture's closed-form values: sin(a·i + b)/2 in float32, as make_fixture.py's `values`. */
function values(shape: readonly number[], a: number, b: number): Float32Array {
  return Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, (_, i) => Math.fround(Math.sin(a * i + b) * 0.5));
}

// NOTE: Math.sin only builds test inputs here; the values are rounded to float32 on both sides
// and agree with NumPy's to the last bit except in rare ties, far below the tolerances.
const TOLERANCE = 2e-6;

describe('recurrent layers against Keras 3 (fixture)', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: Keras's config loads, and predictions and 3 SGD losses agree within float32 tolerance`, async () => {
      const cls = c.name.startsWith('gru') ? GRU : LSTM;
      const rnn = cls.fromConfig(cls, { ...c.config, name: `${c.name}_rnn` }) as RNNBase;
      const outUnits = c.weightShapes[c.weightShapes.length - 1]?.[0] as number;
      const model = new Sequential({ layers: [layers.inputLayer({ inputShape: [T, F] }), rnn, layers.dense({ units: outUnits })] });
      expect(model.getWeights().map((w) => w.shape)).toEqual(c.weightShapes);
      model.setWeights(c.weightShapes.map((shape, k) => tensor(values(shape, 0.13 + 0.07 * k, 0.2 * k), shape)));
      const x = tensor(values([N, T, F], 0.37, 0.1), [N, T, F]);
      const prediction = Array.from(model.predict(x).values);
      prediction.forEach((v, i) => expect(Math.abs(v - (c.prediction[i] as number)), `prediction ${i}`).toBeLessThanOrEqual(TOLERANCE));
      model.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError' });
      const history = await model.fit(x, tensor(values([N, outUnits], 0.61, 1.3), [N, outUnits]), { epochs: 3, batchSize: N, shuffle: false, verbose: 0 });
      (history.history['loss'] as number[]).forEach((l, i) => expect(Math.abs(l - (c.losses[i] as number)) / (c.losses[i] as number), `loss of epoch ${i + 1}`).toBeLessThanOrEqual(TOLERANCE));
    });
  }
});
