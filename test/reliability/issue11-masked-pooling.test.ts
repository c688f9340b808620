import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getBackend, layers, ready, sequential, setBackend, setRandomSeed, setThreads, tensor, tensor3d } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { bytesOf } from '../helpers/bits.js';

/**
 * globalAveragePooling1d after Masking / embedding({ maskZero }) averages over the real steps
 * only, as Keras 3 does (TF.js ignores the mask, so padding dilutes the mean). Oracle values:
 * test/fixtures/keras-masked-pooling, made by its make_fixture.py with Keras 3.15.1.
 */

interface Fixture { x: number[]; x_shape: [number, number, number]; cases: { keepdims: boolean; shape: number[]; y: (number | null)[] }[] }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras-masked-pooling/masked-gap1d.json', import.meta.url), 'utf8')) as Fixture;

describe('globalAveragePooling1d with a mask (Keras 3)', () => {
  it.each(fixture.cases)('agrees with Keras 3, keepdims $keepdims, except that an all-padded sample gives 0 (Keras: 0/0 = NaN)', (c) => {
    const model = sequential({ layers: [layers.masking({ inputShape: [5, 3] }), layers.globalAveragePooling1d({ keepdims: c.keepdims })] });
    const y = model.predict(tensor3d(Float32Array.from(fixture.x), fixture.x_shape)) as Tensor;
    expect(y.shape).toEqual(c.shape);
    const got = Array.from(y.dataSync());
    expect(got).toHaveLength(c.y.length); // every element is compared below
    c.y.forEach((want, i) => {
      if (want === null) expect(got[i], `element ${i}`).toBe(0);
      else expect(Math.abs((got[i] as number) - want), `element ${i}`).toBeLessThanOrEqual(1e-7);
    });
  });

  it('the fixture holds both cases (keepdims false and true), so the test above runs for each', () => {
    expect(fixture.cases.map((c) => c.keepdims)).toEqual([false, true]);
  });

  it('the masked mean does not depend on the batch size predict uses (law 2)', () => {
    const x = tensor3d(Float32Array.from(fixture.x), fixture.x_shape);
    const model = sequential({ layers: [layers.masking({ inputShape: [5, 3] }), layers.globalAveragePooling1d()] });
    expect(bytesOf(model.predict(x, { batchSize: 1 }) as Tensor)).toEqual(bytesOf(model.predict(x, { batchSize: 4 }) as Tensor));
  });

  it('embedding(maskZero) → globalAveragePooling1d: padding ids do not dilute the mean, and it trains with an all-padding row', async () => {
    const model = sequential({ layers: [layers.embedding({ inputDim: 6, outputDim: 2, maskZero: true, inputLength: 4, embeddingsInitializer: 'ones' }), layers.globalAveragePooling1d(), layers.dense({ units: 1 })] });
    const ids = tensor([[1, 2, 0, 0], [3, 0, 0, 0], [0, 0, 0, 0]], [3, 4], 'int32');
    // Row 0 (the padding id) is 9s, every other row 1s: the unmasked mean would be 5 and 7.
    model.layers[0]!.setWeights([tensor([[9, 9], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1]])]);
    const pooled = sequential({ layers: [model.layers[0]!, model.layers[1]!] }).predict(ids) as Tensor;
    expect(Array.from(pooled.dataSync())).toEqual([1, 1, 1, 1, 0, 0]);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    // The all-padding row (an empty text) keeps the loss finite (Keras: NaN from then on).
    const history = await model.fit(ids, tensor([[1], [0], [0.5]]), { epochs: 2, batchSize: 3, verbose: 0 });
    expect((history.history['loss'] as number[]).every(Number.isFinite)).toBe(true);
  });

  it('training through the masked mean gives the same bytes with the reference and wasm kernels, 1 and 2 threads', async () => {
    const ids = tensor(Array.from({ length: 32 * 9 }, (_, i) => ((i * 7919) % 13 < 5 ? 0 : (i * 31) % 50)), [32, 9], 'int32');
    const runs: string[] = [];
    const before = getBackend();
    try {
      for (const [backend, threads] of [['reference', 1], ['wasm', 1], ['wasm', 2]] as const) {
        expect(setBackend(backend)).toBe(true);
        if (backend === 'wasm') setThreads(threads);
        await ready();
        setRandomSeed(5);
        const model = sequential({ layers: [layers.embedding({ inputDim: 50, outputDim: 8, maskZero: true, inputLength: 9 }), layers.globalAveragePooling1d(), layers.dense({ units: 1 })] });
        model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
        await model.fit(ids, tensor(Array.from({ length: 32 }, (_, i) => Math.sin(i)), [32, 1]), { epochs: 2, batchSize: 8, verbose: 0 });
        runs.push(Buffer.from(bytesOf(model.predict(ids) as Tensor)).toString('hex') + model.getWeights().map((w) => Buffer.from(bytesOf(w)).toString('hex')).join(''));
      }
    } finally {
      setBackend(before);
    }
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
  });
});
