// Hostile-user probes of two changes: training calls that draw new randomness, and the
// advanced activation layers. Each test here failed before the fix its commit names.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { callbacks, data, fingerprint, input, io, layers, loadLayersModel, model as functionalModel, sequential, setRandomSeed, tensor2d, train } from '../../src/node.js';
import type { LayersModel, ModelArtifacts, Sequential } from '../../src/node.js';
import { trainingCalls } from '../../src/models/training-calls.js';

const X = tensor2d(Array.from({ length: 12 }, (_, i) => [Math.sin(i), Math.cos(i), i / 12, 1 - i / 12]));
const Y = tensor2d(Array.from({ length: 12 }, (_, i) => [i % 2, 1 - (i % 2)]));
const fit1 = { epochs: 1, batchSize: 4, verbose: 0 } as const;

function mlp(seed = 5): Sequential {
  setRandomSeed(seed);
  const m = sequential({ layers: [layers.dense({ units: 6, activation: 'relu', inputShape: [4] }), layers.dropout({ rate: 0.4 }), layers.dense({ units: 2, activation: 'softmax' })] });
  m.compile({ optimizer: train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

async function artifactsOf(m: Sequential, includeOptimizer: boolean): Promise<ModelArtifacts> {
  let saved: ModelArtifacts | undefined;
  await m.save(io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } }; }), { includeOptimizer });
  return saved as ModelArtifacts;
}

describe('probe7: training calls', () => {
  it('evaluate, predict, predictOnBatch between fits do not count as training calls', async () => {
    const m = mlp();
    await m.fit(X, Y, fit1);
    m.evaluate(X, Y);
    m.predict(X);
    m.predictOnBatch(X);
    expect(trainingCalls(m)).toBe(1);
    await m.fit(X, Y, { ...fit1, validationSplit: 0.25 });
    expect(trainingCalls(m)).toBe(2);
  });

  it('a loaded model saved with its optimizer after two fits gives the bits of a third fit in process', async () => {
    const a = mlp();
    await a.fit(X, Y, fit1);
    await a.fit(X, Y, { ...fit1, validationSplit: 0.25 });
    const art = await artifactsOf(a, true);
    await a.fit(X, Y, fit1);
    const b = await loadLayersModel(io.fromMemory(art));
    expect(trainingCalls(b)).toBe(2);
    await b.fit(X, Y, fit1);
    expect(fingerprint(b)).toBe(fingerprint(a));
  });

  it('a file with userDefinedMetadata of its own (no samebits key) loads, and the metadata does not block a save', async () => {
    const a = mlp();
    await a.fit(X, Y, fit1);
    const art = await artifactsOf(a, true);
    art.userDefinedMetadata = { author: { name: 'someone' }, nested: { a: [1, 2] } };
    const b = await loadLayersModel(io.fromMemory(art));
    expect(trainingCalls(b)).toBe(0);
    await b.fit(X, Y, fit1);
    expect(trainingCalls(b)).toBe(1);
  });

  it('earlyStopping with restoreBestWeights, one instance reused across fit calls, stops and restores in each', async () => {
    const m = mlp();
    const es = callbacks.earlyStopping({ monitor: 'loss', patience: 0, restoreBestWeights: true, minDelta: 10 });
    // minDelta 10: epoch 0 is the best of each call, epoch 1 does not improve, so fit stops after
    // it and puts back epoch 0's weights. `seen` records the weights at every epoch end.
    let seen: string[] = [];
    const record = { onEpochEnd: (): void => { seen.push(fingerprint(m)); } };
    const h1 = await m.fit(X, Y, { ...fit1, epochs: 5, callbacks: [es, record as never] });
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]); // epoch 1 trained, so restoring is visible
    expect(fingerprint(m)).toBe(seen[0]);
    seen = [];
    const h2 = await m.fit(X, Y, { ...fit1, epochs: 5, callbacks: [es, record as never] });
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
    expect(fingerprint(m)).toBe(seen[0]);
    expect(h1.epoch.length).toBe(2);
    expect(h2.epoch.length).toBe(2);
    expect(trainingCalls(m)).toBe(2);
  });

  it('a fit that throws midway counts; a program repeating it gives the same bits', async () => {
    const run = async (): Promise<string> => {
      const m = mlp();
      await m.fit(X, Y, fit1);
      let n = 0;
      await expect(m.fit(X, Y, { ...fit1, callbacks: [{ onBatchEnd: () => { if (++n === 2) throw new Error('stop'); } }] as never })).rejects.toThrow('stop');
      expect(trainingCalls(m)).toBe(2);
      await m.fit(X, Y, fit1);
      return fingerprint(m);
    };
    expect(await run()).toBe(await run());
  });

  it('a functional model with a seeded dropout nested in a Sequential draws new masks in each fit call', async () => {
    const build = (): Sequential => {
      setRandomSeed(3);
      const i = input({ shape: [4] });
      const inner = functionalModel({ inputs: i, outputs: layers.dropout({ rate: 0.5, seed: 9 }).apply(layers.dense({ units: 6 }).apply(i)) as never }) as LayersModel;
      const m = sequential({ layers: [inner as never, layers.dense({ units: 2, activation: 'softmax' })] });
      m.compile({ optimizer: train.sgd(0.1), loss: 'categoricalCrossentropy' });
      return m;
    };
    const a = build();
    await a.fit(X, Y, { ...fit1, shuffle: false });
    await a.fit(X, Y, { ...fit1, shuffle: false });
    const b = build();
    await b.fit(X, Y, { ...fit1, shuffle: false });
    await b.fit(X, Y, { ...fit1, shuffle: false, epochs: 2, initialEpoch: 1 });
    // b's second fit continues call 0 at epoch 1; a's is call 1 at epoch 0: other masks.
    expect(fingerprint(a)).not.toBe(fingerprint(b));
    // c starts from a's weights after its first fit but at call 0 (a new model), so its one fit
    // repeats a's first call's masks: only masks that change with the call set a's second fit apart.
    const c = build();
    const once = build();
    await once.fit(X, Y, { ...fit1, shuffle: false });
    c.predict(X); // builds the outer Dense, so c has all 4 weights to set
    c.setWeights(once.getWeights());
    expect(trainingCalls(c)).toBe(0);
    await c.fit(X, Y, { ...fit1, shuffle: false });
    expect(fingerprint(c)).not.toBe(fingerprint(a));
    await once.fit(X, Y, { ...fit1, shuffle: false }); // the same weights at call 1: a's bits
    expect(fingerprint(once)).toBe(fingerprint(a));
  });
});

describe('probe7: advanced activations', () => {
  const vals = [NaN, Infinity, -Infinity, 0, -0, 0.5, 1, 2, -3];
  const out = (l: { apply: (x: never) => unknown }): number[] => Array.from(((l.apply(tensor2d([vals]) as never) as { values: Float32Array }).values));

  it('thresholdedReLU keeps NaN NaN (TF.js and Keras compute x · (x > theta): NaN), and maps −Infinity to 0', () => {
    const y = out(layers.thresholdedReLU({ theta: 0.5 }));
    expect(Number.isNaN(y[0])).toBe(true);
    expect(y.slice(1)).toEqual([Infinity, 0, 0, 0, 0, 1, 2, 0]);
  });

  it('reLU with a threshold keeps NaN NaN (Keras 3 x · (x > threshold)), as reLU without one does', () => {
    expect(Number.isNaN(out(layers.reLU())[0])).toBe(true);
    const y = out(layers.reLU({ threshold: 0.5 }));
    expect(Number.isNaN(y[0])).toBe(true);
    expect(y.slice(1)).toEqual([Infinity, 0, 0, 0, 0, 1, 2, 0]);
    const clipped = out(layers.reLU({ threshold: 0.5, maxValue: 1.5 }));
    expect(Number.isNaN(clipped[0])).toBe(true);
  });
});

describe('probe7: backupAndRestore in a loop of fit calls', () => {
  it.each([['epoch', 1], [1, 2]] as const)('a loop of fit calls with backupAndRestore (saveFreq %s, epochs %i) trains in every call (the finished checkpoint of call 0 is not resumed by call 1)', async (saveFreq, epochs) => {
    const dir = mkdtempSync(join(tmpdir(), 'probe7-'));
    const looped = mlp();
    const plain = mlp();
    for (let i = 0; i < 3; i++) {
      await looped.fit(X, Y, { ...fit1, epochs, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq })] });
      await plain.fit(X, Y, { ...fit1, epochs });
    }
    expect(trainingCalls(looped)).toBe(3);
    expect(fingerprint(looped)).toBe(fingerprint(plain));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['epoch', 1] as const)('a loop of fitDataset calls with backupAndRestore (saveFreq %s) trains in every call, as without the callback', async (saveFreq) => {
    const dir = mkdtempSync(join(tmpdir(), 'probe7-'));
    const rows = Array.from({ length: 12 }, (_, i) => ({ xs: [Math.sin(i), Math.cos(i), i / 12, 1 - i / 12], ys: [i % 2, 1 - (i % 2)] }));
    const ds = (): ReturnType<typeof data.array> => data.array(rows).batch(4);
    const looped = mlp();
    const plain = mlp();
    for (let i = 0; i < 3; i++) {
      await looped.fitDataset(ds(), { epochs: 2, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq })] });
      await plain.fitDataset(ds(), { epochs: 2, verbose: 0 });
    }
    expect(trainingCalls(looped)).toBe(3);
    expect(fingerprint(looped)).toBe(fingerprint(plain));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fit that threw is still resumed by the retry in the same process (Keras BackupAndRestore\'s example), to the uninterrupted bits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probe7-'));
    const straight = mlp();
    await straight.fit(X, Y, { ...fit1, epochs: 3 });
    const m = mlp();
    let n = 0;
    const boom = { onEpochEnd: (): void => { if (++n === 2) throw new Error('interrupted'); } };
    await expect(m.fit(X, Y, { ...fit1, epochs: 3, callbacks: [new BackupAndRestore({ backupDir: dir }), boom as never] })).rejects.toThrow('interrupted');
    await m.fit(X, Y, { ...fit1, epochs: 3, callbacks: [new BackupAndRestore({ backupDir: dir })] });
    expect(fingerprint(m)).toBe(fingerprint(straight));
    expect(trainingCalls(m)).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('probe7: trainOnBatch runs across a model file saved with its optimizer', () => {
  it('a model saved mid-run of trainOnBatch and loaded goes on with the run\'s masks, to the bits of continuing in process', async () => {
    const a = mlp();
    for (let i = 0; i < 3; i++) a.trainOnBatch(X, Y);
    const art = await artifactsOf(a, true);
    for (let i = 0; i < 3; i++) a.trainOnBatch(X, Y);
    const b = await loadLayersModel(io.fromMemory(art));
    for (let i = 0; i < 3; i++) b.trainOnBatch(X, Y);
    expect(fingerprint(b)).toBe(fingerprint(a));
    expect(trainingCalls(b)).toBe(trainingCalls(a));
    // A fit after the run is the next call in both.
    await a.fit(X, Y, fit1);
    await b.fit(X, Y, fit1);
    expect(fingerprint(b)).toBe(fingerprint(a));
  });
});

describe('probe7: a malformed trainOnBatch run in a model file', () => {
  it.each([{ call: 2, steps: 1 }, { call: 0, steps: 0 }, { call: 0 }, 'x'])('is refused, naming the key: batchRun %j', async (batchRun) => {
    const a = mlp();
    await a.fit(X, Y, fit1);
    a.trainOnBatch(X, Y);
    const art = await artifactsOf(a, true);
    expect(art.userDefinedMetadata).toEqual({ samebits: { calls: 2, lastFit: 0, batchRun: { call: 1, steps: 1 } } });
    art.userDefinedMetadata = { samebits: { calls: 2, lastFit: 0, batchRun } as never };
    await expect(loadLayersModel(io.fromMemory(art))).rejects.toThrow(/optionally batchRun, the trainOnBatch run in progress.*received/);
  });
});

describe('probe7: a model file saved at an epoch end inside fit (ModelCheckpoint style)', () => {
  it('loaded and fitted with initialEpoch = the next epoch, it ends with the bits of the uninterrupted fit (a second call of the model)', async () => {
    const straight = mlp();
    await straight.fit(X, Y, fit1);
    let art: ModelArtifacts | undefined;
    const saver = { onEpochEnd: async (epoch: number): Promise<void> => { if (epoch === 1) art = await artifactsOf(straight, true); } };
    await straight.fit(X, Y, { ...fit1, epochs: 4, validationSplit: 0.25, callbacks: [saver as never] });
    const loaded = await loadLayersModel(io.fromMemory(art as ModelArtifacts));
    expect(trainingCalls(loaded)).toBe(2);
    await loaded.fit(X, Y, { ...fit1, epochs: 4, initialEpoch: 2, validationSplit: 0.25 });
    expect(fingerprint(loaded)).toBe(fingerprint(straight));
  });
});

describe('probe7: fits refused or no-ops', () => {
  it('a second fit started while the first runs is refused and not counted; predict in a callback is not counted', async () => {
    const m = mlp();
    const cb = { onBatchEnd: (): void => { m.predict(X); } };
    const first = m.fit(X, Y, { ...fit1, epochs: 2, callbacks: [cb as never], yieldEvery: 'batch' });
    await expect(m.fit(X, Y, fit1)).rejects.toThrow('already training');
    await first;
    expect(trainingCalls(m)).toBe(1);
  });
});
