import { describe, expect, it } from 'vitest';
import { layers, ready, sequential, setBackend, setRandomSeed, setThreads, tensor2d, tensor3d } from '../../src/node.js';
import type { Sequential } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';
import { bytesOf } from '../helpers/bits.js';

/**
 * End to end over native/math.c and native/recurrent.c: recurrent models large enough that the
 * wasm set runs every native cell (batch 64 × 32 units, above the size thresholds), and a dense
 * model whose sigmoid and tanh run through the native unary kernel, trained 3 steps on the
 * reference set and on wasm with 1 and 2 threads, end with identical weight bytes and losses.
 */
const BATCH = 64;
const STEPS = 3;

async function train(backend: BackendName, threads: number, make: () => Sequential, inputShape: number[]): Promise<{ bytes: string; loss: string }> {
  expect(setBackend(backend)).toBe(true);
  if (backend === 'wasm') setThreads(threads);
  await ready();
  setRandomSeed(5);
  const n = BATCH * STEPS;
  const size = inputShape.reduce((p, d) => p * d, 1);
  const x = Float32Array.from({ length: n * size }, (_, i) => ((i * 2654435761) % 9973) / 4986.5 - 1);
  const y = Float32Array.from({ length: n }, (_, i) => ((i * 40503) % 101) / 101);
  const model = make();
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const xs = inputShape.length === 2 ? tensor3d(x, [n, inputShape[0]!, inputShape[1]!]) : tensor2d(x, [n, size]);
  const history = await model.fit(xs, tensor2d(y, [n, 1]), { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  const bytes = Buffer.from(Uint8Array.from(model.getWeights().flatMap((w) => Array.from(bytesOf(w))))).toString('hex');
  return { bytes, loss: JSON.stringify(history.history['loss']) };
}

async function expectSameEverywhere(make: () => Sequential, inputShape: number[]): Promise<void> {
  const reference = await train('reference', 1, make, inputShape);
  const one = await train('wasm', 1, make, inputShape);
  const two = await train('wasm', 2, make, inputShape);
  setBackend('wasm');
  expect(one.bytes === reference.bytes, 'wasm, 1 thread: same weight bytes').toBe(true);
  expect(two.bytes === reference.bytes, 'wasm, 2 threads: same weight bytes').toBe(true);
  expect(one.loss).toBe(reference.loss);
  expect(two.loss).toBe(reference.loss);
  expect(reference.loss, 'finite losses').not.toContain('null');
}

describe('native σ, tanh and exp train to the same bits on every kernel set', () => {
  it('LSTM (32 units over 20×8, batch 64): 3 Adam steps', async () => {
    await expectSameEverywhere(() => sequential({ layers: [layers.lstm({ units: 32, inputShape: [20, 8] }), layers.dense({ units: 1 })] }), [20, 8]);
  }, 120_000);

  it('GRU, reset after and before the product, and SimpleRNN: 3 Adam steps', async () => {
    await expectSameEverywhere(() => sequential({ layers: [
      layers.gru({ units: 32, returnSequences: true, inputShape: [6, 8] }),
      layers.gru({ units: 32, resetAfter: false, returnSequences: true }),
      layers.simpleRNN({ units: 32 }),
      layers.dense({ units: 1 }),
    ] }), [6, 8]);
  }, 120_000);

  it('dense layers with sigmoid and tanh activations (the unary kernels): 3 Adam steps', async () => {
    await expectSameEverywhere(() => sequential({ layers: [
      layers.dense({ units: 64, activation: 'tanh', inputShape: [12] }),
      layers.dense({ units: 64, activation: 'sigmoid' }),
      layers.dense({ units: 1 }),
    ] }), [12]);
  }, 120_000);
});
