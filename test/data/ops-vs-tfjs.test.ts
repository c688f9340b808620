import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dataset, data, tensor } from '../../src/node.js';
import { useTfjsCpu } from '../peer/harness.js';

// The same pipelines built with SameBits's data and with real TF.js's tf.data (no shuffle):
// the element sequences (tensors as shape, dtype and values) and the sizes must be identical.

/** An element as plain data: tensors become {shape, dtype, values}. */
function plain(v: unknown): unknown {
  if (v instanceof tf.Tensor) return { shape: v.shape, dtype: v.dtype, values: Array.from(v.dataSync() as ArrayLike<number>) };
  if (v !== null && typeof v === 'object' && 'values' in v && 'shape' in v && 'dtype' in v && !Array.isArray(v)) {
    const t = v as { shape: number[]; dtype: string; values: ArrayLike<number> };
    return { shape: [...t.shape], dtype: t.dtype, values: Array.from(t.values) };
  }
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, plain(e)]));
  return v;
}

type Builder = { array: (items: unknown[]) => unknown; zip: (d: unknown) => unknown; tensor: (v: number[]) => unknown };
const ours: Builder = { array: (i) => data.array(i), zip: (d) => data.zip(d as Parameters<typeof data.zip>[0]), tensor: (v) => tensor(v) };
const theirs: Builder = { array: (i) => tf.data.array(i as tf.TensorContainer[]), zip: (d) => tf.data.zip(d as never), tensor: (v) => tf.tensor(v) };

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
type AnyDataset = { batch(n: number, small?: boolean): AnyDataset; map(f: (x: never) => unknown): AnyDataset; filter(f: (x: never) => boolean): AnyDataset; take(n: number): AnyDataset; skip(n: number): AnyDataset; repeat(n?: number): AnyDataset; concatenate(d: AnyDataset): AnyDataset; size: number | null; toArray(): Promise<unknown[]> };

const PIPELINES: [string, (b: Builder) => AnyDataset][] = [
  ['batch(3) keeps the small last batch', (b) => (b.array(range(10)) as AnyDataset).batch(3)],
  ['batch(3, false) drops it', (b) => (b.array(range(10)) as AnyDataset).batch(3, false)],
  ['batch of {xs, ys} objects batches key by key', (b) => (b.array(range(7).map((i) => ({ xs: [i, i + 0.5], ys: i % 2 }))) as AnyDataset).batch(4)],
  ['batch of nested objects and arrays', (b) => (b.array(range(5).map((i) => ({ a: { p: i, q: [i, i - 10] }, b: [[i], [i + 1]] }))) as AnyDataset).batch(2)],
  ['batch of tensors stacks them', (b) => (b.array(range(5).map((i) => b.tensor([i, 2 * i, 3 * i]))) as AnyDataset).batch(2)],
  ['batch of booleans', (b) => (b.array([true, false, true]) as AnyDataset).batch(2)],
  ['take(3)', (b) => (b.array(range(10)) as AnyDataset).take(3)],
  ['take beyond the end', (b) => (b.array(range(4)) as AnyDataset).take(10)],
  ['skip(4)', (b) => (b.array(range(10)) as AnyDataset).skip(4)],
  ['skip beyond the end', (b) => (b.array(range(4)) as AnyDataset).skip(10)],
  ['repeat(3)', (b) => (b.array(range(4)) as AnyDataset).repeat(3)],
  ['repeat() then take(10)', (b) => (b.array(range(4)) as AnyDataset).repeat().take(10)],
  ['map(x => x * 2)', (b) => (b.array(range(6)) as AnyDataset).map((x: number) => x * 2)],
  ['filter(even)', (b) => (b.array(range(9)) as AnyDataset).filter((x: number) => x % 2 === 0)],
  ['filter then batch', (b) => (b.array(range(20)) as AnyDataset).filter((x: number) => x % 3 !== 0).batch(4)],
  ['concatenate', (b) => (b.array(range(3)) as AnyDataset).concatenate(b.array([10, 11]) as AnyDataset)],
  ['zip of an array', (b) => b.zip([b.array(range(5)), b.array(range(3).map((i) => i * 10))]) as AnyDataset],
  ['zip of an object, then batch', (b) => (b.zip({ xs: b.array(range(6).map((i) => [i, i])), ys: b.array(range(6)) }) as AnyDataset).batch(4)],
  ['skip, take, repeat, map, batch chained', (b) => (b.array(range(12)) as AnyDataset).skip(2).take(7).repeat(2).map((x: number) => x + 1).batch(5)],
];

describe('dataset operations give the same elements as TF.js tf.data', () => {
  beforeAll(useTfjsCpu);

  for (const [name, build] of PIPELINES) {
    it(name, async () => {
      const mine = build(ours);
      const peer = build(theirs);
      expect(mine).toBeInstanceOf(Dataset);
      expect(plain(await mine.toArray())).toEqual(plain(await (peer as unknown as tf.data.Dataset<tf.TensorContainer>).toArray()));
      expect(mine.size).toBe(peer.size);
    });
  }

  it('a dataset iterated twice gives the same elements (arrays are restartable)', async () => {
    const ds = data.array(range(5)).map((x) => x * 3).batch(2);
    expect(plain(await ds.toArray())).toEqual(plain(await ds.toArray()));
  });

  it('iterator() gives next() results and async iteration', async () => {
    const it = await data.array([1, 2]).iterator();
    expect(await it.next()).toEqual({ value: 1, done: false });
    const rest: number[] = [];
    for await (const v of it) rest.push(v);
    expect(rest).toEqual([2]);
  });

  it('forEachAsync visits every element in order', async () => {
    const seen: number[] = [];
    await data.array([3, 1, 2]).forEachAsync((x) => { seen.push(x); });
    expect(seen).toEqual([3, 1, 2]);
  });

  it('generator takes generator functions, async generators and functions returning iterators', async () => {
    const sync = data.generator(function* () { yield 1; yield 2; });
    const asyncGen = data.generator(async function* () { yield 1; yield 2; });
    const plainIt = data.generator(() => [1, 2][Symbol.iterator]());
    for (const ds of [sync, asyncGen, plainIt]) expect(await ds.toArray()).toEqual([1, 2]);
    const peer = tf.data.generator(function* () { yield 1; yield 2; });
    expect(await sync.toArray()).toEqual(await peer.toArray());
  });
});

describe('dataset errors name what was wrong', () => {
  it('refuses bad counts and sizes', () => {
    const ds = data.array([1, 2, 3]);
    expect(() => ds.batch(0)).toThrow('Dataset.batch: batchSize must be a positive integer. Received: batchSize=0');
    expect(() => ds.take(-1)).toThrow('Dataset.take: count must be a non-negative integer. Received: count=-1');
    expect(() => ds.skip(1.5)).toThrow('Dataset.skip: count must be a non-negative integer');
    expect(() => ds.repeat(-1)).toThrow('omit it to repeat endlessly');
    expect(() => ds.shuffle(0)).toThrow("Dataset.shuffle: bufferSize must be a positive integer (the dataset's size, 3, gives a full shuffle)");
    expect(() => ds.map(3 as never)).toThrow('Dataset.map: transform must be a function. Received: number');
  });

  it('refuses an iterator given to generator (one pass only) and a function returning the same iterator twice', async () => {
    function* gen(): Generator<number> { yield 1; }
    expect(() => data.generator(gen() as never)).toThrow('pass the generator function itself');
    const once = gen();
    const ds = data.generator(() => once);
    await ds.toArray();
    await expect(ds.toArray()).rejects.toThrow('the function returned the same iterator as on an earlier pass');
  });

  it('refuses to batch elements of different shapes, naming the row and the key', async () => {
    await expect(data.array([{ x: tensor([1, 2]) }, { x: tensor([1, 2, 3]) }]).batch(2).toArray()).rejects.toThrow('batch: element.x of row 1 has shape [3]; expected [2] like row 0');
    await expect(data.array([{ x: 1 }, { y: 2 }]).batch(2).toArray()).rejects.toThrow("batch: row 1 is an object without key 'x'");
    await expect(data.array(['a', 'b']).batch(2).toArray()).rejects.toThrow('batch: element of row 0 is the string "a"');
  });

  it('refuses zip of a single dataset and of non-datasets, and toArray of an endless dataset', async () => {
    expect(() => data.zip(data.array([1]))).toThrow('data.zip: expected an array or an object of Datasets. Received: a single Dataset');
    expect(() => data.zip([data.array([1]), 3 as never])).toThrow('data.zip: datasets[1] is number; the leaves of the structure must be Datasets');
    await expect(data.array([1]).repeat().toArray()).rejects.toThrow('Dataset.toArray: the dataset is endless (size Infinity); take(n) first');
  });
});
