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

/** Per-step constants of an SGD update, float32 values (see `sgdUpdate`). */
export interface SgdConstants {
  /** f(learning rate). */
  lr: number;
  /** f(μ); unused without a momentum slot. */
  momentum: number;
  /** Whether the Nesterov form is used (only with a momentum slot). */
  nesterov: boolean;
}

/**
 * SGD with Keras 3 numerics, in place (`f` = Math.fround, each step one float32 operation).
 * Reference order, per element in increasing index: without momentum (`m` null)
 * w ← f(w − f(g·lr)); with momentum m ← f(f(m·μ) − f(g·lr)), then w ← f(w + m), or with
 * Nesterov w ← f(w + f(f(m·μ) − f(g·lr))) using the new m. Elements are independent.
 */
export function sgdUpdate(w: Float32Array, g: Float32Array, m: Float32Array | null, c: SgdConstants): void {
  const { lr, momentum: mu, nesterov } = c;
  if (!m) {
    for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) - Math.fround((g[i] as number) * lr);
    return;
  }
  for (let i = 0; i < w.length; i++) {
    const gLr = Math.fround((g[i] as number) * lr);
    m[i] = Math.fround((m[i] as number) * mu) - gLr;
    w[i] = nesterov ? (w[i] as number) + Math.fround(Math.fround((m[i] as number) * mu) - gLr) : (w[i] as number) + (m[i] as number);
  }
}

/** Per-step constants of an RMSprop update, float32 values (see `rmspropUpdate`). */
export interface RmspropConstants {
  /** f(learning rate). */
  lr: number;
  /** f(ρ). */
  rho: number;
  /** f(1 − ρ), the difference formed in float64. */
  c: number;
  /** f(μ); unused without a momentum slot. */
  momentum: number;
  /** f(ε). */
  eps: number;
}

/**
 * RMSprop with Keras 3 numerics, in place (`f` = Math.fround). Reference order, per element in
 * increasing index: v ← f(f(ρ·v) + f(c·f(g·g))); centered (`mg` given): a ← f(f(ρ·a) + f(c·g)),
 * d = f(f(v − f(a·a)) + ε), else d = f(v + ε); inc = f(f(lr·g) / f(√d)); with a momentum slot
 * mom ← f(f(μ·mom) + inc), w ← f(w − mom), else w ← f(w − inc). Elements are independent.
 */
export function rmspropUpdate(w: Float32Array, g: Float32Array, v: Float32Array, mom: Float32Array | null, mg: Float32Array | null, c: RmspropConstants): void {
  const f = Math.fround;
  const { lr, rho, c: c1, momentum: mu, eps } = c;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] as number;
    v[i] = f(rho * (v[i] as number)) + f(c1 * f(gi * gi));
    let d: number;
    if (mg) {
      mg[i] = f(rho * (mg[i] as number)) + f(c1 * gi);
      d = f(f((v[i] as number) - f((mg[i] as number) * (mg[i] as number))) + eps);
    } else {
      d = f((v[i] as number) + eps);
    }
    const inc = f(f(lr * gi) / f(Math.sqrt(d)));
    if (mom) {
      mom[i] = f(mu * (mom[i] as number)) + inc;
      w[i] = (w[i] as number) - (mom[i] as number);
    } else {
      w[i] = (w[i] as number) - inc;
    }
  }
}

/**
 * Adagrad with Keras 3 numerics, in place (`f` = Math.fround; lr, ε float32). Reference order,
 * per element in increasing index: acc ← f(acc + f(g·g)); w ← f(w − f(f(lr·g) / f(√f(acc + ε)))).
 * Elements are independent.
 */
export function adagradUpdate(w: Float32Array, g: Float32Array, acc: Float32Array, lr: number, eps: number): void {
  const f = Math.fround;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] as number;
    acc[i] = (acc[i] as number) + f(gi * gi);
    w[i] = (w[i] as number) - f(f(lr * gi) / f(Math.sqrt(f((acc[i] as number) + eps))));
  }
}

/** Per-step constants of an Adadelta update, float32 values (see `adadeltaUpdate`). */
export interface AdadeltaConstants {
  /** f(learning rate). */
  lr: number;
  /** f(ρ). */
  rho: number;
  /** f(1 − ρ), the difference formed in float64. */
  c: number;
  /** f(ε). */
  eps: number;
}

/**
 * Adadelta with Keras 3 numerics, in place (`f` = Math.fround). Reference order, per element in
 * increasing index: Eg ← f(f(ρ·Eg) + f(c·f(g·g))); Δ = −f(f(f(√f(Edx + ε))·g) / f(√f(Eg + ε)))
 * with the previous Edx and the new Eg; Edx ← f(f(ρ·Edx) + f(c·f(Δ·Δ))); w ← f(w + f(lr·Δ)).
 * Elements are independent.
 */
export function adadeltaUpdate(w: Float32Array, g: Float32Array, eg: Float32Array, edx: Float32Array, c: AdadeltaConstants): void {
  const f = Math.fround;
  const { lr, rho, c: c1, eps } = c;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] as number;
    eg[i] = f(rho * (eg[i] as number)) + f(c1 * f(gi * gi));
    const delta = -f(f(f(Math.sqrt(f((edx[i] as number) + eps))) * gi) / f(Math.sqrt(f((eg[i] as number) + eps))));
    edx[i] = f(rho * (edx[i] as number)) + f(c1 * f(delta * delta));
    w[i] = (w[i] as number) + f(lr * delta);
  }
}

/** Per-step constants of an Adamax update, float32 values (see `adamaxUpdate`). */
export interface AdamaxConstants {
  /** f(learning rate), after any TF.js decay. */
  lr: number;
  /** f(1 − β1^t). */
  correction: number;
  /** f(1 − β1), the difference formed in float64. */
  c1: number;
  /** f(β2). */
  beta2: number;
  /** f(ε). */
  eps: number;
}

/**
 * Adamax with Keras 3 numerics, in place (`f` = Math.fround). Reference order, per element in
 * increasing index: m ← f(m + f(f(g − m)·c1)); u ← max(f(β2·u), |g|) (Math.max: NaN wins,
 * max(−0, +0) = +0); w ← f(w − f(f(lr·m) / f(correction·f(u + ε)))). Elements are independent.
 */
export function adamaxUpdate(w: Float32Array, g: Float32Array, m: Float32Array, u: Float32Array, c: AdamaxConstants): void {
  const f = Math.fround;
  const { lr, correction, c1, beta2, eps } = c;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] as number;
    m[i] = (m[i] as number) + f(f(gi - (m[i] as number)) * c1);
    u[i] = Math.max(f(beta2 * (u[i] as number)), Math.abs(gi));
    w[i] = (w[i] as number) - f(f(lr * (m[i] as number)) / f(correction * f((u[i] as number) + eps)));
  }
}
