import type { RandomKey } from '../random/index.js';
import { foldIn, foldInPath, key, nextGlobalKey } from '../random/index.js';
import type { DataElement } from './element.js';
import { batchStream, concatStreams, filterStream, mapStream, shuffleStream, skipStream, takeStream } from './iterators.js';
import { received } from '../util/received.js';

/**
 * Where a dataset comes from and what was done to it: the operation, its parameters and its
 * inputs. A checkpoint records it (with the sources' content digests) so that a resume on
 * another pipeline is refused; functions given to map and filter are recorded by name only.
 */
export interface DatasetLineage {
  op: string;
  args: readonly (string | number | boolean | null)[];
  inputs: readonly DatasetLineage[];
  /** SHA-256 of a source's content (array and csv sources), computed on demand; absent where it cannot be known (generators). */
  content?: () => Promise<string>;
}

/**
 * A pass over a dataset is named by a path of integers: the pass number given to the top
 * (fitDataset's epoch, or the count of `iterator()` calls), extended by `repeat` with the
 * repetition. A reshuffling `shuffle` folds the path into its key, so every order is a pure
 * function of (seed, path, position), never of how many iterators were made before.
 */
export type PassPath = readonly number[];

/** An async iterator over a dataset's elements (TF.js `LazyIterator`'s core). */
export interface DataIterator<T> extends AsyncIterableIterator<T> {
  /** The remaining elements, in order. */
  toArray(): Promise<T[]>;
}

function wrap<T>(it: AsyncIterator<T>): DataIterator<T> {
  const wrapped: DataIterator<T> = {
    next: () => it.next(),
    [Symbol.asyncIterator]: () => wrapped,
    toArray: async () => {
      const out: T[] = [];
      for (let r = await it.next(); !r.done; r = await it.next()) out.push(r.value);
      return out;
    },
  };
  return wrapped;
}

const positiveInteger = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;
const checkCount = (method: string, v: unknown): void => {
  // NOTE: TF.js's iterators and sizes disagree on negative counts (take(-1) yields nothing but
  // reports a negative size); refused here rather than guessed.
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`Dataset.${method}: count must be a non-negative integer${method === 'repeat' ? ' (omit it to repeat endlessly)' : ''}. Received: count=${received(v)}`);
};
const checkBoolean = (method: string, name: string, v: unknown): void => {
  if (typeof v !== 'boolean') throw new Error(`Dataset.${method}: ${name} must be true or false. Received: ${name}=${received(v)}`);
};
const checkFunction = (method: string, name: string, v: unknown): void => {
  if (typeof v !== 'function') throw new Error(`Dataset.${method}: ${name} must be a function. Received: ${typeof v}`);
};

/**
 * A sequence of elements produced on demand (TF.js `tf.data.Dataset`): created by
 * `data.array`, `data.generator`, `data.csv` or `data.zip`, transformed by chainable methods
 * that each return a new dataset, consumed by `iterator()`, `toArray()`, `forEachAsync()` or
 * `model.fitDataset`. `size` is the number of elements when known (null: unknown, Infinity:
 * endless), by TF.js's rules.
 * @example const ds = data.array([1, 2, 3, 4]).map((x) => x * 2).batch(2); await ds.toArray() // [tensor [2,4], tensor [6,8]]
 */
export class Dataset<T = DataElement> {
  private passes = 0;

  /** Made by the `data` functions and the methods; `open(path)` starts pass `path`. */
  constructor(
    readonly open: (path: PassPath) => AsyncIterator<T>,
    readonly size: number | null,
    readonly lineage: DatasetLineage,
  ) {}

  private derive<U>(open: (path: PassPath) => AsyncIterator<U>, size: number | null, op: string, args: DatasetLineage['args'], more: readonly Dataset<unknown>[] = []): Dataset<U> {
    return new Dataset(open, size, { op, args, inputs: [this.lineage, ...more.map((d) => d.lineage)] });
  }

  /** A new iterator, pass number = how many this dataset has made before (a reshuffling shuffle draws a new order each time). */
  async iterator(): Promise<DataIterator<T>> {
    return wrap(this.open([this.passes++]));
  }

  /** Groups of `batchSize` elements stacked into tensors (TF.js rules, see `batchElements`); the last group is kept when smaller unless `smallLastBatch` is false. */
  batch(batchSize: number, smallLastBatch = true): Dataset<DataElement> {
    if (!positiveInteger(batchSize)) throw new Error(`Dataset.batch: batchSize must be a positive integer. Received: batchSize=${received(batchSize)}`);
    checkBoolean('batch', 'smallLastBatch', smallLastBatch);
    const s = this.size;
    const size = s === null || s === Infinity ? s : smallLastBatch ? Math.ceil(s / batchSize) : Math.floor(s / batchSize);
    return this.derive((p) => batchStream(this.open(p), batchSize, smallLastBatch) as AsyncGenerator<DataElement>, size, 'batch', [batchSize, smallLastBatch]);
  }

  /** Each element through `transform`. */
  map<U>(transform: (x: T) => U): Dataset<U> {
    checkFunction('map', 'transform', transform);
    return this.derive((p) => mapStream(this.open(p), transform), this.size, 'map', [transform.name]);
  }

  /** Each element through an async `transform`. */
  mapAsync<U>(transform: (x: T) => Promise<U>): Dataset<U> {
    checkFunction('mapAsync', 'transform', transform);
    return this.derive((p) => mapStream(this.open(p), transform), this.size, 'mapAsync', [transform.name]);
  }

  /** The elements for which `predicate` is true. */
  filter(predicate: (x: T) => boolean): Dataset<T> {
    checkFunction('filter', 'predicate', predicate);
    return this.derive((p) => filterStream(this.open(p), predicate), this.size === Infinity ? Infinity : null, 'filter', [predicate.name]);
  }

  /**
   * Elements in random order through a buffer of `bufferSize` (TF.js and tf.data semantics:
   * the dataset's size or more gives a uniform permutation). The order is a pure function of
   * the seed, the pass and the position: `seed` (a number or a string; default: the global
   * seed, through the count of unseeded shuffles made since it was set); with
   * `reshuffleEachIteration` (default) every pass (epoch) has its own order, else all share one.
   * @example data.array(rows).shuffle(1000, 42).batch(32)
   */
  shuffle(bufferSize: number, seed?: number | string, reshuffleEachIteration = true): Dataset<T> {
    if (!positiveInteger(bufferSize)) throw new Error(`Dataset.shuffle: bufferSize must be a positive integer${this.size !== null && Number.isFinite(this.size) ? ` (the dataset's size, ${this.size}, gives a full shuffle)` : ''}. Received: bufferSize=${received(bufferSize)}`);
    checkBoolean('shuffle', 'reshuffleEachIteration', reshuffleEachIteration);
    if (seed !== undefined && typeof seed !== 'string' && !Number.isSafeInteger(seed)) throw new Error(`Dataset.shuffle: seed must be an integer or a string. Received: seed=${received(seed)}`);
    const base: RandomKey = seed === undefined ? nextGlobalKey('data/shuffle') : typeof seed === 'number' ? foldInPath(key(seed), 'data/shuffle') : foldInPath(foldInPath(key(0), 'data/shuffle/string-seed'), seed);
    const passKey = (p: PassPath): RandomKey => (reshuffleEachIteration ? p.reduce((k, i) => foldIn(k, i), base) : base);
    return this.derive((p) => shuffleStream(this.open(p), bufferSize, passKey(p)), this.size, 'shuffle', [bufferSize, `${base.k0}:${base.k1}`, reshuffleEachIteration]);
  }

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    checkCount('take', count);
    const s = this.size;
    const size = s === null ? null : Math.min(s, count);
    return this.derive((p) => takeStream(this.open(p), count), size, 'take', [count]);
  }

  /** All but the first `count` elements. */
  skip(count: number): Dataset<T> {
    checkCount('skip', count);
    const s = this.size;
    const size = s === null ? null : s === Infinity ? Infinity : Math.max(0, s - count);
    return this.derive((p) => skipStream(this.open(p), count), size, 'skip', [count]);
  }

  /** The elements `count` times over (undefined: endlessly); each repetition is a new pass of this dataset. */
  repeat(count?: number): Dataset<T> {
    if (count !== undefined) checkCount('repeat', count);
    const s = this.size;
    const size = count === 0 ? 0 : s === null ? null : count === undefined ? (s === 0 ? 0 : Infinity) : s * count;
    return this.derive((p) => concatStreams((r) => this.open([...p, r]), count), size, 'repeat', [count ?? null]);
  }

  /** This dataset's elements, then `other`'s. */
  concatenate(other: Dataset<T>): Dataset<T> {
    if (!(other instanceof Dataset)) throw new Error(`Dataset.concatenate: expected a Dataset. Received: ${typeof other}`);
    const a = this.size;
    const b = other.size;
    const size = a === Infinity || b === Infinity ? Infinity : a === null || b === null ? null : a + b;
    return this.derive((p) => concatStreams((i) => (i === 0 ? this.open(p) : other.open(p)), 2), size, 'concatenate', [], [other as Dataset<unknown>]);
  }

  /** TF.js's prefetch: elements are produced on demand here, so the same dataset. */
  prefetch(bufferSize: number): Dataset<T> {
    if (!positiveInteger(bufferSize)) throw new Error(`Dataset.prefetch: bufferSize must be a positive integer. Received: bufferSize=${received(bufferSize)}`);
    return this;
  }

  /** All elements, in order (refused for an endless dataset). */
  async toArray(): Promise<T[]> {
    if (this.size === Infinity) throw new Error('Dataset.toArray: the dataset is endless (size Infinity); take(n) first');
    return (await this.iterator()).toArray();
  }

  /** Calls `f` on every element, in order. */
  async forEachAsync(f: (x: T) => void | Promise<void>): Promise<void> {
    checkFunction('forEachAsync', 'f', f);
    const it = await this.iterator();
    for (let r = await it.next(); !r.done; r = await it.next()) await f(r.value);
  }
}
