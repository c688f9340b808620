import { add, mul, neg, reshape, rsqrt, sub } from '../ops/index.js';
import { scalar } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';

/**
 * `(x − mean) / √(variance + ε) · gamma + beta`, statistics and parameters shaped to broadcast
 * against x. Order of arithmetic, Keras 3
 * `ops.batch_normalization` / `layer_normalization` (JAX and TF backends): inv = 1 / √(variance + ε)
 * (float32 sum, correctly rounded √, float32 division), inv = inv · gamma, shift = beta − mean · inv
 * (or −(mean · inv)), out = x · inv + shift; every step rounded to float32. Gradients follow
 * from the ops. NOTE: TF.js computes (x − mean) · inv + beta instead: a few ulps apart.
 * @example normalize(x, mean, variance, gamma, beta, 1e-3)
 */
export function normalize(x: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor | null, beta: Tensor | null, epsilon: number): Tensor {
  let inv = rsqrt(add(variance, scalar(epsilon)));
  if (gamma) inv = mul(inv, gamma);
  const scaledMean = mul(mean, inv);
  const shift = beta ? sub(beta, scaledMean) : neg(scaledMean);
  return add(mul(x, inv), shift);
}

/**
 * `t` reshaped to `shape`, or null for none.
 * @example shaped(gamma, [1, 4, 1, 1]) // a per-channel vector broadcast over [batch, 4, h, w]
 */
export function shaped(t: Tensor | null, shape: number[]): Tensor | null {
  return t ? reshape(t, shape) : null;
}

/**
 * Axes of a rank-`rank` input, sorted: a negative axis counts from the end. Throws naming the layer.
 * @example resolveAxes('layer_normalization', [-1, 1], 3) // [1, 2]
 */
export function resolveAxes(layer: string, axis: number | readonly number[], rank: number): number[] {
  const list = typeof axis === 'number' ? [axis] : axis.slice();
  const resolved = list.map((a) => (a < 0 ? a + rank : a));
  if (resolved.some((a) => a < 0 || a >= rank) || new Set(resolved).size !== resolved.length) {
    throw new Error(`${layer}: axis ${JSON.stringify(axis)} is invalid for an input of rank ${rank}; expected distinct axes in [${-rank}, ${rank - 1}]`);
  }
  return resolved.sort((a, b) => a - b);
}
