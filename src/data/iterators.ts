import type { RandomKey } from '../random/index.js';
import { uniformIntArray } from '../random/index.js';
import { batchElements } from './element.js';

// The streams behind dataset operations: async generators over an upstream iterator, as TF.js's
// LazyIterator chain. They hold no randomness of their own: shuffle is given its key.

/** Elements in groups of `size` (the last one smaller, or dropped unless `smallLast`), stacked. */
export async function* batchStream<T>(up: AsyncIterator<T>, size: number, smallLast: boolean): AsyncGenerator<unknown> {
  let rows: T[] = [];
  for (let r = await up.next(); !r.done; r = await up.next()) {
    rows.push(r.value);
    if (rows.length === size) {
      yield batchElements(rows);
      rows = [];
    }
  }
  if (rows.length > 0 && smallLast) yield batchElements(rows);
}

/** Each element through `fn`, awaited (so `mapAsync` is the same stream). */
export async function* mapStream<T, U>(up: AsyncIterator<T>, fn: (x: T) => U | Promise<U>): AsyncGenerator<U> {
  for (let r = await up.next(); !r.done; r = await up.next()) yield await fn(r.value);
}

/** The elements for which `predicate` is true. */
export async function* filterStream<T>(up: AsyncIterator<T>, predicate: (x: T) => boolean | Promise<boolean>): AsyncGenerator<T> {
  for (let r = await up.next(); !r.done; r = await up.next()) if (await predicate(r.value)) yield r.value;
}

/** The first `count` elements. */
export async function* takeStream<T>(up: AsyncIterator<T>, count: number): AsyncGenerator<T> {
  for (let i = 0; i < count; i++) {
    const r = await up.next();
    if (r.done) return;
    yield r.value;
  }
}

/** All but the first `count` elements. */
export async function* skipStream<T>(up: AsyncIterator<T>, count: number): AsyncGenerator<T> {
  for (let i = 0; i < count; i++) if ((await up.next()).done) return;
  for (let r = await up.next(); !r.done; r = await up.next()) yield r.value;
}

/** The streams `open(0)`, `open(1)`, … one after the other, `count` of them (undefined: without end). */
export async function* concatStreams<T>(open: (index: number) => AsyncIterator<T>, count: number | undefined): AsyncGenerator<T> {
  for (let i = 0; count === undefined || i < count; i++) {
    const up = open(i);
    let any = false;
    for (let r = await up.next(); !r.done; r = await up.next()) {
      any = true;
      yield r.value;
    }
    if (!any && count === undefined) return; // an empty upstream repeated forever would never yield
  }
}

/**
 * Buffer shuffle (TF.js `ShuffleIterator`, Keras `shuffle(buffer_size)`): the buffer holds up to
 * `bufferSize` upstream elements; output i takes the buffer slot j drawn uniformly from the
 * current buffer length with word i of `k`, and the next upstream element takes its place (at the
 * end, the last slot moves into it). So the order is a pure function of (k, upstream sequence).
 */
export async function* shuffleStream<T>(up: AsyncIterator<T>, bufferSize: number, k: RandomKey): AsyncGenerator<T> {
  const buffer: T[] = [];
  let exhausted = false;
  while (buffer.length < bufferSize) {
    const r = await up.next();
    if (r.done) {
      exhausted = true;
      break;
    }
    buffer.push(r.value);
  }
  for (let i = 0; buffer.length > 0; i++) {
    const j = uniformIntArray(k, 1, 0, buffer.length, i)[0] as number;
    const out = buffer[j] as T;
    const r = exhausted ? undefined : await up.next();
    if (r && !r.done) buffer[j] = r.value;
    else {
      exhausted = true;
      buffer[j] = buffer[buffer.length - 1] as T;
      buffer.pop();
    }
    yield out;
  }
}

/** Elements of several streams side by side, in the shape of `layout` (an array or an object of streams); ends with the shortest. */
export async function* zipStreams(streams: readonly AsyncIterator<unknown>[], assemble: (values: unknown[]) => unknown): AsyncGenerator<unknown> {
  for (;;) {
    const results = await Promise.all(streams.map((s) => s.next()));
    if (results.some((r) => r.done)) return;
    yield assemble(results.map((r) => r.value));
  }
}
