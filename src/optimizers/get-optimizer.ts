import type { ConfigDict } from '../initializers/initializer.js';
import { lookupOwn } from '../util/own.js';
import { unknownId } from '../util/suggest.js';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam, AdamW } from './adam.js';
import { Adamax } from './adamax.js';
import { Optimizer } from './optimizer.js';
import { RMSProp } from './rmsprop.js';
import { Momentum, SGD } from './sgd.js';
import type { MomentumOptions } from './sgd.js';

/** An optimizer, or the string id of one with Keras 3 defaults. */
export type OptimizerIdentifier = string | Optimizer;

// String ids of TF.js `compile` and Keras 3, each with Keras 3 defaults (TF.js differs:
// 'adamax' lr 0.002, 'adagrad' lr 0.01, 'adadelta' lr 1.0). TF.js has no 'momentum' id.
const BY_ID: Record<string, () => Optimizer> = {
  sgd: () => new SGD(),
  SGD: () => new SGD(),
  adam: () => new Adam(),
  Adam: () => new Adam(),
  adamw: () => new AdamW(),
  AdamW: () => new AdamW(),
  adamax: () => new Adamax(),
  Adamax: () => new Adamax(),
  rmsprop: () => new RMSProp(),
  RMSProp: () => new RMSProp(),
  RMSprop: () => new RMSProp(),
  adagrad: () => new Adagrad(),
  Adagrad: () => new Adagrad(),
  adadelta: () => new Adadelta(),
  Adadelta: () => new Adadelta(),
};

/**
 * The optimizer for `compile`: an Optimizer passes through; a string id gives a new optimizer
 * with Keras 3 defaults ('sgd' → SGD lr 0.01, 'adam' → Adam(0.001, 0.9, 0.999, 1e-7), ...).
 * @example getOptimizer('adam').getConfig() // { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }
 */
export function getOptimizer(identifier: OptimizerIdentifier): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier !== 'string') {
    throw new Error(`getOptimizer: expected an Optimizer or a string id such as 'adam', received ${identifier === null ? 'null' : typeof identifier}`);
  }
  const make = lookupOwn(BY_ID, identifier);
  if (!make) throw new Error(unknownId('optimizer', identifier, Object.keys(BY_ID)));
  return make();
}

// NOTE: configs are checked by the constructors (unknown keys, ranges, types), so the casts
// from ConfigDict only move that check to run time.
const BY_CLASS_NAME: Record<string, (config: ConfigDict) => Optimizer> = {
  SGD: (c) => new SGD(c),
  Momentum: (c) => new Momentum(c as unknown as MomentumOptions),
  Adam: (c) => new Adam(c),
  AdamW: (c) => new AdamW(c),
  Adamax: (c) => new Adamax(c),
  RMSProp: (c) => new RMSProp(c),
  RMSprop: (c) => new RMSProp(c),
  Adagrad: (c) => new Adagrad(c),
  Adadelta: (c) => new Adadelta(c),
};

/**
 * An optimizer from a `{className, config}` pair as `getConfig` and TF.js training configs
 * write it (camelCase keys; Keras snake_case names accepted too).
 * @example optimizerFromConfig('Adam', { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })
 */
export function optimizerFromConfig(className: string, config: ConfigDict = {}): Optimizer {
  const make = lookupOwn(BY_CLASS_NAME, className);
  if (!make) throw new Error(unknownId('optimizer class', className, Object.keys(BY_CLASS_NAME)));
  return make(config);
}
