/** Deterministic synthetic training data for the training workloads (xorshift32, no Math.random). */

import { uniformFloat32 } from './inputs.js';

/** Rows of features and one-hot labels, row-major, shared by SameBits and TF.js. */
export interface ClassificationData {
  samples: number;
  features: number;
  classes: number;
  /** samples × features values in [0, 1). */
  x: Float32Array;
  /** samples × classes one-hot rows. */
  y: Float32Array;
}

/**
 * MNIST-shaped data: features uniform in [0, 1) and the label of each row the argmax of a fixed
 * random linear map of it (centred, so that no class dominates), so the task is learnable and the loss falls as training goes on.
 * @example mnistLike(4096, 784, 10, 1)
 */
export function mnistLike(samples: number, features: number, classes: number, seed: number): ClassificationData {
  const x = uniformFloat32(samples * features, seed).map((v) => (v + 1) / 2);
  const w = uniformFloat32(features * classes, seed + 1);
  const y = new Float32Array(samples * classes);
  for (let r = 0; r < samples; r++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let score = 0;
      for (let f = 0; f < features; f++) score += ((x[r * features + f] as number) - 0.5) * (w[f * classes + c] as number);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    y[r * classes + best] = 1;
  }
  return { samples, features, classes, x, y };
}

/** The XOR truth table for the tiny 2-3-1 network: 4 rows of 2 inputs, 1 target each. */
export function xorData(): { x: Float32Array; y: Float32Array } {
  return { x: Float32Array.of(0, 0, 0, 1, 1, 0, 1, 1), y: Float32Array.of(0, 1, 1, 0) };
}
