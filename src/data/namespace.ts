import { array, generator, zip } from './sources.js';
import { csv } from './csv.js';

/** The `data` namespace of the public API (TF.js `tf.data`). */
export interface DataNamespace {
  array: typeof array;
  generator: typeof generator;
  csv: typeof csv;
  zip: typeof zip;
}

/**
 * TF.js's `tf.data`: `data.array`, `data.generator`, `data.csv`, `data.zip`.
 * @example const ds = data.array([1, 2, 3]).shuffle(3, 7).batch(2);
 */
export const data: DataNamespace = { array, generator, csv, zip };
