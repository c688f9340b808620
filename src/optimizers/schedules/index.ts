import type { ConfigDict } from '../../initializers/initializer.js';
import { lookupOwn } from '../../util/own.js';
import { received } from '../../util/received.js';
import { unknownId } from '../../util/suggest.js';
import { CosineDecay } from './cosine-decay.js';
import type { CosineDecayOptions } from './cosine-decay.js';
import { ExponentialDecay } from './exponential-decay.js';
import type { ExponentialDecayOptions } from './exponential-decay.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import type { PiecewiseConstantDecayOptions } from './piecewise-constant-decay.js';
import { LearningRateSchedule } from './schedule.js';

export { LearningRateSchedule } from './schedule.js';
export type { ScheduleConfig } from './schedule.js';
export { ExponentialDecay, PiecewiseConstantDecay, CosineDecay };
export type { ExponentialDecayOptions, PiecewiseConstantDecayOptions, CosineDecayOptions };

/**
 * Learning-rate schedules (Keras 3 `keras.optimizers.schedules`), usable wherever an optimizer
 * takes a learning rate.
 * @example train.adam(schedules.exponentialDecay({ initialLearningRate: 0.01, decaySteps: 100, decayRate: 0.9 }))
 */
export const schedules: {
  readonly exponentialDecay: (options: ExponentialDecayOptions) => ExponentialDecay;
  readonly piecewiseConstantDecay: (options: PiecewiseConstantDecayOptions) => PiecewiseConstantDecay;
  readonly cosineDecay: (options: CosineDecayOptions) => CosineDecay;
} = {
  exponentialDecay: (options) => new ExponentialDecay(options),
  piecewiseConstantDecay: (options) => new PiecewiseConstantDecay(options),
  cosineDecay: (options) => new CosineDecay(options),
};

// NOTE: the constructors check every option, so the casts only move that check to run time.
const BY_CLASS_NAME: Record<string, (config: ConfigDict) => LearningRateSchedule> = {
  ExponentialDecay: (c) => new ExponentialDecay(c as unknown as ExponentialDecayOptions),
  PiecewiseConstantDecay: (c) => new PiecewiseConstantDecay(c as unknown as PiecewiseConstantDecayOptions),
  CosineDecay: (c) => new CosineDecay(c as unknown as CosineDecayOptions),
};

/**
 * A schedule from its Keras 3 serialization `{class_name, config}` (also `className`, and
 * config keys in camelCase, as a TF.js-style reader gives them; Keras's `module` and
 * `registered_name` are ignored).
 * @example scheduleFromConfig({ class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 } })
 */
export function scheduleFromConfig(value: unknown, owner = 'scheduleFromConfig'): LearningRateSchedule {
  if (value instanceof LearningRateSchedule) return value;
  const v = value as Record<string, unknown> | null;
  const className = v?.['class_name'] ?? v?.['className'];
  const config = v?.['config'] ?? {};
  if (typeof v !== 'object' || v === null || typeof className !== 'string' || typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`${owner}: a learning-rate schedule must be a LearningRateSchedule or {class_name, config}, received ${received(value)}`);
  }
  const make = lookupOwn(BY_CLASS_NAME, className);
  if (!make) throw new Error(`${owner}: ${unknownId('learning-rate schedule', className, Object.keys(BY_CLASS_NAME))}`);
  return make(config as ConfigDict);
}
