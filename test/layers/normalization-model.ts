import { constraints, layers, regularizers, sequential, setRandomSeed, tensor2d } from '../../src/node.js';
import type { CallbackHooks, History, Sequential, Tensor } from '../../src/node.js';

/**
 * A small model through every piece of issue 11: batch and layer normalization, the noise
 * layers, regularizers (weight and activity) and a constraint; compiled with Adam.
 */
export function normalizationModel(inputs = 40, hidden = 48): Sequential {
  setRandomSeed(17);
  const m = sequential({ layers: [
    layers.dense({ units: hidden, inputShape: [inputs], kernelRegularizer: regularizers.l2({ l2: 1e-3 }), activityRegularizer: regularizers.l1({ l1: 1e-4 }), kernelConstraint: constraints.maxNorm({ maxValue: 2 }) }),
    layers.batchNormalization(),
    layers.gaussianNoise({ stddev: 0.1 }),
    layers.activation({ activation: 'relu' }),
    layers.layerNormalization(),
    layers.gaussianDropout({ rate: 0.1 }),
    layers.alphaDropout({ rate: 0.1 }),
    layers.dense({ units: 3, activation: 'softmax', biasRegularizer: regularizers.l1l2() }),
  ] });
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return m;
}

/** `n` rows of `inputs` features from a fixed formula, and one-hot labels of 3 classes. */
export function normalizationData(n: number, inputs: number): { x: Tensor; y: Tensor } {
  return {
    x: tensor2d(Float32Array.from({ length: n * inputs }, (_, i) => ((i * 2654435761) % 9973) / 9973 - 0.5), [n, inputs]),
    y: tensor2d(Float32Array.from({ length: n * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)), [n, 3]),
  };
}

/** Fits a fresh model for 3 epochs (shuffled by the seed); returns it with its History. */
export async function fitNormalizationModel(inputs: number, hidden: number, rows: number, batchSize: number, callbacks: CallbackHooks[] = [], model = normalizationModel(inputs, hidden)): Promise<{ model: Sequential; history: History }> {
  const d = normalizationData(rows, inputs);
  const history = await model.fit(d.x, d.y, { epochs: 3, batchSize, verbose: 0, callbacks });
  return { model, history };
}
