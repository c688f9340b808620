import { expect } from 'vitest';
import { grads } from '../../src/ops/gradients.js';
import { Tensor } from '../../src/ops/tensor.js';
import type { Ref } from './reference.js';
import { ref } from './reference.js';
import { xorshift } from './rng.js';

/**
 * Gradient tolerance: every analytic gradient element must be within 1e-3 · max|numerical
 * gradient| of the numerical one. SameBits computes in float32 (unit roundoff 6e-8), so a correct
 * gradient is off by ~1e-6 relative; a wrong formula is off by O(1).
 */
export const GRADIENT_TOLERANCE = 1e-3;

/** Forward tolerance: |op − reference| ≤ 1e-5 · max|reference| per element. */
export const FORWARD_TOLERANCE = 1e-5;

/** Central-difference step, relative to max(1, |x|). */
const STEP = 1e-6;

/** What `checkGradients` needs: the op, its float64 reference and the point to check at. */
export interface GradCheck {
  /** The SameBits function under test, of the tensors being differentiated. */
  op: (...xs: Tensor[]) => Tensor;
  /** The same function in float64, written in the test. */
  reference: (...xs: Ref[]) => Ref;
  /** float32 points to differentiate at (constants such as indices are closed over instead). */
  inputs: readonly Tensor[];
  /** Seed of the random output weights w. */
  seed?: number;
}

/** Errors `checkGradients` measured, for reporting. */
export interface GradCheckResult {
  forwardError: number;
  gradientErrors: number[];
}

/** Σ w·r in float64. */
function weightedSum(r: Ref, w: Float32Array): number {
  let total = 0;
  for (let i = 0; i < r.data.length; i++) total += (w[i] as number) * (r.data[i] as number);
  return total;
}

/**
 * Checks an op's forward against its float64 reference, then the gradient of L = Σ w·op(x), for
 * random float32 weights w (passed as `dy` to `grads`), against float64 central differences of
 * L on the reference: (L(x + h) − L(x − h)) / 2h with h = 1e-6 · max(1, |x|). Non-finite inputs
 * (e.g. −Infinity logits) are not perturbed; their numerical gradient is taken as 0.
 * @example checkGradients({ op: (x) => exp(x), reference: (x) => map(x, Math.exp), inputs: [t] })
 */
export function checkGradients(check: GradCheck): GradCheckResult {
  const { op, reference, inputs, seed = 7 } = check;
  const y = op(...inputs);
  const refs = inputs.map(ref);
  const r = reference(...refs);
  expect(y.shape, 'output shape').toEqual(r.shape);
  let scale = 0;
  for (const v of r.data) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  let forwardError = 0;
  y.values.forEach((v, i) => {
    const expected = r.data[i] as number;
    if (!Number.isFinite(expected)) {
      expect(v, `forward element ${i}`).toBe(expected);
      return;
    }
    forwardError = Math.max(forwardError, Math.abs(v - expected));
  });
  expect(forwardError, 'forward error').toBeLessThanOrEqual(FORWARD_TOLERANCE * scale);

  const rng = xorshift(seed);
  const w = new Float32Array(y.size).map(() => Math.fround(rng.uniform(-1, 1)));
  const analytic = grads(op)(inputs, new Tensor(w, y.shape, 'float32'));
  const gradientErrors = refs.map((x, j) => {
    const g = analytic[j] as Tensor;
    expect(g.shape, `shape of gradient ${j}`).toEqual(x.shape);
    const numeric = new Float64Array(x.data.length);
    for (let e = 0; e < x.data.length; e++) {
      const v = x.data[e] as number;
      if (!Number.isFinite(v)) continue;
      const h = STEP * Math.max(1, Math.abs(v));
      x.data[e] = v + h;
      const plus = weightedSum(reference(...refs), w);
      x.data[e] = v - h;
      const minus = weightedSum(reference(...refs), w);
      x.data[e] = v;
      numeric[e] = (plus - minus) / (2 * h);
    }
    let gScale = 0;
    for (const v of numeric) gScale = Math.max(gScale, Math.abs(v));
    let error = 0;
    g.values.forEach((v, e) => {
      expect(Number.isFinite(v), `gradient ${j} element ${e} is finite (got ${v})`).toBe(true);
      error = Math.max(error, Math.abs(v - (numeric[e] as number)));
    });
    const allowed = GRADIENT_TOLERANCE * Math.max(gScale, 1e-3);
    expect(error, `gradient ${j}: max |analytic − numerical| (numerical scale ${gScale})`).toBeLessThanOrEqual(allowed);
    return error / Math.max(gScale, 1e-3);
  });
  return { forwardError: scale > 0 ? forwardError / scale : forwardError, gradientErrors };
}
