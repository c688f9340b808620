import { clipByGlobalNorm, clipByNorm, clipByValue, sumOfSquares } from '../kernels/index.js';

/** The clipping an optimizer applies to gradients before its update; at most one is non-null. */
export interface ClipSettings {
  clipNorm: number | null;
  clipValue: number | null;
  globalClipNorm: number | null;
}

/** ‖G‖₂ as float32: √(Σ g² over the arrays in order, then over indices in order, in float64). */
function norm(grads: readonly Float32Array[]): number {
  let sum = 0;
  for (const g of grads) sum = sumOfSquares(g, sum);
  return Math.fround(Math.sqrt(sum));
}

/**
 * Keras `clipnorm`, per tensor: g ← g·c / max(‖g‖₂, c). Reference order: ‖g‖₂ = float32 of
 * √(Σ g² in float64, index order); then each element fround(fround(g·c) / max(‖g‖₂, c)).
 * A zero gradient stays zero; a NaN norm makes every element NaN, as in Keras.
 */
function clipEachByNorm(g: Float32Array, clipNorm: number): Float32Array {
  const out = new Float32Array(g.length);
  clipByNorm(g, out, Math.fround(clipNorm), norm([g]));
  return out;
}

/**
 * Keras `global_clipnorm`: every g ← g·s with s = c·min(1/‖G‖₂, 1/c) + (‖G‖₂ − ‖G‖₂), where
 * ‖G‖₂ is the float32 of √(Σ over all tensors, in order, of Σ g² in float64, index order).
 * 1/c is formed in float64 and rounded, as Keras does with a Python float.
 */
function clipAllByGlobalNorm(grads: readonly Float32Array[], clipNorm: number): Float32Array[] {
  const n = norm(grads);
  const c = Math.fround(clipNorm);
  const finiteScale = Math.fround(c * Math.min(Math.fround(1 / n), Math.fround(1 / clipNorm)));
  // NOTE: norm − norm is 0 for a finite norm and NaN for Infinity or NaN: a non-finite
  // gradient poisons every gradient instead of being silently scaled to zero.
  const scale = Math.fround(finiteScale + Math.fround(n - n));
  return grads.map((g) => {
    const out = new Float32Array(g.length);
    clipByGlobalNorm(g, out, scale);
    return out;
  });
}

/** Keras `clipvalue`: each element clamped into [−c, c] (NaN stays NaN). */
function clipEachByValue(g: Float32Array, clipValue: number): Float32Array {
  const out = new Float32Array(g.length);
  clipByValue(g, out, Math.fround(clipValue));
  return out;
}

/**
 * The gradients after the optimizer's clipping (Keras `_clip_gradients`). The inputs are never
 * modified; without clipping they are returned as they are. Stores into a Float32Array round
 * as Math.fround does.
 */
export function clipGradients(grads: readonly Float32Array[], clip: ClipSettings): readonly Float32Array[] {
  const { clipNorm, globalClipNorm, clipValue } = clip;
  if (clipNorm !== null) return grads.map((g) => clipEachByNorm(g, clipNorm));
  if (globalClipNorm !== null) return clipAllByGlobalNorm(grads, globalClipNorm);
  if (clipValue !== null) return grads.map((g) => clipEachByValue(g, clipValue));
  return grads;
}
