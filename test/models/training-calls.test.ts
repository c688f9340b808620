// Each training call of a model (fit, fitDataset, a run of trainOnBatch) draws its own shuffles
// and dropout masks: a pure function of (seed, call, epoch, step), with call 0 unchanged.
import { describe, expect, it } from 'vitest';
import { data, input, layers, model as functionalModel, sequential, setRandomSeed, tensor2d, train } from '../../src/node.js';
import type { LayersModel, Sequential, SymbolicTensor, Tensor } from '../../src/node.js';
import { bernoulliMask, foldIn, foldInPath, key, permutation } from '../../src/random/index.js';
import { trainingCalls } from '../../src/models/training-calls.js';

const ROWS = 6;
const FEATURES = 8;
/** Row i is i + 1 in every feature, and its own target: a batch's yTrue names its row. */
const table = Array.from({ length: ROWS }, (_, i) => Array.from({ length: FEATURES }, () => i + 1));
const x = tensor2d(table);

interface Seen { rows: number[]; masks: string[] }

/**
 * Dropout(0.5) alone, mse, with a metric that records each batch's rows (from yTrue) and mask
 * (yPred / yTrue: 0 or 2 per element), so the data order and the masks fit used are visible.
 */
function observed(seed = 11, layerSeed?: number): { model: Sequential; recorder: (yTrue: Tensor, yPred: Tensor) => Tensor; take: (perBatch?: 1 | 2) => Seen } {
  setRandomSeed(seed);
  const model = sequential({ layers: [layers.dropout({ rate: 0.5, inputShape: [FEATURES], ...(layerSeed === undefined ? {} : { seed: layerSeed }) })] });
  let log: { row: number; mask: string }[] = [];
  const recorder = (yTrue: Tensor, yPred: Tensor): Tensor => {
    for (let r = 0; r < (yTrue.shape[0] as number); r++) {
      const t = Array.from(yTrue.values.subarray(r * FEATURES, (r + 1) * FEATURES));
      const p = Array.from(yPred.values.subarray(r * FEATURES, (r + 1) * FEATURES));
      log.push({ row: (t[0] as number) - 1, mask: p.map((v, i) => (v === 0 ? 0 : v / (t[i] as number))).join('') });
    }
    return yTrue;
  };
  model.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError', metrics: [recorder] });
  // fit updates two trackers per batch (the epoch's and the batch's), so it records every batch
  // twice in a row; trainOnBatch updates one.
  const take = (perBatch: 1 | 2 = 2): Seen => {
    const out: Seen = { rows: [], masks: [] };
    for (let i = 0; i < log.length; i += perBatch) {
      out.rows.push((log[i] as { row: number }).row);
      out.masks.push((log[i] as { mask: string }).mask);
    }
    log = [];
    return out;
  };
  return { model, recorder, take };
}

const fitOnce = (m: Sequential, args: { shuffle?: boolean; epochs?: number; initialEpoch?: number } = {}): Promise<unknown> =>
  m.fit(x, x, { epochs: 1, batchSize: 1, shuffle: true, verbose: 0, ...args });

describe('training calls key the randomness of fit', () => {
  it('a second fit({epochs: 1}) takes another batch order and other dropout masks than the first', async () => {
    const { model, take } = observed();
    await fitOnce(model);
    const first = take();
    await fitOnce(model);
    const second = take();
    expect([...first.rows].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...second.rows].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(second.rows).not.toEqual(first.rows);
    expect(second.masks).not.toEqual(first.masks);
    expect(trainingCalls(model)).toBe(2);
  });

  it('call 0 keeps the seed\'s own key (the bits of a single fit never changed); call c > 0 folds c into fit/call', async () => {
    const { model, take } = observed(11);
    const orderOf = (k: ReturnType<typeof key>): number[] => Array.from(permutation(foldIn(foldInPath(k, 'fit/shuffle'), 0), ROWS));
    await fitOnce(model);
    expect(take().rows).toEqual(orderOf(key(11)));
    await fitOnce(model);
    expect(take().rows).toEqual(orderOf(foldIn(foldInPath(key(11), 'fit/call'), 1)));
    await fitOnce(model);
    // Spelled out, not callKey: callKey is the function fit uses, so it cannot be the oracle.
    expect(take().rows).toEqual(orderOf(foldIn(foldInPath(key(11), 'fit/call'), 2)));
  });

  it('the first fit of a model sees what a model that only ever fits once sees, whatever other models did', async () => {
    // b is made before a trains and no setRandomSeed comes between a's fits and b's: a count
    // shared across models (or one that only setRandomSeed resets) would make b's fit call 2.
    const b = observed();
    const a = observed();
    await fitOnce(a.model);
    await fitOnce(a.model);
    a.take();
    await fitOnce(b.model);
    const c = observed();
    await fitOnce(c.model);
    const seen = b.take();
    expect(seen).toEqual(c.take());
    expect(seen.rows).toEqual(Array.from(permutation(foldIn(foldInPath(key(11), 'fit/shuffle'), 0), ROWS)));
  });

  it('runs of successive fits repeat exactly after setRandomSeed (same orders, same masks)', async () => {
    const run = async (): Promise<Seen[]> => {
      const { model, take } = observed(5);
      const out: Seen[] = [];
      for (let i = 0; i < 3; i++) {
        await fitOnce(model);
        out.push(take());
      }
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(new Set(a.map((s) => s.rows.join(','))).size).toBe(3);
  });

  it('two fit({epochs: 1}) calls are not one fit({epochs: 2}): the second call is epoch 0 of call 1', async () => {
    const two = observed();
    await fitOnce(two.model, { epochs: 2 });
    const whole = two.take();
    const calls = observed();
    await fitOnce(calls.model);
    await fitOnce(calls.model);
    const second = calls.take().rows.slice(-ROWS);
    expect(second).not.toEqual(whole.rows.slice(ROWS));
  });

  it('a fit with initialEpoch > 0 continues the previous fit: fit(1 epoch) then fit(2 epochs, initialEpoch 1) is fit(2 epochs)', async () => {
    const whole = observed();
    await fitOnce(whole.model, { epochs: 2 });
    const calls = observed();
    await fitOnce(calls.model);
    await fitOnce(calls.model, { epochs: 2, initialEpoch: 1 });
    expect(calls.take()).toEqual(whole.take());
    expect(trainingCalls(calls.model)).toBe(1);
  });

  it('compile does not reset the count: re-compiling to fine-tune does not replay the first call', async () => {
    const { model, recorder, take } = observed();
    await fitOnce(model);
    const first = take();
    model.compile({ optimizer: train.sgd(0.01), loss: 'meanSquaredError', metrics: [recorder] });
    expect(trainingCalls(model)).toBe(1);
    await fitOnce(model);
    expect(take().rows).not.toEqual(first.rows);
  });
});

describe('training calls and layers with a seed of their own', () => {
  it('a dropout layer given a seed draws new masks in a second fit call, and its first call\'s masks are unchanged', async () => {
    const { model, take } = observed(11, 7);
    await fitOnce(model, { shuffle: false });
    const first = take().masks;
    await fitOnce(model, { shuffle: false });
    const second = take().masks;
    // The masks of call c, step s: bernoulliMask(foldIn(foldInPath(k, '0.Dropout/mask'), s), 8, 0.5)
    // with k = key(7) for call 0 and foldIn(foldInPath(key(7), 'fit/call'), c) after (spelled
    // out rather than callKey, the function under test).
    const callKeyOf = (c: number): ReturnType<typeof key> => (c === 0 ? key(7) : foldIn(foldInPath(key(7), 'fit/call'), c));
    const expected = (c: number): string[] => Array.from({ length: ROWS }, (_, s) => Array.from(bernoulliMask(foldIn(foldInPath(callKeyOf(c), '0.Dropout/mask'), s), FEATURES, 0.5)).map((b) => (b ? 2 : 0)).join(''));
    expect(first).toEqual(expected(0));
    expect(second).toEqual(expected(1));
    expect(second).not.toEqual(first);
  });

  it('so does one in a functional model', async () => {
    const { recorder, take } = observed();
    const inp = input({ shape: [FEATURES] });
    const m: LayersModel = functionalModel({ inputs: inp, outputs: layers.dropout({ rate: 0.5, seed: 7 }).apply(inp) as SymbolicTensor });
    m.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError', metrics: [recorder] });
    await m.fit(x, x, { epochs: 1, batchSize: 1, shuffle: false, verbose: 0 });
    const first = take().masks;
    await m.fit(x, x, { epochs: 1, batchSize: 1, shuffle: false, verbose: 0 });
    expect(take().masks).not.toEqual(first);
  });
});

describe('training calls of trainOnBatch and fitDataset', () => {
  const ones = tensor2d([Array.from({ length: FEATURES }, () => 1)]);

  it('successive trainOnBatch calls are the steps of one call: a fresh model\'s masks are those of a fit\'s steps 0, 1, 2', async () => {
    const byBatch = observed();
    for (let i = 0; i < 3; i++) await byBatch.model.trainOnBatch(ones, ones);
    const fitted = observed();
    await fitted.model.fit(ones, ones, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0 });
    const masks = byBatch.take(1).masks;
    expect(masks).toEqual(fitted.take().masks);
    expect(new Set(masks).size).toBe(3);
  });

  it('trainOnBatch after a fit does not reuse the fit\'s masks, and the next fit does not reuse the trainOnBatch run\'s', async () => {
    const { model, take } = observed();
    await model.fit(ones, ones, { epochs: 2, batchSize: 1, verbose: 0 });
    const fitMasks = take().masks;
    await model.trainOnBatch(ones, ones);
    await model.trainOnBatch(ones, ones);
    const batchMasks = take(1).masks;
    expect(trainingCalls(model)).toBe(2);
    await model.fit(ones, ones, { epochs: 2, batchSize: 1, verbose: 0 });
    const nextMasks = take().masks;
    expect(trainingCalls(model)).toBe(3);
    expect(new Set([...fitMasks, ...batchMasks, ...nextMasks]).size).toBe(6);
  });

  it('a second fitDataset call on a reshuffling dataset takes another order and other masks; the first is unchanged', async () => {
    const ds = data.zip({ xs: data.array(table), ys: data.array(table) }).shuffle(ROWS, 3).batch(1);
    const { model, take } = observed();
    await model.fitDataset(ds, { epochs: 1, verbose: 0 });
    const first = take();
    await model.fitDataset(ds, { epochs: 1, verbose: 0 });
    const second = take();
    expect([...second.rows].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(second.rows).not.toEqual(first.rows);
    expect(second.masks).not.toEqual(first.masks);
    const once = observed();
    await once.model.fitDataset(ds, { epochs: 1, verbose: 0 });
    expect(once.take()).toEqual(first);
  });
});

describe('training calls of a functional model', () => {
  it('its second fit takes another order and other masks, the same in every run', async () => {
    const run = async (): Promise<Seen[]> => {
      const { recorder, take } = observed(4);
      const inp = input({ shape: [FEATURES] });
      const m: LayersModel = functionalModel({ inputs: inp, outputs: layers.dropout({ rate: 0.5 }).apply(inp) as SymbolicTensor });
      m.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError', metrics: [recorder] });
      const out: Seen[] = [];
      for (let i = 0; i < 2; i++) {
        await m.fit(x, x, { epochs: 1, batchSize: 1, verbose: 0 });
        out.push(take());
      }
      expect(trainingCalls(m)).toBe(2);
      return out;
    };
    const [first, second] = await run();
    expect(second?.rows).not.toEqual(first?.rows);
    expect(second?.masks).not.toEqual(first?.masks);
    expect(await run()).toEqual([first, second]);
  });
});
