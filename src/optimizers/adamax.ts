import type { ConfigDict } from '../initializers/initializer.js';
import { adamaxUpdate } from '../kernels/index.js';
import { betaPower } from './beta-power.js';
import type { OptimizerOptions, Step } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { numberOption } from './options.js';

/** Adamax options (Keras `Adamax` arguments, plus TF.js's learning-rate `decay`). */
export interface AdamaxOptions extends OptimizerOptions {
  beta1?: number | null | undefined;
  beta_1?: number | null | undefined;
  beta2?: number | null | undefined;
  beta_2?: number | null | undefined;
  epsilon?: number | null | undefined;
  /** TF.js learning-rate decay: lr_k = lr / (1 + decay·k), k = iterations; 0 (default) is Keras. */
  decay?: number | null | undefined;
}

/**
 * Adamax (Kingma & Ba, 2014, §7.1) with Keras 3 numerics and defaults: lr 0.001, β1 0.9,
 * β2 0.999, ε 1e-7.
 *
 * Reference order (Keras `adamax.py`; `f` = Math.fround): β1^t by `betaPower`; c1 = f(1 − β1)
 * formed in float64; β2, ε rounded to float32. Per element: m ← f(m + f(f(g − m)·c1));
 * u ← max(f(β2·u), |g|); w ← f(w − f(f(lr·m) / f(f(1 − β1^t)·f(u + ε)))).
 * With TF.js `decay` > 0 the lr used is f(lr / f(1 + f(decay·k))) for iteration k = 0, 1, ...
 *
 * Slots: `<var>/m` (first moment) and `<var>/v` (the infinity norm u), the names TF.js gives
 * its Adamax variables.
 * @example const opt = new Adamax({ learningRate: 0.002 });
 */
export class Adamax extends Optimizer {
  static override readonly className: string = 'Adamax';
  static override readonly optionNames: readonly string[] = ['beta1', 'beta_1', 'beta2', 'beta_2', 'epsilon', 'decay'];

  /** Decay rate of the first moment. */
  readonly beta1: number;
  /** Decay rate of the infinity norm. */
  readonly beta2: number;
  /** Added to u. */
  readonly epsilon: number;
  /** TF.js learning-rate decay per iteration (0: none). */
  readonly decay: number;

  constructor(options: AdamaxOptions = {}) {
    super(options);
    const owner = this.className;
    this.beta1 = numberOption(owner, options, ['beta1', 'beta_1'], 0.9, 'unitOpen');
    this.beta2 = numberOption(owner, options, ['beta2', 'beta_2'], 0.999, 'unitOpen');
    this.epsilon = numberOption(owner, options, ['epsilon'], 1e-7, 'nonNegative');
    this.decay = numberOption(owner, options, ['decay'], 0, 'nonNegative');
  }

  protected override slotNames(): readonly string[] {
    return ['m', 'v'];
  }

  protected override update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], step: Step): void {
    const f = Math.fround;
    const lr = this.decay === 0 ? step.learningRate : f(step.learningRate / f(1 + f(f(this.decay) * step.iteration)));
    const correction = f(1 - betaPower(this.beta1, step.t));
    const c = { lr, correction, c1: f(1 - this.beta1), beta2: f(this.beta2), eps: f(this.epsilon) };
    adamaxUpdate(w, g, slots[0] as Float32Array, slots[1] as Float32Array, c);
  }

  protected override ownConfig(): ConfigDict {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, decay: this.decay };
  }
}
