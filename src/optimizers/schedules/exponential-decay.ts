import type { ConfigDict } from '../../initializers/initializer.js';
import { pow } from '../../math/index.js';
import { LearningRateSchedule, ScheduleOptions, checkStep } from './schedule.js';

/** Options of `schedules.exponentialDecay` (Keras `ExponentialDecay`; snake_case accepted). */
export interface ExponentialDecayOptions {
  initialLearningRate: number;
  /** Steps per decay period, > 0. */
  decaySteps: number;
  /** Factor per period, >= 0. */
  decayRate: number;
  /** Decay in whole periods (floor of step / decaySteps). Default false. */
  staircase?: boolean;
  name?: string;
}

/**
 * lr(step) = initialLearningRate · decayRate^(step / decaySteps) (Keras 3 `ExponentialDecay`).
 *
 * Order (Keras computes in float32; `f` = Math.fround): p = f(f(step) / f(decaySteps)),
 * staircase: p = floor(p); lr = f(f(initialLearningRate) · pow(f(decayRate), p)) with `pow`
 * from src/math (float64 core rounded once to float32).
 * @example schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true })
 */
export class ExponentialDecay extends LearningRateSchedule {
  static override readonly className: string = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(options: ExponentialDecayOptions) {
    const o = new ScheduleOptions('ExponentialDecay', options, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
    super(o.name('ExponentialDecay'));
    this.initialLearningRate = o.number('initialLearningRate', 'nonNegative');
    this.decaySteps = o.number('decaySteps', 'positive');
    this.decayRate = o.number('decayRate', 'nonNegative');
    const staircase = o.raw('staircase') ?? false;
    if (typeof staircase !== 'boolean') throw new Error(`ExponentialDecay: staircase must be a boolean, received ${String(staircase)}`);
    this.staircase = staircase;
  }

  valueAt(step: number): number {
    const f = Math.fround;
    checkStep(this.className, step);
    let p = f(f(step) / f(this.decaySteps));
    if (this.staircase) p = Math.floor(p);
    return f(f(this.initialLearningRate) * pow(f(this.decayRate), p));
  }

  protected override ownConfig(): ConfigDict {
    return { initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, decay_rate: this.decayRate, staircase: this.staircase };
  }
}
