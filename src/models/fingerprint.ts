import { fingerprintTensors } from '../tensor/fingerprint.js';
import type { Variable } from '../ops/tensor.js';

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
