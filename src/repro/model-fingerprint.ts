import { fsum } from '../math/index.js';
import type { Variable } from '../tensor/tensor.js';
import { fingerprintTensors } from './fingerprint.js';

/** Anything with weights: a model or a layer. */
export interface HasWeights {
  readonly weights: Variable[];
  readonly trainableWeights: Variable[];
}

/**
 * SHA-256 (hex) of a model's weights: names, shapes and little-endian float32 bytes, in the
 * model's weight order (see `canonicalBytes`). Equal fingerprints mean bit-identical weights.
 * @example fingerprint(model) // 'c0ffee…'
 */
export function fingerprint(model: HasWeights): string {
  return fingerprintTensors(model.weights.map((v) => ({ name: v.name.replace(/^[^/]*\//, `${model.weights.indexOf(v)}/`), tensor: v })));
}

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
