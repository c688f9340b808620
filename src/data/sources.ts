import { Dataset } from './dataset.js';
import type { PassPath } from './dataset.js';
import { digestElements } from './digest.js';
import { zipStreams } from './iterators.js';

async function* fromItems<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/**
 * A dataset of the given elements, in order (TF.js `tf.data.array`). The list is copied, so
 * changing it afterwards does not change the dataset. Restartable: every pass gives the same
 * elements, so fitDataset can resume mid-epoch on it.
 * @example data.array([{ xs: [0, 1], ys: [1] }, { xs: [1, 1], ys: [0] }]).batch(2)
 */
export function array<T>(items: readonly T[]): Dataset<T> {
  if (!Array.isArray(items)) throw new Error(`data.array: items must be an array of elements. Received: ${items === null ? 'null' : typeof items}`);
  const copy = items.slice();
  return new Dataset(() => fromItems(copy), copy.length, { op: 'array', args: [copy.length], inputs: [], content: async () => digestElements(copy) });
}

/** What `data.generator` takes: a function returning a fresh (sync or async) iterator each call. */
export type GeneratorSource<T> = () => Iterator<T> | AsyncIterator<T> | Promise<Iterator<T> | AsyncIterator<T>>;

/**
 * A dataset whose elements come from calling `generator` (TF.js `tf.data.generator`): a
 * generator function (`function* () {…}` or `async function* () {…}`) or any function returning
 * a fresh iterator. Each pass calls it again, so fitDataset can resume mid-epoch when it yields
 * the same elements every call (a function of nothing but its own code). An iterator object
 * itself (one pass only) is refused, as is a function that returns the same iterator twice.
 * @example data.generator(function* () { for (let i = 0; i < 100; i++) yield { xs: [i], ys: [2 * i] }; })
 */
export function generator<T>(generator: GeneratorSource<T>): Dataset<T> {
  if (typeof generator !== 'function') {
    const hint = generator !== null && typeof generator === 'object' && ('next' in generator || Symbol.iterator in generator || Symbol.asyncIterator in generator)
      ? '; this is an iterator, good for one pass only: pass the generator function itself (e.g. data.generator(gen), not data.generator(gen()))'
      : '';
    throw new Error(`data.generator: expected a function returning an iterator. Received: ${generator === null ? 'null' : typeof generator}${hint}`);
  }
  const seen = new WeakSet<object>();
  async function* run(): AsyncGenerator<T> {
    const it = await generator();
    if (it === null || typeof it !== 'object' || typeof (it as { next?: unknown }).next !== 'function') {
      throw new Error(`data.generator: the function returned ${it === null ? 'null' : typeof it}; expected an iterator (an object with next()), as a generator function returns`);
    }
    if (seen.has(it)) throw new Error('data.generator: the function returned the same iterator as on an earlier pass; a dataset needs a fresh iterator per pass (epoch): make a new one on each call, e.g. with a generator function');
    seen.add(it);
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return new Dataset(() => run(), null, { op: 'generator', args: [generator.name], inputs: [] });
}

/** Datasets to zip: an array or an object of datasets, nested as deep as wanted. */
export type ZipInput = Dataset<unknown> | readonly ZipInput[] | { readonly [key: string]: ZipInput };

/** The datasets of `layout` in order (array index, then object key order), and a function putting values back in its shape. */
function leaves(layout: ZipInput, path: string, out: Dataset<unknown>[]): (values: unknown[]) => unknown {
  if (layout instanceof Dataset) {
    const at = out.length;
    out.push(layout);
    return (values) => values[at];
  }
  if (layout === null || typeof layout !== 'object') throw new Error(`data.zip: ${path} is ${layout === null ? 'null' : typeof layout}; the leaves of the structure must be Datasets`);
  if (Array.isArray(layout)) {
    const parts = layout.map((d, i) => leaves(d, `${path}[${i}]`, out));
    return (values) => parts.map((f) => f(values));
  }
  const entries = Object.entries(layout as Record<string, ZipInput>).map(([k, d]) => [k, leaves(d, `${path}.${k}`, out)] as const);
  return (values) => Object.fromEntries(entries.map(([k, f]) => [k, f(values)]));
}

/**
 * Elements of several datasets side by side, in the structure given (TF.js `tf.data.zip`):
 * `zip([a, b])` yields `[aElement, bElement]`, `zip({xs: a, ys: b})` yields `{xs, ys}`; it ends
 * with the shortest.
 * @example data.zip({ xs: data.array(features), ys: data.array(labels) }).batch(32)
 */
export function zip<T = unknown>(datasets: ZipInput): Dataset<T> {
  if (datasets === null || typeof datasets !== 'object' || datasets instanceof Dataset) {
    throw new Error(`data.zip: expected an array or an object of Datasets. Received: ${datasets instanceof Dataset ? 'a single Dataset' : datasets === null ? 'null' : typeof datasets}`);
  }
  const all: Dataset<unknown>[] = [];
  const assemble = leaves(datasets, 'datasets', all);
  if (all.length === 0) throw new Error('data.zip: the structure holds no Dataset');
  const sizes = all.map((d) => d.size);
  const size = sizes.some((s) => s === null) ? null : Math.min(...(sizes as number[]));
  const open = (p: PassPath): AsyncIterator<T> => zipStreams(all.map((d) => d.open(p)), assemble) as AsyncIterator<T>;
  return new Dataset(open, size, { op: 'zip', args: [JSON.stringify(datasets, (_k, v: unknown) => (v instanceof Dataset ? '<dataset>' : v))], inputs: all.map((d) => d.lineage) });
}
