import { describe, expect, it, vi } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import type { Sequential } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { ones, tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

/** A fresh copy of the library, so automatic names start from `dense` and `sequential`. */
async function freshLibrary(): Promise<typeof import('../../src/node.js')> {
  vi.resetModules();
  return import('../../src/node.js');
}

function mlp(seed = 1): Sequential {
  setRandomSeed(seed);
  return sequential({ layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [5] }), layers.dense({ units: 3, activation: 'softmax' })] });
}

describe('Sequential structure', () => {
  it('builds every layer as soon as the first layer declares its input shape', () => {
    const model = mlp();
    expect(model.built).toBe(true);
    expect(model.inputShape).toEqual([null, 5]);
    expect(model.outputShape).toEqual([null, 3]);
    expect(model.weights.map((v) => v.shape)).toEqual([[5, 8], [8], [8, 3], [3]]);
    expect(model.countParams()).toBe(5 * 8 + 8 + 8 * 3 + 3);
  });

  it('builds on the first predict when no layer declares an input shape', () => {
    const model = sequential();
    model.add(layers.dense({ units: 2 }));
    expect(model.built).toBe(false);
    expect(model.predict(ones([4, 6])).shape).toEqual([4, 2]);
    expect(model.inputShape).toEqual([null, 6]);
  });

  it('takes its input shape from a leading inputLayer, which is not listed as a layer', () => {
    const model = sequential({ layers: [layers.inputLayer({ inputShape: [3] }), layers.dense({ units: 2 })] });
    expect(model.layers.map((l) => l.className)).toEqual(['Dense']);
    expect(model.outputShape).toEqual([null, 2]);
  });

  it('getLayer finds a layer by name or by index', () => {
    const model = sequential({ layers: [layers.dense({ units: 2, inputShape: [3], name: 'first' }), layers.dense({ units: 1, name: 'second' })] });
    expect(model.getLayer('second').name).toBe('second');
    expect(model.getLayer(undefined, 0).name).toBe('first');
  });

  it('gives the layers of one structure the same initial weights under the same seed, whatever their names', () => {
    const a = mlp(9);
    const b = mlp(9);
    expect(b.layers[0]?.name).not.toBe(a.layers[0]?.name);
    a.weights.forEach((v, i) => expectSameBits(b.weights[i]?.values ?? [], v.values, v.name));
    const c = mlp(10);
    expect(Array.from(c.weights[0]?.values ?? [])).not.toEqual(Array.from(a.weights[0]?.values ?? []));
  });
});

describe('automatic model and layer names', () => {
  it('are sequential, dense, dense_1 … in a fresh program, and the same in every run', async () => {
    const names = async (): Promise<string[]> => {
      const lib = await freshLibrary();
      const model = lib.sequential({ layers: [lib.layers.dense({ units: 3, inputShape: [4] }), lib.layers.dense({ units: 1 })] });
      const second = lib.sequential({ layers: [lib.layers.dense({ units: 1, inputShape: [2] })] });
      return [model.name, ...model.layers.map((l) => l.name), second.name, ...second.layers.map((l) => l.name)];
    };
    const first = await names();
    expect(first).toEqual(['sequential', 'dense', 'dense_1', 'sequential_1', 'dense_2']);
    expect(await names()).toEqual(first);
  });
});

describe('Sequential summary', () => {
  it('prints the Keras 3 table: header, one row per layer, parameter totals with their size', () => {
    // The names Keras gives in a fresh program (see the automatic names test).
    const model = sequential({ name: 'sequential', layers: [layers.dense({ units: 3, inputShape: [4], name: 'dense' }), layers.dense({ units: 1, name: 'dense_1' })] });
    const lines: string[] = [];
    model.summary(undefined, undefined, (line) => lines.push(line));
    // The table as Keras 3 renders it: rich 15.0.0 given the Table of keras/src/utils/summary_utils.py
    // print_summary (column widths from positions 0.45 / 0.80 / 1.0 of 88, show_lines, HEAVY_HEAD box).
    expect(lines.slice(0, 8)).toEqual([
      'Model: "sequential"',
      '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓',
      '┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃',
      '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩',
      '│ dense (Dense)                        │ (None, 3)                   │              15 │',
      '├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤',
      '│ dense_1 (Dense)                      │ (None, 1)                   │               4 │',
      '└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘',
    ]);
    expect(lines.slice(8)).toEqual([' Total params: 19 (76.00 B)', ' Trainable params: 19 (76.00 B)', ' Non-trainable params: 0 (0.00 B)']);
  });

  it('makes the table lineLength wide', () => {
    const model = sequential({ layers: [layers.dense({ units: 3, inputShape: [4] })] });
    const lines: string[] = [];
    model.summary(60, undefined, (line) => lines.push(line));
    for (const line of lines.slice(1, 6)) expect([...line].length, line).toBe(60);
  });

  it('counts frozen layers as non-trainable, with thousands separators', () => {
    const model = sequential({ layers: [layers.dense({ units: 100, inputShape: [20] }), layers.dense({ units: 10, trainable: false })] });
    const lines: string[] = [];
    model.summary(undefined, undefined, (line) => lines.push(line));
    expect(lines.slice(-3)).toEqual([' Total params: 3,110 (12.15 KB)', ' Trainable params: 2,100 (8.20 KB)', ' Non-trainable params: 1,010 (3.95 KB)']);
  });
});

describe('predict', () => {
  const x = randomTensor(xorshift(5), [1000, 5]);

  it('gives the same bits for batch sizes 1, 3, 32 and 1000', () => {
    const model = mlp();
    const reference = model.predict(x, { batchSize: 1000 });
    expect(reference.shape).toEqual([1000, 3]);
    for (const batchSize of [1, 3, 32]) expectSameBits(model.predict(x, { batchSize }).values, reference.values, `batchSize ${batchSize}`);
  });

  it('predictOnBatch gives the same bits as predict', () => {
    const model = mlp();
    const small = randomTensor(xorshift(6), [7, 5]);
    expectSameBits(model.predictOnBatch(small).values, model.predict(small).values);
  });

  it('model.apply gives the same bits as predict', () => {
    const model = mlp();
    const small = randomTensor(xorshift(20), [9, 5]);
    expectSameBits(model.apply(small).values, model.predict(small, { batchSize: 4 }).values);
  });

  it('accepts nested arrays as well as tensors', () => {
    const model = mlp();
    const rows = [[0.5, -1, 2, 0, 1], [1, 1, 1, 1, 1]];
    expectSameBits(model.predict(rows).values, model.predict(tensor2d(rows)).values);
  });
});

describe('evaluate', () => {
  it('gives the same loss bits for batch sizes 1, 7 and 32', () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const x = randomTensor(xorshift(7), [50, 5]);
    const y = model.predict(randomTensor(xorshift(8), [50, 5]));
    const losses = [1, 7, 32].map((batchSize) => (model.evaluate(x, y, { batchSize }) as Tensor).values);
    expectSameBits(losses[1] ?? [], losses[0] ?? [], 'batchSize 7');
    expectSameBits(losses[2] ?? [], losses[0] ?? [], 'batchSize 32');
  });

  it('returns [loss, ...metrics] when metrics are compiled, each batch-size independent', () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mae'] });
    const x = randomTensor(xorshift(9), [40, 5]);
    const y = randomTensor(xorshift(10), [40, 3]);
    const [loss, mae] = model.evaluate(x, y, { batchSize: 40 }) as Tensor[];
    const [loss3, mae3] = model.evaluate(x, y, { batchSize: 3 }) as Tensor[];
    expectSameBits(loss3?.values ?? [], loss?.values ?? [], 'loss');
    expectSameBits(mae3?.values ?? [], mae?.values ?? [], 'mae');
  });
});

describe('weights', () => {
  it('getWeights and setWeights carry a model into another of the same structure, bit for bit', () => {
    const a = mlp(1);
    const b = mlp(2);
    const x = randomTensor(xorshift(11), [6, 5]);
    b.setWeights(a.getWeights());
    expectSameBits(b.predict(x).values, a.predict(x).values);
  });

  it('setWeights refuses the wrong number of tensors, naming the model and both counts', () => {
    const model = mlp();
    expect(() => model.setWeights(model.getWeights().slice(1))).toThrow(`${model.name}.setWeights: expected 4 tensors, received 3`);
  });

  it('trainable = false freezes every weight during fit', async () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    model.trainable = false;
    const before = model.getWeights();
    await model.fit(randomTensor(xorshift(12), [8, 5]), randomTensor(xorshift(13), [8, 3]), { epochs: 2, verbose: 0 });
    model.getWeights().forEach((w, i) => expectSameBits(w.values, before[i]?.values ?? [], `weight ${i}`));
    expect(model.trainableWeights).toEqual([]);
  });

  it('a frozen layer keeps its weights while the others train', async () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    (model.layers[0] as NonNullable<(typeof model.layers)[0]>).trainable = false;
    const before = model.getWeights();
    await model.fit(randomTensor(xorshift(14), [8, 5]), randomTensor(xorshift(15), [8, 3]), { verbose: 0 });
    const after = model.getWeights();
    expectSameBits(after[0]?.values ?? [], before[0]?.values ?? [], 'frozen kernel');
    expect(Array.from(after[2]?.values ?? [])).not.toEqual(Array.from(before[2]?.values ?? []));
  });
});

describe('trainOnBatch', () => {
  it('returns the loss before the update (the evaluate loss) and changes the weights', async () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = randomTensor(xorshift(16), [10, 5]);
    const y = randomTensor(xorshift(17), [10, 3]);
    const before = (model.evaluate(x, y) as Tensor).values[0] as number;
    const loss = await model.trainOnBatch(x, y);
    expect(Object.is(loss, before)).toBe(true);
    const after = (model.evaluate(x, y) as Tensor).values[0] as number;
    expect(after).toBeLessThan(before);
  });

  it('returns [loss, ...metrics] when metrics are compiled', async () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mse'] });
    const result = await model.trainOnBatch(randomTensor(xorshift(18), [4, 5]), randomTensor(xorshift(19), [4, 3]));
    expect(Array.isArray(result) && result.length).toBe(2);
  });
});
