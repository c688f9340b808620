import type { ConfigDict } from '../initializers/initializer.js';
import { sgdUpdate } from '../kernels/index.js';
import type { OptimizerOptions, Step } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { booleanOption, numberOption } from './options.js';

/** SGD options (Keras `SGD` arguments; `useNesterov` is the TF.js spelling of `nesterov`). */
export interface SGDOptions extends OptimizerOptions {
  /** Momentum μ in [0, 1]; 0 (default) is plain gradient descent. */
  momentum?: number | null | undefined;
  nesterov?: boolean | null | undefined;
  useNesterov?: boolean | null | undefined;
}

/**
 * Gradient descent, with optional momentum (Keras 3 `SGD`, default learning rate 0.01).
 *
 * Reference order (Keras `sgd.py`), lr and μ rounded to float32, every operation rounded to
 * float32 (`f` = Math.fround):
 * - μ = 0: w ← f(w − f(g·lr)).
 * - μ > 0: m ← f(f(m·μ) − f(g·lr)); then w ← f(w + m), or with Nesterov
 *   w ← f(w + f(f(m·μ) − f(g·lr))) using the new m.
 *
 * Slot (only when μ ≠ 0): `<var>/momentum` holds Keras's velocity m, which is −lr times the
 * TF.js `MomentumOptimizer` accumulation, so TF.js momentum checkpoints do not carry over.
 * @example const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
 */
export class SGD extends Optimizer {
  static override readonly className: string = 'SGD';
  static override readonly optionNames: readonly string[] = ['momentum', 'nesterov', 'useNesterov'];
  static override readonly defaultLearningRate: number = 0.01;

  /** Momentum μ (0: none). */
  readonly momentum: number;
  /** Whether the Nesterov form of momentum is used. */
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super(options);
    this.momentum = numberOption(this.className, options, ['momentum'], 0, 'unit');
    this.nesterov = booleanOption(this.className, options, ['nesterov', 'useNesterov'], false);
  }

  protected override slotNames(): readonly string[] {
    return this.momentum !== 0 ? ['momentum'] : [];
  }

  protected override update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], step: Step): void {
    const m = this.momentum === 0 ? null : (slots[0] as Float32Array);
    sgdUpdate(w, g, m, { lr: step.learningRate, momentum: Math.fround(this.momentum), nesterov: this.nesterov });
  }

  protected override ownConfig(): ConfigDict {
    return this.momentum !== 0 || this.nesterov ? { momentum: this.momentum, nesterov: this.nesterov } : {};
  }
}

/** Momentum options: TF.js `MomentumOptimizer` arguments (momentum required). */
export interface MomentumOptions extends SGDOptions {
  momentum: number;
}

/**
 * TF.js `MomentumOptimizer` interface (config `{learningRate, momentum, useNesterov}`) with
 * Keras `SGD` momentum numerics; see `SGD` for the reference order and the slot layout.
 * @example const opt = new Momentum({ learningRate: 0.01, momentum: 0.9 });
 */
export class Momentum extends SGD {
  static override readonly className: string = 'Momentum';

  constructor(options: MomentumOptions) {
    if (typeof options?.momentum !== 'number') {
      throw new Error(`Momentum: momentum is required (a number in [0, 1]), received ${String(options?.momentum)}`);
    }
    super(options);
  }

  protected override ownConfig(): ConfigDict {
    return { momentum: this.momentum, useNesterov: this.nesterov };
  }
}
