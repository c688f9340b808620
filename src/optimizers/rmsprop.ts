import type { ConfigDict } from '../initializers/initializer.js';
import { rmspropUpdate } from '../kernels/index.js';
import type { OptimizerOptions, Step } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { booleanOption, numberOption } from './options.js';

/** RMSProp options (Keras `RMSprop` arguments; `decay` is the TF.js name of `rho`). */
export interface RMSPropOptions extends OptimizerOptions {
  rho?: number | null | undefined;
  decay?: number | null | undefined;
  momentum?: number | null | undefined;
  epsilon?: number | null | undefined;
  centered?: boolean | null | undefined;
}

/**
 * RMSProp (Hinton, 2012) with Keras 3 numerics and defaults: lr 0.001, ρ 0.9, momentum 0,
 * ε 1e-7; centered adds ε under the root (TF.js subtracts it).
 *
 * Reference order (Keras `rmsprop.py`; `f` = Math.fround): ρ, μ, ε rounded to float32,
 * c = f(1 − ρ) formed in float64. Per element: v ← f(f(ρ·v) + f(c·f(g·g)));
 * centered: a ← f(f(ρ·a) + f(c·g)), d = f(f(v − f(a·a)) + ε); else d = f(v + ε);
 * inc = f(f(lr·g) / f(√d)); μ > 0: mom ← f(f(μ·mom) + inc), w ← f(w − mom); else w ← f(w − inc).
 *
 * Slots, in TF.js order: `<var>/rms` (v), `<var>/momentum` (only when μ > 0, as in Keras),
 * `<var>/mg` (a, only when centered). `setWeights` ignores the `/momentum` slots a TF.js
 * checkpoint holds for μ = 0, which do not affect the update.
 * @example const opt = new RMSProp({ learningRate: 0.01, centered: true });
 */
export class RMSProp extends Optimizer {
  static override readonly className: string = 'RMSProp';
  static override readonly optionNames: readonly string[] = ['rho', 'decay', 'momentum', 'epsilon', 'centered'];

  /** Decay rate ρ of the mean square (TF.js `decay`). */
  readonly rho: number;
  /** Momentum μ (0: none). */
  readonly momentum: number;
  /** Added under the square root. */
  readonly epsilon: number;
  /** Whether the gradient's running mean is subtracted (centered RMSProp). */
  readonly centered: boolean;

  constructor(options: RMSPropOptions = {}) {
    super(options);
    const owner = this.className;
    this.rho = numberOption(owner, options, ['rho', 'decay'], 0.9, 'unit');
    this.momentum = numberOption(owner, options, ['momentum'], 0, 'unit');
    this.epsilon = numberOption(owner, options, ['epsilon'], 1e-7, 'nonNegative');
    this.centered = booleanOption(owner, options, ['centered'], false);
  }

  protected override slotNames(): readonly string[] {
    return ['rms', ...(this.momentum > 0 ? ['momentum'] : []), ...(this.centered ? ['mg'] : [])];
  }

  protected override ignoredSlotNames(): readonly string[] {
    return this.momentum > 0 ? [] : ['momentum'];
  }

  protected override update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], step: Step): void {
    const f = Math.fround;
    const v = slots[0] as Float32Array;
    const mom = this.momentum > 0 ? (slots[1] as Float32Array) : null;
    const mg = this.centered ? (slots[slots.length - 1] as Float32Array) : null;
    const c = { lr: step.learningRate, rho: f(this.rho), c: f(1 - this.rho), momentum: f(this.momentum), eps: f(this.epsilon) };
    rmspropUpdate(w, g, v, mom, mg, c);
  }

  protected override ownConfig(): ConfigDict {
    return { decay: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
