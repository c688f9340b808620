import { fsum } from '../math/index.js';
import type { HasWeights } from '../models/fingerprint.js';

// fingerprint lives in models/ (fit's non-finite-loss warning uses it); re-exported here, unchanged.
export { fingerprint } from '../models/fingerprint.js';
export type { HasWeights } from '../models/fingerprint.js';

/**
 * The exact sum (fsum, correctly rounded) of every trainable weight: the number the Keras
 * community prints to watch weights drift, here independent of summation order. Print it with
 * `.toFixed(13)`.
 * @example summarizeTrainableVariables(model).toFixed(13)
 */
export function summarizeTrainableVariables(model: HasWeights): number {
  const values: number[] = [];
  for (const v of model.trainableWeights) for (const x of v.values) values.push(x);
  return fsum(values);
}
