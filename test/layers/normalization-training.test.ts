import { afterAll, describe, expect, it } from 'vitest';
import { BackupAndRestore, checkpointFiles } from '../../src/io/checkpoint.js';
import { CustomCallback, constraints, fingerprint, layers, ready, regularizers, sequential, setBackend, setRandomSeed, setThreads, tensor2d } from '../../src/node.js';
import type { History, Sequential, Tensor } from '../../src/node.js';
import { freshDir, removeDirs } from '../checkpoint/tiny-run.js';

/**
 * A small fit through every piece of issue 11: batch and layer normalization, the noise layers,
 * regularizers (weight and activity) and a constraint.
 */
function model(inputs = 40, hidden = 48): Sequential {
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

function data(n: number, inputs: number): { x: Tensor; y: Tensor } {
  return {
    x: tensor2d(Float32Array.from({ length: n * inputs }, (_, i) => ((i * 2654435761) % 9973) / 9973 - 0.5), [n, inputs]),
    y: tensor2d(Float32Array.from({ length: n * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)), [n, 3]),
  };
}
const small = data(96, 40);

async function train(callbacks: CustomCallback[] | BackupAndRestore[] = [], m = model(), d = small, batchSize = 16): Promise<{ print: string; history: History }> {
  const history = await m.fit(d.x, d.y, { epochs: 3, batchSize, verbose: 0, callbacks });
  return { print: fingerprint(m), history };
}

afterAll(() => {
  removeDirs();
  setBackend('wasm');
});

describe('training with normalization, noise, regularizers and constraints', () => {
  // 64 × 256 × 256 products: past the wasm set's threading threshold (2^22 multiply-adds).
  it('gives the same weight bytes (moving statistics included) and history on reference and on wasm with 1 and 2 threads', async () => {
    const big = data(128, 256);
    const run = (): Promise<{ print: string; history: History }> => train([], model(256, 256), big, 64);
    setBackend('reference');
    const reference = await run();
    for (const threads of [1, 2]) {
      setBackend('wasm');
      setThreads(threads);
      await ready();
      const wasm = await run();
      expect(wasm.print, `wasm, ${threads} thread(s)`).toBe(reference.print);
      expect(JSON.stringify(wasm.history.history)).toBe(JSON.stringify(reference.history.history));
    }
  });

  it('resumed from a checkpoint after step 7 ends with the bits and history of the uninterrupted run', async () => {
    const straight = await train();
    const dir = freshDir();
    const first = model();
    let steps = 0;
    const stop = new CustomCallback({ onBatchEnd: () => { if (++steps === 7) first.stopTraining = true; } });
    await train([new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), stop] as never, first);
    expect((await checkpointFiles(dir)).length).toBeGreaterThan(0);
    let resumedSteps = 0;
    const count = new CustomCallback({ onBatchEnd: () => { resumedSteps++; } });
    const resumed = await train([new BackupAndRestore({ backupDir: dir, saveFreq: 1 }), count] as never);
    expect(resumedSteps).toBe(3 * 6 - 7);
    expect(resumed.print).toBe(straight.print);
    expect(resumed.history.history).toEqual(straight.history.history);
  });

  it('moves the moving statistics away from their initial values during fit', async () => {
    const m = model();
    await train([], m);
    const movingMean = m.layers[1]!.getWeights()[2] as Tensor;
    expect(Array.from(movingMean.values).some((v) => v !== 0)).toBe(true);
  });
});
