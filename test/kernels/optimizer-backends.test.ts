import { afterAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '../../src/index.js';
import { Adadelta, Adagrad, Adam, Adamax, AdamW, fingerprint, layers, Momentum, RMSProp, sequential, setBackend, setRandomSeed, SGD, tensor2d } from '../../src/index.js';

/**
 * The optimizer kernels end to end: training with each optimizer, with weight decay and each
 * kind of clipping, gives the same weight bytes on the reference and the wasm kernel sets
 * (variables of 1,400 and 70 elements run natively, the 3-element bias on the reference loop).
 */
const cases: [string, () => Optimizer][] = [
  ['SGD', () => new SGD({ learningRate: 0.1 })],
  ['SGD momentum, clipValue', () => new SGD({ learningRate: 0.1, momentum: 0.9, clipValue: 0.01 })],
  ['Momentum Nesterov, weight decay', () => new Momentum({ learningRate: 0.05, momentum: 0.8, useNesterov: true, weightDecay: 0.01 })],
  ['RMSProp', () => new RMSProp({ learningRate: 0.01 })],
  ['RMSProp momentum centered, clipNorm', () => new RMSProp({ learningRate: 0.01, momentum: 0.5, centered: true, clipNorm: 0.1 })],
  ['Adagrad, globalClipNorm', () => new Adagrad({ learningRate: 0.05, globalClipNorm: 0.2 })],
  ['Adadelta', () => new Adadelta({ learningRate: 1 })],
  ['Adamax, weight decay', () => new Adamax({ learningRate: 0.01, weightDecay: 0.004 })],
  ['AdamW AMSGrad, clipNorm', () => new AdamW({ learningRate: 0.01, amsgrad: true, clipNorm: 0.5 })],
  ['Adam', () => new Adam({ learningRate: 0.01 })],
];

async function trainedFingerprint(backend: 'reference' | 'wasm', optimizer: () => Optimizer): Promise<string> {
  expect(setBackend(backend)).toBe(true);
  setRandomSeed(11);
  const n = 64;
  const x = tensor2d(Float32Array.from({ length: n * 20 }, (_, i) => ((i * 2654435761) % 997) / 997 - 0.5), [n, 20]);
  const y = tensor2d(Float32Array.from({ length: n * 3 }, (_, i) => (i % 3 === (i / 3) % 3 ? 1 : 0)), [n, 3]);
  const model = sequential({ layers: [layers.dense({ units: 70, activation: 'tanh', inputShape: [20] }), layers.dense({ units: 3 })] });
  model.compile({ optimizer: optimizer(), loss: 'meanSquaredError' });
  await model.fit(x, y, { epochs: 3, batchSize: 16, shuffle: false, verbose: 0 });
  return fingerprint(model);
}

describe('optimizers train to the same bytes on the reference and wasm kernel sets', () => {
  afterAll(() => setBackend('wasm'));
  it.each(cases)('%s', async (_, optimizer) => {
    const reference = await trainedFingerprint('reference', optimizer);
    expect(await trainedFingerprint('wasm', optimizer)).toBe(reference);
  });
});
