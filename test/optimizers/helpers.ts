import { expect } from 'vitest';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { tensor1d, variable } from '../../src/ops/create.js';

/**
 * Tolerance against the float64 references of the update-rule tests: normwise relative error
 * ≤ 1e-6, i.e. max|ours − ref| ≤ 1e-6 · max|ref| (float32 unit roundoff is 6e-8; a few steps of
 * a few roundings each stay well below 1e-6, a wrong formula or order of constants is far above).
 */
export const TOLERANCE = 1e-6;

/** The starting weights of the update-rule tests (and of testdata/keras-emulation.py: change both together). */
export const W0: readonly number[] = [1, -0.5, 0.25, 2];

/** Four steps of gradients for W0 (the same in testdata/keras-emulation.py). */
export const GRADS: readonly (readonly number[])[] = [
  [0.5, -1, 2, 0],
  [0.25, 0.5, -3, 0.125],
  [-0.75, 1.5, 1, -0.5],
  [0.1, -0.2, 0.3, 0.4],
];

/** The first three steps of GRADS (the SGD, Adagrad and Adadelta tests take three). */
export const THREE_STEPS: readonly (readonly number[])[] = GRADS.slice(0, 3);

/** Applies `opt` to a fresh variable holding `w0`, once per gradient of `grads`; its values after. */
export function run(opt: Optimizer, grads = GRADS, w0 = W0): Float32Array {
  const w = variable(tensor1d(w0));
  for (const g of grads) opt.apply([{ variable: w, gradient: tensor1d(g) }]);
  return w.values as Float32Array;
}

/** Asserts max|actual − expected| ≤ TOLERANCE · max|expected|. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  const scale = Math.max(...Array.from(expected, Math.abs));
  const error = Math.max(...Array.from(expected, (e, i) => Math.abs((actual[i] as number) - e)));
  expect(error / scale).toBeLessThanOrEqual(TOLERANCE);
}
