/** Per-step constants of an Adam update, all float32 values (see `adamUpdate`). */
export interface AdamConstants {
  /** f(f(lr·f(√f(1 − β2^t))) / f(1 − β1^t)). */
  alpha: number;
  /** f(1 − β1). */
  c1: number;
  /** f(1 − β2). */
  c2: number;
  /** f(ε). */
  eps: number;
}

/**
 * Adam with Keras 3 numerics, in place (`f` = Math.fround, each step one float32 operation).
 * Reference order, per element in increasing index: m ← f(m + f(f(g − m)·c1));
 * v ← f(v + f(f(f(g·g) − v)·c2)); with AMSGrad v̂ ← max(v̂, v) (Math.max: NaN wins, max(−0, +0)
 * = +0), else v̂ = v; w ← f(w − f(f(m·α) / f(f(√v̂) + ε))). Elements are independent.
 */
export function adamUpdate(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vHat: Float32Array | null, c: AdamConstants): void {
  const f = Math.fround;
  const { alpha, c1, c2, eps } = c;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] as number;
    m[i] = (m[i] as number) + f(f(gi - (m[i] as number)) * c1);
    v[i] = (v[i] as number) + f(f(f(gi * gi) - (v[i] as number)) * c2);
    if (vHat) vHat[i] = Math.max(vHat[i] as number, v[i] as number);
    const vh = (vHat ?? v)[i] as number;
    w[i] = (w[i] as number) - f(f((m[i] as number) * alpha) / f(f(Math.sqrt(vh)) + eps));
  }
}
