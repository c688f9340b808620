import { describe, expect, it } from 'vitest';
import { layers, ready, sequential, setBackend, setRandomSeed, setThreads, tensor, tensor3d } from '../../src/node.js';
import type { Sequential } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';
import { bytesOf } from '../helpers/bits.js';

interface Run { bytes: string; loss: number[] }

/**
 * A short fit on `backend` with `threads`: the weight bytes (not `fingerprint(model)`, which
 * hashes weight names too, and each run's layers get new names) and the losses.
 */
async function train(backend: BackendName, threads: number, make: () => Sequential, shape: [number, number, number], yShape: number[]): Promise<Run> {
  expect(setBackend(backend)).toBe(true);
  if (backend === 'wasm') setThreads(threads);
  await ready();
  setRandomSeed(21);
  const [n, time, features] = shape;
  const x = Float32Array.from({ length: n * time * features }, (_, i) => ((i * 2654435761) % 9973) / 9973 - 0.5);
  // Zero the last timestep of every third sample so that the mask matters.
  for (let s = 0; s < n; s += 3) x.fill(0, (s * time + time - 1) * features, (s * time + time) * features);
  const y = Float32Array.from({ length: yShape.reduce((p, d) => p * d, 1) }, (_, i) => Math.sin(i));
  const model = make();
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const history = await model.fit(tensor3d(x, shape), tensor(y, yShape), { epochs: 2, batchSize: n / 2, verbose: 0 });
  const bytes = Buffer.from(Uint8Array.from(model.getWeights().flatMap((w) => Array.from(bytesOf(w))))).toString('hex');
  return { bytes, loss: history.history['loss'] as number[] };
}

async function expectSameEverywhere(run: (backend: BackendName, threads: number) => Promise<Run>): Promise<void> {
  const reference = await run('reference', 1);
  const one = await run('wasm', 1);
  const two = await run('wasm', 2);
  setBackend('wasm');
  expect(one.bytes === reference.bytes, 'wasm, 1 thread: same weight bytes').toBe(true);
  expect(two.bytes === reference.bytes, 'wasm, 2 threads: same weight bytes').toBe(true);
  expect(JSON.stringify(two.loss)).toBe(JSON.stringify(reference.loss));
  expect(reference.loss.every(Number.isFinite)).toBe(true);
}

describe('recurrent layers on every kernel set', () => {
  it('masking, bidirectional LSTM with dropout, GRU and timeDistributed(dense): same weight bytes and losses on reference and wasm with 1 and 2 threads', async () => {
    const make = (): Sequential => sequential({ layers: [
      layers.masking({ inputShape: [6, 5] }),
      layers.bidirectional({ layer: layers.lstm({ units: 24, returnSequences: true, dropout: 0.2, recurrentDropout: 0.2 }) }),
      layers.gru({ units: 16, returnSequences: true }),
      layers.timeDistributed({ layer: layers.dense({ units: 2 }) }),
    ] });
    await expectSameEverywhere((b, t) => train(b, t, make, [48, 6, 5], [48, 6, 2]));
  }, 120_000);

  it('an LSTM of 128 units at batch 64, large enough that the wasm set splits its products over threads: same bytes', async () => {
    const make = (): Sequential => sequential({ layers: [layers.lstm({ units: 128, inputShape: [4, 16], dropout: 0.1 }), layers.dense({ units: 1 })] });
    await expectSameEverywhere((b, t) => train(b, t, make, [128, 4, 16], [128, 1]));
  }, 120_000);
});
