import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { callbacks, constraints, data, datasets, layers, regularizers, sequential, setRandomSeed, tensor1d } from '../../src/node.js';
import type { Sequential, Tensor } from '../../src/node.js';
import type { CSVConfig } from '../../src/node.js';
import { bytesOf } from '../helpers/bits.js';
import { useTfjsCpu } from '../peer/harness.js';

// Found by probing issue 11's data module as a TF.js user would use it.

describe('data.csv ported from TF.js', () => {
  beforeAll(useTfjsCpu);

  it('columnNames() gives TF.js CSVDataset.columnNames() (the tf.data.csv doc example counts features with it)', async () => {
    const text = 'crim,zn,"a, b",medv\n1,2,3,4\n5,6,7,8\n';
    const configs: CSVConfig[] = [
      { columnConfigs: { medv: { isLabel: true } } },
      {},
      { hasHeader: false, columnNames: ['p', 'q', 'r', 's'] },
      { columnNames: ['p', 'q', 'r', 's'] },
      { columnConfigs: { zn: {}, medv: { isLabel: true } }, configuredColumnsOnly: true },
    ];
    const url = `data:text/csv,${encodeURIComponent(text)}`;
    for (const config of configs) {
      const peer = await tf.data.csv(url, config as Parameters<typeof tf.data.csv>[1]).columnNames();
      expect(await data.csv({ text }, config).columnNames()).toEqual(peer);
    }
  });
});

function tiny(): Sequential {
  setRandomSeed(1);
  const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  return m;
}

describe('fitDataset and evaluateDataset with non-finite data', () => {
  const rows = data.array([{ xs: [1, 2], ys: [1] }, { xs: [Infinity, 0], ys: [0] }]).batch(2);

  it('refuse it naming the row and column, and the option they point to exists: allowNonFinite: true trains on it', async () => {
    await expect(tiny().fitDataset(rows, { epochs: 1, verbose: 0 })).rejects.toThrow("the dataset's xs has Infinity at row 1, column 0; expected finite numbers (pass allowNonFinite: true");
    const warn = console.warn;
    console.warn = () => {};
    try {
      const history = await tiny().fitDataset(rows, { epochs: 1, verbose: 0, allowNonFinite: true, validationData: rows });
      expect(history.epoch).toEqual([0]);
      expect(Number.isNaN(history.history['loss']?.[0]) || history.history['loss']?.[0] === Infinity).toBe(true);
    } finally {
      console.warn = warn;
    }
    await expect(tiny().evaluateDataset(rows)).rejects.toThrow('pass allowNonFinite: true');
    // It evaluates rather than refuses: a loss over the row with Infinity, itself not finite.
    const loss = (await tiny().evaluateDataset(rows, { allowNonFinite: true })) as Tensor;
    expect(loss.shape).toEqual([]);
    expect(Number.isFinite(loss.values[0])).toBe(false);
  });
});

describe('bad option types: the message quotes a string as a string', () => {
  it('fitDataset, Dataset methods, callbacks and datasets say "2", not 2, when given the string', async () => {
    const ds = data.array([{ xs: [1, 2], ys: [1] }]).batch(1);
    await expect(tiny().fitDataset(ds, { epochs: '2' as unknown as number })).rejects.toThrow('Received: epochs="2"');
    expect(() => data.array([1, 2]).batch('32' as unknown as number)).toThrow('Received: batchSize="32"');
    // a string 'false' was truthy: the last small batch kept, every pass reshuffled
    expect(() => data.array([1, 2]).batch(2, 'false' as unknown as boolean)).toThrow('Dataset.batch: smallLastBatch must be true or false. Received: smallLastBatch="false"');
    expect(() => data.array([1, 2]).shuffle(2, 1, 0 as unknown as boolean)).toThrow('Dataset.shuffle: reshuffleEachIteration must be true or false. Received: reshuffleEachIteration=0');
    expect(() => callbacks.earlyStopping({ patience: '3' as unknown as number })).toThrow('Received: patience="3"');
    expect(() => layers.batchNormalization({ epsilon: '1e-3' as unknown as number })).toThrow('Received: epsilon="1e-3"');
    expect(() => datasets.xor({ n: '8' as unknown as number })).toThrow('Received: n="8"');
  });

  it('datasets.digits refuses options of the wrong type instead of reading them as truthy', () => {
    expect(() => datasets.digits({ scale: 'no' as unknown as boolean })).toThrow('datasets.digits: scale must be true or false. Received: scale="no"');
    expect(() => datasets.digits({ oneHot: 1 as unknown as boolean })).toThrow('datasets.digits: oneHot must be true or false. Received: oneHot=1');
  });

  it('datasets.timeSeries says a period must be > 0 (not "≥ 5e-324")', () => {
    expect(() => datasets.timeSeries({ period: 0 })).toThrow('datasets.timeSeries: period must be a finite number > 0. Received: period=0');
  });
});

describe('a dataset without .batch(n)', () => {
  it('is named as unbatched, with the fix, rather than as a row-count or shape mismatch', async () => {
    const unbatched = data.array([{ xs: [1, 2], ys: [1] }, { xs: [3, 4], ys: [0] }]);
    await expect(tiny().fitDataset(unbatched, { epochs: 1, verbose: 0 })).rejects.toThrow("the dataset's xs has shape [2], the shape of one sample of");
    await expect(tiny().fitDataset(unbatched, { epochs: 1, verbose: 0 })).rejects.toThrow('call .batch(batchSize) on the dataset');
    await expect(tiny().evaluateDataset(data.array([{ xs: [1, 2], ys: [1, 0] }]))).rejects.toThrow('look unbatched');
    const batched = await tiny().fitDataset(unbatched.batch(1), { epochs: 1, verbose: 0 });
    expect(batched.epoch).toEqual([0]);
    expect((batched.history['loss'] as number[]).every(Number.isFinite)).toBe(true);
  });
});

describe('endless validation and evaluation datasets', () => {
  it('are refused up front, naming the option that bounds them, as an endless training dataset is (they ran forever)', async () => {
    const ds = data.array([{ xs: [1, 2], ys: [1] }]).batch(1);
    await expect(tiny().fitDataset(ds, { epochs: 1, verbose: 0, validationData: ds.repeat() })).rejects.toThrow('validationData is endless (size Infinity), so validation would never end; give validationBatches');
    await expect(tiny().evaluateDataset(ds.repeat())).rejects.toThrow('the dataset is endless (size Infinity), so the evaluation would never end; give batches');
    const history = await tiny().fitDataset(ds, { epochs: 1, verbose: 0, validationData: ds.repeat(), validationBatches: 3 });
    expect(history.history['val_loss']).toHaveLength(1);
    // Two batches of the same one row: the mean of two equal losses is that loss, bit for bit.
    const m = tiny();
    const bounded = (await m.evaluateDataset(ds.repeat(), { batches: 2 })) as Tensor;
    expect(Array.from(bytesOf(bounded))).toEqual(Array.from(bytesOf((await m.evaluateDataset(ds)) as Tensor)));
  });
});

describe('batching tensors of mixed dtypes', () => {
  beforeAll(useTfjsCpu);

  it('is refused as TF.js refuses it, naming the row and the dtypes (it blamed equal shapes)', async () => {
    await expect(tf.data.array([tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3.5, 4])]).batch(2).toArray()).rejects.toThrow('dtypes');
    await expect(data.array([tensor1d([1, 2], 'int32'), tensor1d([3.5, 4])]).batch(2).toArray()).rejects.toThrow('batch: element of row 1 is a tensor of dtype float32; expected int32 like row 0');
    await expect(data.array([{ xs: tensor1d([1], 'bool') }, { xs: tensor1d([1], 'int32') }]).batch(2).toArray()).rejects.toThrow('batch: element.xs of row 1 is a tensor of dtype int32; expected bool like row 0');
  });
});

describe('options given Keras-style (a positional value, a snake_case key)', () => {
  it('are refused with the fix instead of being ignored for the default (l2(1e-4) gave 0.01, maxNorm(3) gave 2)', () => {
    expect(() => regularizers.l2(1e-4 as never)).toThrow('regularizers.l2: expected an options object {l2}. Received: 0.0001; write regularizers.l2({ l2: 0.0001 })');
    expect(() => regularizers.l1(0.5 as never)).toThrow('regularizers.l1: expected an options object {l1}');
    expect(() => regularizers.l2({ l1: 0.5 } as never)).toThrow("regularizers.l2: unknown option 'l1'; expected one of l2");
    expect(() => constraints.maxNorm(3 as never)).toThrow('MaxNorm: expected an options object {maxValue, axis}. Received: 3; write MaxNorm({ maxValue: 3 })');
    expect(() => constraints.maxNorm({ max_value: 3 } as never)).toThrow("MaxNorm: unknown option 'max_value'; expected one of maxValue, axis");
    expect(() => constraints.minMaxNorm({ min_value: 1 } as never)).toThrow("MinMaxNorm: unknown option 'min_value'");
    expect(() => constraints.unitNorm(1 as never)).toThrow('UnitNorm: expected an options object {axis}');
    expect(() => callbacks.earlyStopping('val_loss' as never)).toThrow('earlyStopping: expected an options object');
    expect(() => callbacks.earlyStopping({ monitor: 'val_loss', patiance: 3 } as never)).toThrow("earlyStopping: unknown option 'patiance'");
    expect(() => callbacks.reduceLROnPlateau({ min_lr: 1e-5 } as never)).toThrow("reduceLROnPlateau: unknown option 'min_lr'; expected one of monitor, factor, patience, verbose, mode, minDelta, cooldown, minLR");
    expect(() => datasets.xor(100 as never)).toThrow('datasets.xor: expected an options object {n, noise, seed}. Received: 100; write datasets.xor({ n: 100 })');
    expect(() => datasets.digits(true as never)).toThrow('datasets.digits: expected an options object {scale, oneHot}');
    expect(() => datasets.timeSeries({ steps: 10 } as never)).toThrow("datasets.timeSeries: unknown option 'steps'");
  });

  it('still load from model files written by TF.js and Keras (their configs are read key by key)', () => {
    const a = layers.dense({ units: 2, kernelRegularizer: { class_name: 'L2', config: { l2: 0.001 } } as never, kernelConstraint: { class_name: 'MaxNorm', config: { max_value: 3, axis: 0 } } as never });
    expect(a.getConfig()['kernel_regularizer']).toMatchObject({ config: { l1: 0, l2: 0.001 } });
    expect(a.getConfig()['kernel_constraint']).toMatchObject({ config: { axis: 0 } });
    expect(JSON.stringify(a.getConfig()['kernel_constraint'])).toMatch(/"max_?[vV]alue":3/);
  });
});

describe("fit's options given to fitDataset", () => {
  it('are refused with what to do on the dataset (TF.js ignores them: shuffle: true trained unshuffled)', async () => {
    const ds = data.array([{ xs: [1, 2], ys: [1] }]).batch(1);
    const opts = (extra: Record<string, unknown>) => ({ epochs: 1, verbose: 0 as const, ...extra });
    await expect(tiny().fitDataset(ds, opts({ shuffle: true }))).rejects.toThrow('shuffle is an option of fit, not of fitDataset; shuffle the dataset: dataset.shuffle(bufferSize, seed) before batch');
    await expect(tiny().fitDataset(ds, opts({ batchSize: 32 }))).rejects.toThrow('batchSize is an option of fit, not of fitDataset; batch the dataset: dataset.batch(batchSize)');
    await expect(tiny().fitDataset(ds, opts({ stepsPerEpoch: 3 }))).rejects.toThrow('give batchesPerEpoch');
    // yieldEvery is an option fitDataset has, so it trains.
    const trained = await tiny().fitDataset(ds, opts({ yieldEvery: 'epoch' }));
    expect(trained.epoch).toEqual([0]);
    expect(trained.history['loss']).toHaveLength(1);
  });
});

describe('fitDataset option errors name fitDataset and what was received', () => {
  const ds = data.array([{ xs: [1, 2], ys: [1] }]).batch(1);

  it('validationData that is neither a Dataset nor [x, y] is said so (it was "x is undefined")', async () => {
    await expect(tiny().fitDataset(ds, { epochs: 1, verbose: 0, validationData: { xs: [[1, 2]], ys: [[1]] } as never })).rejects.toThrow('fitDataset: validationData must be a Dataset or [x, y]. Received: {"xs":[[1,2]],"ys":[[1]]}');
    await expect(tiny().fitDataset(ds, { epochs: 1, verbose: 0, validationData: [[[1, 2]]] as never })).rejects.toThrow('fitDataset: validationData must be a Dataset or [x, y]. Received: an array of 1');
  });

  it('verbose and yieldEvery are checked by fitDataset (verbose was blamed on "fit", a bad yieldEvery ignored)', async () => {
    await expect(tiny().fitDataset(ds, { epochs: 1, verbose: '1' as never })).rejects.toThrow(/\.fitDataset: verbose must be 0, 1 or 2\. Received: verbose="1"/);
    await expect(tiny().fitDataset(ds, { epochs: 1, verbose: 0, yieldEvery: 'sometimes' as never })).rejects.toThrow("fitDataset: yieldEvery must be 'auto', 'batch', 'epoch' or 'never'. Received: yieldEvery=\"sometimes\"");
  });
});
