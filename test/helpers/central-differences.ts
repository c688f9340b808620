import type { Ref } from './reference.js';

/** Central-difference step, relative to max(1, |x|). */
const STEP = 1e-6;

/**
 * Σ w·r in float64: the scalar loss L = Σ w·f(x) whose gradient the harnesses check.
 * @example const loss = weightedSum(reference(refs), w);
 */
export function weightedSum(r: Ref, w: Float32Array): number {
  let total = 0;
  for (let i = 0; i < r.data.length; i++) total += (w[i] as number) * (r.data[i] as number);
  return total;
}

/**
 * The numerical gradient of `loss` with respect to every element of `target`: float64 central
 * differences (L(x + h) − L(x − h)) / 2h with h = 1e-6 · max(1, |x|). `target` is perturbed in
 * place (and restored), so `loss` must read it: it is one of the Refs the reference closes over.
 * @example const numeric = centralDifferences(xRef, () => weightedSum(reference(xRef), w));
 */
export function centralDifferences(target: Ref, loss: () => number): Float64Array {
  const numeric = new Float64Array(target.data.length);
  for (let e = 0; e < numeric.length; e++) {
    const v0 = target.data[e] as number;
    const h = STEP * Math.max(1, Math.abs(v0));
    target.data[e] = v0 + h;
    const plus = loss();
    target.data[e] = v0 - h;
    const minus = loss();
    target.data[e] = v0;
    numeric[e] = (plus - minus) / (2 * h);
  }
  return numeric;
}
