/**
 * Float64 reference update rules, one per optimizer, in two flavours: `keras` (Keras 3
 * `keras/src/optimizers/*.py`, the rules SameBits implements) and `tfjs` (TF.js 4.22
 * `@tensorflow/tfjs-core/dist/optimizers/*_optimizer.js`), both as REFERENCE.md §2 states
 * them. Only where the two differ does the flavour matter. Bias corrections use the float32 β,
 * as both libraries do: Keras raises it to the power t once (`ops.power(cast(β), t)`), TF.js
 * keeps β^t in a float32 variable multiplied by β after every step, and those t roundings are
 * part of its result (they move TF.js's Adam losses by about 3e-6 relative over 20 steps, so the
 * `tfjs` flavour reproduces them). Written for clarity, not speed.
 */
export type Flavour = 'keras' | 'tfjs';

/** An optimizer and its hyperparameters (all given explicitly: defaults differ by library). */
export type OptimizerSpec =
  | { kind: 'sgd'; lr: number; momentum?: number; nesterov?: boolean }
  | { kind: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number }
  | { kind: 'adamax'; lr: number; beta1: number; beta2: number; epsilon: number }
  | { kind: 'rmsprop'; lr: number; rho: number; momentum: number; epsilon: number; centered: boolean }
  | { kind: 'adagrad'; lr: number; initial: number; epsilon: number }
  | { kind: 'adadelta'; lr: number; rho: number; epsilon: number };

/** Updates every parameter array in place from its gradient; call once per batch. */
export interface ReferenceOptimizer {
  step(params: Float64Array[], grads: Float64Array[]): void;
}

type Rule = (w: Float64Array, g: Float64Array, s: Float64Array[], t: number) => void;

/** β^t for step t (from 1) in the flavour's float32 arithmetic. */
function betaPower(beta: number, t: number, flavour: Flavour): number {
  const f = Math.fround;
  if (flavour === 'keras') return f(f(beta) ** t);
  let power = f(beta);
  for (let k = 1; k < t; k++) power = f(power * f(beta));
  return power;
}

function rule(spec: OptimizerSpec, flavour: Flavour): { slots: number; fill: number; apply: Rule } {
  switch (spec.kind) {
    case 'sgd': {
      const { lr, momentum: mu = 0, nesterov = false } = spec;
      // Keras keeps m = −lr·a where TF.js keeps the accumulation a; equal in exact arithmetic.
      return { slots: 1, fill: 0, apply: (w, g, [m]) => {
        for (let i = 0; i < w.length; i++) {
          m[i] = mu * m[i] - lr * g[i];
          w[i] += nesterov ? mu * m[i] - lr * g[i] : m[i];
        }
      } };
    }
    case 'adam': {
      const { lr, beta1, beta2, epsilon } = spec;
      return { slots: 2, fill: 0, apply: (w, g, [m, v], t) => {
        const c1 = 1 - betaPower(beta1, t, flavour);
        const c2 = 1 - betaPower(beta2, t, flavour);
        for (let i = 0; i < w.length; i++) {
          m[i] += (g[i] - m[i]) * (1 - beta1);
          v[i] += (g[i] ** 2 - v[i]) * (1 - beta2);
          // Keras adds ε to √v (so ε/√c2 to √v̂); TF.js adds ε to √v̂.
          w[i] -= flavour === 'keras'
            ? lr * Math.sqrt(c2) / c1 * m[i] / (Math.sqrt(v[i]) + epsilon)
            : lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        }
      } };
    }
    case 'adamax': {
      const { lr, beta1, beta2, epsilon } = spec;
      return { slots: 2, fill: 0, apply: (w, g, [m, u], t) => {
        const c1 = 1 - betaPower(beta1, t, flavour);
        for (let i = 0; i < w.length; i++) {
          m[i] += (g[i] - m[i]) * (1 - beta1);
          u[i] = Math.max(beta2 * u[i], Math.abs(g[i]));
          w[i] -= lr * m[i] / (c1 * (u[i] + epsilon));
        }
      } };
    }
    case 'rmsprop': {
      const { lr, rho, momentum, epsilon, centered } = spec;
      // TF.js's centered form subtracts ε under the root; Keras adds it.
      const eps = centered && flavour === 'tfjs' ? -epsilon : epsilon;
      return { slots: 3, fill: 0, apply: (w, g, [v, a, mom]) => {
        for (let i = 0; i < w.length; i++) {
          v[i] = rho * v[i] + (1 - rho) * g[i] ** 2;
          if (centered) a[i] = rho * a[i] + (1 - rho) * g[i];
          const inc = lr * g[i] / Math.sqrt(v[i] - (centered ? a[i] ** 2 : 0) + eps);
          mom[i] = momentum * mom[i] + inc;
          w[i] -= mom[i];
        }
      } };
    }
    case 'adagrad': {
      const { lr, initial, epsilon } = spec;
      return { slots: 1, fill: initial, apply: (w, g, [acc]) => {
        for (let i = 0; i < w.length; i++) {
          acc[i] += g[i] ** 2;
          w[i] -= lr * g[i] / Math.sqrt(acc[i] + epsilon);
        }
      } };
    }
    case 'adadelta': {
      const { lr, rho, epsilon } = spec;
      return { slots: 2, fill: 0, apply: (w, g, [eg, edx]) => {
        for (let i = 0; i < w.length; i++) {
          const egOld = eg[i];
          eg[i] = rho * egOld + (1 - rho) * g[i] ** 2;
          // Keras divides by the updated E[g²], TF.js by the previous one.
          const denominator = flavour === 'keras' ? eg[i] : egOld;
          const delta = Math.sqrt(edx[i] + epsilon) / Math.sqrt(denominator + epsilon) * g[i];
          edx[i] = rho * edx[i] + (1 - rho) * delta ** 2;
          w[i] -= lr * delta;
        }
      } };
    }
  }
}

/** A float64 optimizer following `flavour`'s rules for `spec`. */
export function referenceOptimizer(spec: OptimizerSpec, flavour: Flavour): ReferenceOptimizer {
  const { slots, fill, apply } = rule(spec, flavour);
  let state: Float64Array[][] | undefined;
  let t = 0;
  return {
    step(params, grads) {
      const slotsOf = (state ??= params.map((p) => Array.from({ length: slots }, () => new Float64Array(p.length).fill(fill))));
      t++;
      params.forEach((p, k) => apply(p, grads[k] as Float64Array, slotsOf[k] as Float64Array[], t));
    },
  };
}
