import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam, AdamW } from './adam.js';
import { Adamax } from './adamax.js';
import type { ClipOptions, OptimizerOptions } from './optimizer.js';
import { RMSProp } from './rmsprop.js';
import { Momentum, SGD } from './sgd.js';
import type { LearningRateSchedule } from './schedules/index.js';

/** A learning rate: a number or a schedule evaluated at every step. */
type Rate = number | LearningRateSchedule;

/** Options after the positional arguments of `train.*`: clipping and weight decay. */
export type ExtraOptions = Omit<OptimizerOptions, 'learningRate' | 'learning_rate'>;

/**
 * The trailing options object, checked: a positional value there (`train.adam(lr, b1, b2, eps,
 * true)`) would otherwise vanish silently when spread.
 */
function optionsOf<T extends object>(factory: string, options: T): T {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`train.${factory}: the argument after the positional ones must be an options object, e.g. { clipNorm: 1 }. Received: ${JSON.stringify(options)}`);
  }
  return options;
}

// The positional arguments of the functions below default to undefined, which each class
// replaces with its Keras 3 default: the defaults live in one place, the classes.

/**
 * TF.js `tf.train.sgd`: plain gradient descent (Keras default lr 0.01).
 * @example train.sgd(0.1, { clipNorm: 1 })
 */
function sgd(learningRate?: Rate, options: ExtraOptions = {}): SGD {
  return new SGD({ ...optionsOf('sgd', options), learningRate });
}

/**
 * TF.js `tf.train.momentum` with Keras SGD-momentum numerics.
 * @example train.momentum(0.01, 0.9, true)
 */
function momentum(learningRate: Rate, momentum: number, useNesterov?: boolean, options: ExtraOptions = {}): Momentum {
  return new Momentum({ ...optionsOf('momentum', options), learningRate, momentum, useNesterov });
}

/**
 * TF.js `tf.train.adam`; defaults lr 0.001, β1 0.9, β2 0.999, ε 1e-7 (null: default).
 * @example train.adam(0.001, 0.9, 0.999, 1e-7, { clipNorm: 1, amsgrad: true })
 */
function adam(learningRate?: Rate, beta1?: number, beta2?: number, epsilon?: number | null, options: ExtraOptions & { amsgrad?: boolean } = {}): Adam {
  return new Adam({ ...optionsOf('adam', options), learningRate, beta1, beta2, epsilon });
}

/**
 * TF.js `tf.train.adamax` with Keras numerics; defaults lr 0.001 (TF.js: 0.002), β1 0.9,
 * β2 0.999, ε 1e-7, decay 0.
 * @example train.adamax(0.002)
 */
function adamax(learningRate?: Rate, beta1?: number, beta2?: number, epsilon?: number | null, decay?: number, options: ExtraOptions = {}): Adamax {
  return new Adamax({ ...optionsOf('adamax', options), learningRate, beta1, beta2, epsilon, decay });
}

/**
 * TF.js `tf.train.rmsprop` (`decay` is ρ); defaults lr 0.001, decay 0.9, momentum 0, ε 1e-7,
 * centered false; centered adds ε under the root, as Keras does.
 * @example train.rmsprop(0.001, 0.9, 0, 1e-7, true)
 */
function rmsprop(learningRate?: Rate, decay?: number, momentum?: number, epsilon?: number | null, centered?: boolean, options: ExtraOptions = {}): RMSProp {
  return new RMSProp({ ...optionsOf('rmsprop', options), learningRate, decay, momentum, epsilon, centered });
}

/**
 * TF.js `tf.train.adagrad`; defaults lr 0.001, initial accumulator 0.1; ε (1e-7) via options.
 * @example train.adagrad(0.01, 0.1, { epsilon: 1e-6 })
 */
function adagrad(learningRate?: Rate, initialAccumulatorValue?: number, options: ExtraOptions & { epsilon?: number } = {}): Adagrad {
  return new Adagrad({ ...optionsOf('adagrad', options), learningRate, initialAccumulatorValue });
}

/**
 * TF.js `tf.train.adadelta` with Keras numerics (updated E[g²]); defaults lr 0.001, ρ 0.95, ε 1e-7.
 * @example train.adadelta(1.0)
 */
function adadelta(learningRate?: Rate, rho?: number, epsilon?: number | null, options: ExtraOptions = {}): Adadelta {
  return new Adadelta({ ...optionsOf('adadelta', options), learningRate, rho, epsilon });
}

/**
 * Keras `AdamW` in TF.js style; defaults lr 0.001, weightDecay 0.004, β1 0.9, β2 0.999, ε 1e-7.
 * @example train.adamw(0.001, 0.01)
 */
function adamw(learningRate?: Rate, weightDecay?: number, beta1?: number, beta2?: number, epsilon?: number | null, amsgrad?: boolean, options: ClipOptions = {}): AdamW {
  return new AdamW({ ...optionsOf('adamw', options), learningRate, weightDecay, beta1, beta2, epsilon, amsgrad });
}

/** The optimizer factories, as TF.js's `tf.train` namespace (plus `adamw`). */
export const train: {
  readonly sgd: typeof sgd;
  readonly momentum: typeof momentum;
  readonly adam: typeof adam;
  readonly adamax: typeof adamax;
  readonly rmsprop: typeof rmsprop;
  readonly adagrad: typeof adagrad;
  readonly adadelta: typeof adadelta;
  readonly adamw: typeof adamw;
} = { sgd, momentum, adam, adamax, rmsprop, adagrad, adadelta, adamw };
