import type { ConfigDict } from '../../initializers/initializer.js';
import { received } from '../../util/received.js';
import { LearningRateSchedule, ScheduleOptions, checkStep } from './schedule.js';

/** Options of `schedules.piecewiseConstantDecay` (Keras `PiecewiseConstantDecay`). */
export interface PiecewiseConstantDecayOptions {
  /** Step boundaries, increasing integers. */
  boundaries: number[];
  /** One more value than boundaries: values[0] up to boundaries[0] (inclusive), and so on. */
  values: number[];
  name?: string;
}

/**
 * values[0] while step <= boundaries[0], values[i] while boundaries[i-1] < step <= boundaries[i],
 * the last value after the last boundary (Keras 3 `PiecewiseConstantDecay`); returned as float32.
 * @example schedules.piecewiseConstantDecay({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] })
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static override readonly className: string = 'PiecewiseConstantDecay';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];

  constructor(options: PiecewiseConstantDecayOptions) {
    const o = new ScheduleOptions('PiecewiseConstantDecay', options, ['boundaries', 'values']);
    super(o.name('PiecewiseConstant'));
    const boundaries = o.raw('boundaries');
    const values = o.raw('values');
    const owner = 'PiecewiseConstantDecay';
    if (!Array.isArray(boundaries) || !boundaries.every((b, i) => Number.isSafeInteger(b) && (i === 0 || (b as number) > (boundaries[i - 1] as number)))) {
      throw new Error(`${owner}: boundaries must be an array of increasing integers (steps), received ${received(boundaries)}`);
    }
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw new Error(`${owner}: values must be an array of finite numbers >= 0, received ${received(values)}`);
    }
    if (values.length !== boundaries.length + 1) {
      throw new Error(`${owner}: values must have one more entry than boundaries, received boundaries=${received(boundaries)} (length ${boundaries.length}) and values=${received(values)} (length ${values.length})`);
    }
    this.boundaries = (boundaries as number[]).slice();
    this.values = (values as number[]).slice();
  }

  valueAt(step: number): number {
    checkStep(this.className, step);
    let i = 0;
    while (i < this.boundaries.length && step > (this.boundaries[i] as number)) i++;
    return Math.fround(this.values[i] as number);
  }

  protected override ownConfig(): ConfigDict {
    return { boundaries: this.boundaries.slice(), values: this.values.slice() };
  }
}
