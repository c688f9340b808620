import type { ConfigDict } from '../../initializers/initializer.js';
import { cos } from '../../math/index.js';
import { LearningRateSchedule, ScheduleOptions, checkStep } from './schedule.js';

/** Options of `schedules.cosineDecay` (Keras `CosineDecay`; snake_case accepted). */
export interface CosineDecayOptions {
  initialLearningRate: number;
  /** Steps of the cosine part, > 0. */
  decaySteps: number;
  /** Floor, as a fraction of the rate decayed from, in [0, 1]. Default 0. */
  alpha?: number;
  /** Rate reached by a linear warmup from initialLearningRate (null: no warmup). */
  warmupTarget?: number | null;
  /** Steps of the warmup. Default 0. */
  warmupSteps?: number;
  name?: string;
}

const f = Math.fround;
const PI32 = f(Math.PI);

/**
 * Cosine decay with optional linear warmup (Loshchilov & Hutter 2017, SGDR; Keras 3
 * `CosineDecay`). Without warmup: s = min(step, decaySteps), lr = initial · decayed(s).
 * With warmupTarget: s = min(step, decaySteps + warmupSteps); s < warmupSteps gives
 * (target − initial)·s/warmupSteps + initial, else target · decayed(s − warmupSteps).
 *
 * Order (float32, as Keras; `f` = Math.fround, all operands rounded first):
 * decayed(s) = f(f(f(1 − alpha)·f(0.5·f(1 + cos(f(π·f(s / decaySteps)))))) + alpha), with
 * `cos` from src/math; lr = f(from · decayed); warmup: f(f(f(target − initial)·f(s / warmupSteps)) + initial).
 * @example schedules.cosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 100 })
 */
export class CosineDecay extends LearningRateSchedule {
  static override readonly className: string = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(options: CosineDecayOptions) {
    const o = new ScheduleOptions('CosineDecay', options, ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps']);
    super(o.name('CosineDecay'));
    this.initialLearningRate = o.number('initialLearningRate', 'nonNegative');
    this.decaySteps = o.number('decaySteps', 'positive');
    this.alpha = o.number('alpha', 'unit', 0);
    this.warmupTarget = o.raw('warmupTarget') === undefined ? null : o.number('warmupTarget', 'nonNegative');
    this.warmupSteps = o.number('warmupSteps', 'nonNegative', 0);
  }

  valueAt(step: number): number {
    checkStep(this.className, step);
    const initial = f(this.initialLearningRate);
    const decaySteps = f(this.decaySteps);
    const s = f(step);
    if (this.warmupTarget === null) return this.decayed(Math.min(s, decaySteps), initial);
    const target = f(this.warmupTarget);
    const warmupSteps = f(this.warmupSteps);
    const capped = Math.min(s, f(decaySteps + warmupSteps));
    if (capped < warmupSteps) return f(f(f(target - initial) * f(capped / warmupSteps)) + initial);
    return this.decayed(f(capped - warmupSteps), target);
  }

  private decayed(s: number, from: number): number {
    const cosine = f(0.5 * f(1 + cos(f(PI32 * f(s / f(this.decaySteps))))));
    const decayed = f(f(f(1 - this.alpha) * cosine) + f(this.alpha));
    return f(from * decayed);
  }

  protected override ownConfig(): ConfigDict {
    return { initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, alpha: this.alpha, warmup_target: this.warmupTarget, warmup_steps: this.warmupSteps };
  }
}
