/**
 * Decoupled weight decay (Keras `_apply_weight_decay`), in place, wd and lr float32.
 * Reference order, per element in increasing index: w ← f(w − f(f(w·wd)·lr)) (`f` = Math.fround).
 */
export function decayWeights(w: Float32Array, weightDecay: number, learningRate: number): void {
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) - Math.fround(Math.fround((w[i] as number) * weightDecay) * learningRate);
}

/**
 * `acc` plus the sum of squares of `x`, in float64. Reference order: s = acc; for i = 0 … n−1
 * in increasing index: s = s + x[i]·x[i], each addition rounded to float64 (the square of a
 * float32 is exact in float64). Chaining calls (`acc` = the previous result) sums several arrays
 * as one sequence.
 */
export function sumOfSquares(x: Float32Array, acc: number): number {
  // NOTE: float64 also cannot overflow here where a float32 sum could.
  let sum = acc;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) * (x[i] as number);
  return sum;
}

/**
 * Keras `clipnorm`'s scaling: out[i] = g[i]·c / max(norm, c), c and norm float32.
 * Reference order, per element: out[i] = f(f(g[i]·c) / max(norm, c)) (`f` = Math.fround;
 * Math.max: a NaN norm wins).
 */
export function clipByNorm(g: Float32Array, out: Float32Array, clipNorm: number, norm: number): void {
  const denominator = Math.max(norm, clipNorm);
  for (let i = 0; i < g.length; i++) out[i] = Math.fround((g[i] as number) * clipNorm) / denominator;
}

/** Keras `global_clipnorm`'s scaling, `scale` float32. Reference order, per element: out[i] = f(g[i]·scale). */
export function clipByGlobalNorm(g: Float32Array, out: Float32Array, scale: number): void {
  for (let i = 0; i < g.length; i++) out[i] = (g[i] as number) * scale;
}

/**
 * Keras `clipvalue`, `clipValue` float32. Reference order, per element:
 * out[i] = min(max(g[i], −c), c) with Math.max/min (NaN stays NaN, −0 stays −0).
 */
export function clipByValue(g: Float32Array, out: Float32Array, clipValue: number): void {
  const lo = -clipValue;
  for (let i = 0; i < g.length; i++) out[i] = Math.min(Math.max(g[i] as number, lo), clipValue);
}
