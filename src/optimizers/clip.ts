/** The clipping an optimizer applies to gradients before its update; at most one is non-null. */
export interface ClipSettings {
  clipNorm: number | null;
  clipValue: number | null;
  globalClipNorm: number | null;
}

/** Σ g² over the arrays in order, then over indices in order, in float64. */
function sumOfSquares(grads: readonly Float32Array[]): number {
  // NOTE: the square of a float32 is exact in float64 (48 significant bits), so only the
  // additions round; float64 also cannot overflow here where a float32 sum could.
  let sum = 0;
  for (const g of grads) {
    for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
  }
  return sum;
}

/**
 * Keras `clipnorm`, per tensor: g ← g·c / max(‖g‖₂, c). Reference order: ‖g‖₂ = float32 of
 * √(Σ g² in float64, index order); then each element fround(fround(g·c) / max(‖g‖₂, c)).
 * A zero gradient stays zero; a NaN norm makes every element NaN, as in Keras.
 */
function clipByNorm(g: Float32Array, clipNorm: number): Float32Array {
  const norm = Math.fround(Math.sqrt(sumOfSquares([g])));
  const c = Math.fround(clipNorm);
  const denominator = Math.max(norm, c);
  const out = new Float32Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = Math.fround(g[i] * c) / denominator;
  return out;
}

/**
 * Keras `global_clipnorm`: every g ← g·s with s = c·min(1/‖G‖₂, 1/c) + (‖G‖₂ − ‖G‖₂), where
 * ‖G‖₂ is the float32 of √(Σ over all tensors, in order, of Σ g² in float64, index order).
 * 1/c is formed in float64 and rounded, as Keras does with a Python float.
 */
function clipByGlobalNorm(grads: readonly Float32Array[], clipNorm: number): Float32Array[] {
  const norm = Math.fround(Math.sqrt(sumOfSquares(grads)));
  const c = Math.fround(clipNorm);
  const finiteScale = Math.fround(c * Math.min(Math.fround(1 / norm), Math.fround(1 / clipNorm)));
  // NOTE: norm − norm is 0 for a finite norm and NaN for Infinity or NaN: a non-finite
  // gradient poisons every gradient instead of being silently scaled to zero.
  const scale = Math.fround(finiteScale + Math.fround(norm - norm));
  return grads.map((g) => {
    const out = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) out[i] = g[i] * scale;
    return out;
  });
}

/** Keras `clipvalue`: each element clamped into [−c, c] (NaN stays NaN). */
function clipByValue(g: Float32Array, clipValue: number): Float32Array {
  const hi = Math.fround(clipValue);
  const lo = -hi;
  const out = new Float32Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = Math.min(Math.max(g[i], lo), hi);
  return out;
}

/**
 * The gradients after the optimizer's clipping (Keras `_clip_gradients`). The inputs are never
 * modified; without clipping they are returned as they are. Stores into a Float32Array round
 * as Math.fround does.
 */
export function clipGradients(grads: readonly Float32Array[], clip: ClipSettings): readonly Float32Array[] {
  const { clipNorm, globalClipNorm, clipValue } = clip;
  if (clipNorm !== null) return grads.map((g) => clipByNorm(g, clipNorm));
  if (globalClipNorm !== null) return clipByGlobalNorm(grads, globalClipNorm);
  if (clipValue !== null) return grads.map((g) => clipByValue(g, clipValue));
  return grads;
}

/**
 * Decoupled weight decay (Keras `_apply_weight_decay`), in place: w ← w − fround(fround(w·wd)·lr),
 * with wd and lr already float32.
 */
export function decayWeights(w: Float32Array, weightDecay: number, learningRate: number): void {
  for (let i = 0; i < w.length; i++) w[i] = w[i] - Math.fround(Math.fround(w[i] * weightDecay) * learningRate);
}
