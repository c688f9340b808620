import type { ConfigDict } from '../initializers/initializer.js';
import { adamUpdate } from '../kernels/index.js';
import { betaPower } from './beta-power.js';
import type { OptimizerOptions, Step } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { booleanOption, numberOption } from './options.js';

/** Adam options (Keras `Adam` arguments; `beta_1` etc. accepted too). */
export interface AdamOptions extends OptimizerOptions {
  beta1?: number | null | undefined;
  beta_1?: number | null | undefined;
  beta2?: number | null | undefined;
  beta_2?: number | null | undefined;
  epsilon?: number | null | undefined;
  /** Use the running maximum of v (AMSGrad, Reddi et al. 2018). */
  amsgrad?: boolean | null | undefined;
}

/**
 * Adam (Kingma & Ba, 2014) with Keras 3 numerics and defaults: lr 0.001, β1 0.9, β2 0.999,
 * ε 1e-7, ε added to the uncorrected √v.
 *
 * Reference order (Keras `adam.py`; `f` = Math.fround). Per step: β1^t, β2^t by `betaPower`;
 * α = f(f(lr·f(√f(1 − β2^t))) / f(1 − β1^t)); the constants c1 = f(1 − β1), c2 = f(1 − β2)
 * are formed in float64 then rounded (as Keras does with Python floats), ε = f(ε). Per element:
 * m ← f(m + f(f(g − m)·c1)); v ← f(v + f(f(f(g·g) − v)·c2)); AMSGrad: v̂ ← max(v̂, v), used
 * for v below; w ← f(w − f(f(m·α) / f(f(√v) + ε))). A square root is Math.sqrt then f, which
 * is the correctly rounded float32 square root.
 *
 * Slots: `<var>/m`, `<var>/v` (as TF.js), and with AMSGrad `<var>/vhat`.
 * @example const opt = new Adam({ learningRate: 0.01, amsgrad: true });
 */
export class Adam extends Optimizer {
  static override readonly className: string = 'Adam';
  static override readonly optionNames: readonly string[] = ['beta1', 'beta_1', 'beta2', 'beta_2', 'epsilon', 'amsgrad'];

  /** Decay rate of the first moment. */
  readonly beta1: number;
  /** Decay rate of the second moment. */
  readonly beta2: number;
  /** Added to √v. */
  readonly epsilon: number;
  /** Whether AMSGrad's running maximum of v is used. */
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}) {
    super(options);
    const owner = this.className;
    this.beta1 = numberOption(owner, options, ['beta1', 'beta_1'], 0.9, 'unitOpen');
    this.beta2 = numberOption(owner, options, ['beta2', 'beta_2'], 0.999, 'unitOpen');
    this.epsilon = numberOption(owner, options, ['epsilon'], 1e-7, 'nonNegative');
    this.amsgrad = booleanOption(owner, options, ['amsgrad'], false);
  }

  protected override slotNames(): readonly string[] {
    return this.amsgrad ? ['m', 'v', 'vhat'] : ['m', 'v'];
  }

  protected override update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], step: Step): void {
    const f = Math.fround;
    const beta1Power = betaPower(this.beta1, step.t);
    const beta2Power = betaPower(this.beta2, step.t);
    const alpha = f(f(step.learningRate * f(Math.sqrt(f(1 - beta2Power)))) / f(1 - beta1Power));
    const c1 = f(1 - this.beta1);
    const c2 = f(1 - this.beta2);
    const eps = f(this.epsilon);
    adamUpdate(w, g, slots[0] as Float32Array, slots[1] as Float32Array, this.amsgrad ? (slots[2] as Float32Array) : null, { alpha, c1, c2, eps });
  }

  protected override ownConfig(): ConfigDict {
    const config: ConfigDict = { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    if (this.amsgrad) config.amsgrad = true;
    return config;
  }
}

/** AdamW options: Adam's plus `weightDecay` (default 0.004). */
export type AdamWOptions = AdamOptions;

/**
 * AdamW (Loshchilov & Hutter, 2019), Keras 3 `AdamW`: before each Adam step, decoupled weight
 * decay w ← f(w − f(f(w·wd)·lr)) (see `Optimizer`); defaults lr 0.001, weightDecay 0.004,
 * β1 0.9, β2 0.999, ε 1e-7. Slots as Adam's.
 * @example const opt = new AdamW({ learningRate: 0.001, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';
  static override readonly defaultWeightDecay: number | null = 0.004;

  protected override ownConfig(): ConfigDict {
    const config: ConfigDict = { weightDecay: this.weightDecay, ...super.ownConfig() };
    config.amsgrad = this.amsgrad;
    return config;
  }
}
