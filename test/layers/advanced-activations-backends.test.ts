import { afterAll, describe, expect, it } from 'vitest';
import { layers, ready, sequential, setBackend, setRandomSeed, setThreads, tensor2d } from '../../src/node.js';
import type { Sequential } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';
import { bytesOf } from '../helpers/bits.js';

interface Run { bytes: string; loss: number[]; output: string }

/** Every advanced activation layer in one classifier; products of 128 × 256 × 256 reach the wasm set's threads. */
function model(): Sequential {
  return sequential({ layers: [
    layers.dense({ units: 256, inputShape: [32] }),
    layers.prelu({ alphaInitializer: 'randomUniform' }),
    layers.dense({ units: 256 }),
    layers.leakyReLU(),
    layers.dense({ units: 128 }),
    layers.elu({ alpha: 0.5 }),
    layers.dense({ units: 64 }),
    layers.reLU({ maxValue: 1.5, negativeSlope: 0.1, threshold: 0.05 }),
    layers.dense({ units: 32 }),
    layers.thresholdedReLU({ theta: 0.1 }),
    layers.dense({ units: 10 }),
    layers.softmax(),
  ] });
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

async function train(backend: BackendName, threads: number): Promise<Run> {
  expect(setBackend(backend)).toBe(true);
  if (backend === 'wasm') setThreads(threads);
  await ready();
  setRandomSeed(5);
  const n = 256;
  const x = Float32Array.from({ length: n * 32 }, (_, i) => ((i * 2654435761) % 9973) / 4986.5 - 1);
  const y = Float32Array.from({ length: n * 10 }, (_, i) => (i % 10 === (Math.floor(i / 10) * 7) % 10 ? 1 : 0));
  const m = model();
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const history = await m.fit(tensor2d(x, [n, 32]), tensor2d(y, [n, 10]), { epochs: 2, batchSize: 128, verbose: 0 });
  // Special values through each trained activation layer: NaN, ±Infinity, −0, huge and tiny inputs.
  const special = [NaN, Infinity, -Infinity, -0, 0, 3e38, -3e38, 1e-40, -1e-40, 88.7, -88.7, 1, 0.1, 0.05];
  const outputs = m.layers.filter((_, i) => i % 2 === 1).map((layer) => {
    const width = layer.weights[0]?.shape[0] ?? 10;
    const probe = tensor2d(Float32Array.from({ length: 3 * width }, (_, i) => special[(i * 5) % special.length] as number), [3, width]);
    return hex(bytesOf(layer.apply(probe)));
  });
  return { bytes: hex(Uint8Array.from(m.getWeights().flatMap((w) => Array.from(bytesOf(w))))), loss: history.history['loss'] as number[], output: outputs.join('/') };
}

afterAll(() => { setBackend('wasm'); });

describe('advanced activation layers on every kernel set', () => {
  it('prelu, leakyReLU, elu, reLU, thresholdedReLU and softmax in training: same weight bytes, losses and outputs (special values too) on reference and wasm with 1 and 2 threads', async () => {
    const reference = await train('reference', 1);
    const one = await train('wasm', 1);
    const two = await train('wasm', 2);
    expect(one.bytes === reference.bytes, 'wasm, 1 thread: same weight bytes').toBe(true);
    expect(two.bytes === reference.bytes, 'wasm, 2 threads: same weight bytes').toBe(true);
    expect(JSON.stringify(one.loss)).toBe(JSON.stringify(reference.loss));
    expect(JSON.stringify(two.loss)).toBe(JSON.stringify(reference.loss));
    expect(reference.output.split('/'), 'one probe output per activation layer').toHaveLength(6);
    expect([one.output, two.output]).toEqual([reference.output, reference.output]);
    expect(reference.loss.every(Number.isFinite)).toBe(true);
    expect(reference.loss[1]).toBeLessThan(reference.loss[0] as number);
  }, 120_000);
});
