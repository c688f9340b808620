import type { ConfigDict } from '../initializers/initializer.js';
import { adadeltaUpdate } from '../kernels/index.js';
import type { OptimizerOptions, Step } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { numberOption } from './options.js';

/** Adadelta options (Keras `Adadelta` arguments). */
export interface AdadeltaOptions extends OptimizerOptions {
  rho?: number | null | undefined;
  epsilon?: number | null | undefined;
}

/**
 * Adadelta (Zeiler, 2012) with Keras 3 numerics and defaults: lr 0.001, ρ 0.95, ε 1e-7; the
 * step uses the *updated* E[g²] (TF.js uses the previous one). lr 1.0 is the paper's form.
 *
 * Reference order (Keras `adadelta.py`; `f` = Math.fround): ρ, ε rounded to float32,
 * c = f(1 − ρ) formed in float64. Per element: Eg ← f(f(ρ·Eg) + f(c·f(g·g)));
 * Δ = −f(f(f(√f(Edx + ε))·g) / f(√f(Eg + ε))); Edx ← f(f(ρ·Edx) + f(c·f(Δ·Δ)));
 * w ← f(w + f(lr·Δ)).
 *
 * Slots, as TF.js: `<var>/accum_grad` (E[g²]) and `<var>/accum_var` (E[Δx²]).
 * @example const opt = new Adadelta({ learningRate: 1 });
 */
export class Adadelta extends Optimizer {
  static override readonly className: string = 'Adadelta';
  static override readonly optionNames: readonly string[] = ['rho', 'epsilon'];

  /** Decay rate of both running averages. */
  readonly rho: number;
  /** Added under both square roots. */
  readonly epsilon: number;

  constructor(options: AdadeltaOptions = {}) {
    super(options);
    this.rho = numberOption(this.className, options, ['rho'], 0.95, 'unit');
    this.epsilon = numberOption(this.className, options, ['epsilon'], 1e-7, 'nonNegative');
  }

  protected override slotNames(): readonly string[] {
    return ['accum_grad', 'accum_var'];
  }

  protected override update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], step: Step): void {
    const f = Math.fround;
    const c = { lr: step.learningRate, rho: f(this.rho), c: f(1 - this.rho), eps: f(this.epsilon) };
    adadeltaUpdate(w, g, slots[0] as Float32Array, slots[1] as Float32Array, c);
  }

  protected override ownConfig(): ConfigDict {
    return { rho: this.rho, epsilon: this.epsilon };
  }
}
