import type { Tensor } from '../ops/tensor.js';
import { unknownId } from '../util/suggest.js';
import type { LossFunction } from './common.js';
import { checkOption } from './common.js';
import { binaryCrossentropy, categoricalCrossentropy } from './crossentropy.js';
import { categoricalHinge, hinge, squaredHinge } from './hinge.js';
import { kullbackLeiblerDivergence, poisson } from './probabilistic.js';
import {
  cosineSimilarity, huber, logCosh, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError,
  meanSquaredLogarithmicError,
} from './regression.js';
import { sparseCategoricalCrossentropy } from './sparse-crossentropy.js';

/** The options a configured loss may carry (each loss accepts the subset it documents). */
export interface LossOptions {
  fromLogits?: boolean;
  labelSmoothing?: number;
  delta?: number;
  ignoreClass?: number | null;
}

/**
 * A loss with options, for `getLoss` and `compile`: `{ name: 'binaryCrossentropy', fromLogits: true }`.
 * `name` is any id `getLoss` accepts.
 */
export interface LossConfig extends LossOptions {
  name: string;
}

/** What `getLoss` and `compile({loss})` accept: an id, a loss function, or a config. */
export type LossIdentifier = string | LossFunction | LossConfig;

/** A loss function bound to its options by `getLoss(config)`; it carries its name and options. */
export interface ConfiguredLoss extends LossFunction {
  /** Canonical snake_case name, as in the model file's trainingConfig. */
  readonly lossName: string;
  /** The options it was configured with. */
  readonly options: Readonly<LossOptions>;
}

type OptionName = keyof LossOptions;
type LossWithOptions = (yTrue: Tensor, yPred: Tensor, options?: LossOptions) => Tensor;

interface Entry {
  /** The function, with the options it takes as third argument. */
  fn: LossWithOptions;
  /** Canonical snake_case name: TF.js's where it has the loss (its `toCamelCase` gives the id back), else Keras's. */
  snake: string;
  /** Every accepted id: TF.js camelCase first, then Keras snake_case and aliases. */
  ids: readonly string[];
  options: readonly OptionName[];
}

// The order is the order of the TF.js `lossesMap`, then the losses only Keras has.
const ENTRIES: readonly Entry[] = [
  { fn: meanSquaredError, snake: 'mean_squared_error', ids: ['meanSquaredError', 'mean_squared_error', 'mse', 'MSE'], options: [] },
  { fn: meanAbsoluteError, snake: 'mean_absolute_error', ids: ['meanAbsoluteError', 'mean_absolute_error', 'mae', 'MAE'], options: [] },
  { fn: meanAbsolutePercentageError, snake: 'mean_absolute_percentage_error', ids: ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'mape', 'MAPE'], options: [] },
  { fn: meanSquaredLogarithmicError, snake: 'mean_squared_logarithmic_error', ids: ['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'msle', 'MSLE'], options: [] },
  { fn: squaredHinge, snake: 'squared_hinge', ids: ['squaredHinge', 'squared_hinge'], options: [] },
  { fn: hinge, snake: 'hinge', ids: ['hinge'], options: [] },
  { fn: categoricalHinge, snake: 'categorical_hinge', ids: ['categoricalHinge', 'categorical_hinge'], options: [] },
  { fn: logCosh, snake: 'logcosh', ids: ['logcosh', 'logCosh', 'log_cosh'], options: [] },
  { fn: categoricalCrossentropy, snake: 'categorical_crossentropy', ids: ['categoricalCrossentropy', 'categorical_crossentropy'], options: ['fromLogits', 'labelSmoothing'] },
  { fn: sparseCategoricalCrossentropy, snake: 'sparse_categorical_crossentropy', ids: ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'], options: ['fromLogits', 'ignoreClass'] },
  { fn: binaryCrossentropy, snake: 'binary_crossentropy', ids: ['binaryCrossentropy', 'binary_crossentropy', 'bce', 'BCE'], options: ['fromLogits', 'labelSmoothing'] },
  { fn: kullbackLeiblerDivergence, snake: 'kullback_leibler_divergence', ids: ['kullbackLeiblerDivergence', 'kullback_leibler_divergence', 'kl_divergence', 'kld', 'KLD'], options: [] },
  { fn: poisson, snake: 'poisson', ids: ['poisson'], options: [] },
  { fn: cosineSimilarity, snake: 'cosine_proximity', ids: ['cosineProximity', 'cosine_proximity', 'cosineSimilarity', 'cosine_similarity', 'cosine'], options: [] },
  { fn: huber, snake: 'huber', ids: ['huber', 'huber_loss'], options: ['delta'] },
];

const ALL_IDS: readonly string[] = ENTRIES.flatMap((e) => e.ids);

function entryOfId(id: string, context: string): Entry {
  const entry = ENTRIES.find((e) => e.ids.includes(id));
  if (entry === undefined) throw new Error(`${context}: ${unknownId('loss', id, ALL_IDS)}`);
  return entry;
}

function isConfig(x: unknown): x is LossConfig {
  return typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string';
}

function isConfigured(fn: LossFunction): fn is ConfiguredLoss {
  return typeof (fn as Partial<ConfiguredLoss>).lossName === 'string';
}

/**
 * Resolves a loss identifier to a loss function (TF.js `losses.get`, widened to Keras ids):
 * - an id — TF.js camelCase (`'categoricalCrossentropy'`), Keras snake_case
 *   (`'categorical_crossentropy'`) or short aliases (`'mse'`, `'kld'`, `'bce'`) — gives the
 *   plain loss function, so `getLoss('mse') === losses.meanSquaredError`;
 * - a config `{ name, ...options }` gives a `ConfiguredLoss` bound to those options;
 * - a function is returned as it is.
 * Unknown ids and options a loss does not take throw, listing what is valid.
 * @example getLoss({ name: 'sparse_categorical_crossentropy', fromLogits: true })(labels, logits)
 */
export function getLoss(identifier: LossIdentifier): LossFunction {
  if (typeof identifier === 'function') return identifier;
  if (typeof identifier === 'string') return entryOfId(identifier, 'getLoss').fn;
  if (!isConfig(identifier)) {
    throw new Error(`getLoss: expected a loss id, a loss function or a config { name, ...options }, received ${describe(identifier)}`);
  }
  const entry = entryOfId(identifier.name, 'getLoss');
  const options: LossOptions = {};
  for (const key of Object.keys(identifier)) {
    if (key === 'name') continue;
    if (!(entry.options as readonly string[]).includes(key)) {
      const allowed = entry.options.length > 0 ? `it takes ${entry.options.join(', ')}` : 'it takes no options';
      throw new Error(`getLoss: loss '${identifier.name}' has no option '${key}'; ${allowed}`);
    }
    const value = identifier[key as OptionName];
    checkValue(identifier.name, key as OptionName, value);
    Object.assign(options, { [key]: value });
  }
  const frozen = Object.freeze(options);
  const configured = (yTrue: Tensor, yPred: Tensor): Tensor => entry.fn(yTrue, yPred, frozen);
  return Object.assign(configured, { lossName: entry.snake, options: frozen });
}

/**
 * The canonical snake_case name of a loss, as written in the model file's trainingConfig
 * (`'categorical_crossentropy'`, `'mean_squared_error'`); TF.js names where TF.js has the loss,
 * so that its `toCamelCase` finds it when loading. Options of a configured loss are not part of
 * the name. Null for a custom function, which no file format can name.
 * @example lossName('mse') // 'mean_squared_error'
 */
export function lossName(identifier: LossIdentifier): string | null {
  if (typeof identifier === 'string') return entryOfId(identifier, 'lossName').snake;
  if (typeof identifier === 'function') {
    if (isConfigured(identifier)) return identifier.lossName;
    return ENTRIES.find((e) => e.fn === identifier)?.snake ?? null;
  }
  if (isConfig(identifier)) return entryOfId(identifier.name, 'lossName').snake;
  throw new Error(`lossName: expected a loss id, a loss function or a config { name, ...options }, received ${describe(identifier)}`);
}

/** Every loss id `getLoss` accepts, in registry order. */
export function lossIds(): string[] {
  return ALL_IDS.slice();
}

function checkValue(name: string, key: OptionName, value: unknown): void {
  const context = `getLoss: loss '${name}'`;
  if (key === 'fromLogits' && typeof value !== 'boolean') throw new Error(`${context}: fromLogits must be true or false, received ${String(value)}`);
  if (key === 'labelSmoothing') checkOption(context, key, value as number, 0, 1);
  if (key === 'delta') checkOption(context, key, value as number, 0, Number.MAX_VALUE);
  if (key === 'ignoreClass' && value !== null && !Number.isInteger(value)) throw new Error(`${context}: ignoreClass must be an integer or null, received ${String(value)}`);
}

function describe(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
}
