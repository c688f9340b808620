import type { LossIdentifier, LossOptions } from '../losses/index.js';
import {
  binaryCrossentropy, categoricalCrossentropy, getLoss, lossIds, lossName, sparseCategoricalCrossentropy,
} from '../losses/index.js';
import type { Tensor } from '../ops/tensor.js';
import { unknownId } from '../util/suggest.js';
import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy.js';
import type { PartialShape, TargetKind } from './by-shape.js';
import { ShapeResolvedMetric, targetKind } from './by-shape.js';
import { precision, Precision, recall, Recall } from './confusion.js';
import { Mean } from './mean.js';
import type { Metric, MetricFunction } from './metric.js';

/** A metric with options: `{ name: 'binaryAccuracy', threshold: 0.7 }`, `{ name: 'bce', fromLogits: true }`. */
export interface MetricConfig extends LossOptions {
  name: string;
  /** For binaryAccuracy, precision and recall. */
  threshold?: number;
}

/** What `getMetric` and `compile({metrics})` accept. */
export type MetricIdentifier = string | MetricFunction | Metric | MetricConfig;

/**
 * What the model knows when it resolves metrics. Shapes decide `'accuracy'`; when y's shape is
 * not known yet, the loss can stand in for it (sparse crossentropy implies sparse labels,
 * categorical crossentropy one-hot labels); otherwise the first batch decides.
 */
export interface MetricContext {
  yTrueShape?: PartialShape;
  yPredShape?: PartialShape;
  /** The compiled loss, as any id (`'sparse_categorical_crossentropy'`, `'mse'`, …). */
  lossName?: string;
  /** The compiled loss as given to compile (id, function or config); same use as lossName. */
  lossId?: LossIdentifier;
}

type Factory = (threshold: number | undefined) => Metric;

// Metric-only ids; every loss id is a metric id too (the mean of the loss).
const METRICS: readonly { ids: readonly string[]; make: (name: string) => Factory }[] = [
  { ids: ['binaryAccuracy', 'binary_accuracy'], make: (name) => (t) => new Mean(name, (y, p) => binaryAccuracy(y, p, t)) },
  { ids: ['categoricalAccuracy', 'categorical_accuracy'], make: (name) => () => new Mean(name, categoricalAccuracy) },
  { ids: ['sparseCategoricalAccuracy', 'sparse_categorical_accuracy'], make: (name) => () => new Mean(name, sparseCategoricalAccuracy) },
  { ids: ['precision'], make: (name) => (t) => new Precision(t === undefined ? { name } : { name, threshold: t }) },
  { ids: ['recall'], make: (name) => (t) => new Recall(t === undefined ? { name } : { name, threshold: t }) },
];

const ACCURACY = ['accuracy', 'acc'];
const CROSSENTROPY = ['crossentropy', 'ce'];

/**
 * Resolves a metric identifier to a fresh stateful `Metric`.
 *
 * Naming rule (the key in logs and History, TF.js policy): a string id keeps the spelling given
 * (`'mse'` logs `mse`, `'MSE'` logs `MSE`, `'mean_squared_error'` logs `mean_squared_error`),
 * except `'accuracy'`/`'acc'` (any case), which log `acc`, and `'crossentropy'`/`'ce'`, which log
 * `ce`, as in TF.js. A config logs its `name` by the same rule. A function logs its TF.js id if
 * it is one of SameBits' losses or metrics (`losses.meanSquaredError` → `meanSquaredError`), else
 * its JavaScript name. A Metric object is returned as it is (its state is the caller's).
 *
 * `'accuracy'` is binary, sparse or categorical by the shapes of y and ŷ (Keras rule, see
 * `targetKind`), `'crossentropy'` likewise. Unknown ids throw with the closest valid id.
 * @example getMetric('accuracy', { yTrueShape: [32], yPredShape: [32, 10] }) // sparse accuracy named 'acc'
 */
export function getMetric(identifier: MetricIdentifier, context: MetricContext = {}): Metric {
  if (isMetric(identifier)) return identifier;
  if (typeof identifier === 'function') return fromFunction(identifier);
  if (typeof identifier === 'string') return fromId(identifier, {}, context);
  if (typeof identifier === 'object' && identifier !== null && typeof identifier.name === 'string') {
    const { name, ...options } = identifier;
    return fromId(name, options, context);
  }
  throw new Error(`getMetric: expected a metric id, a function, a Metric or a config { name, ...options }, received ${identifier === null ? 'null' : typeof identifier}`);
}

function fromId(id: string, options: Omit<MetricConfig, 'name'>, context: MetricContext): Metric {
  const { threshold, ...lossOptions } = options;
  const lower = id.toLowerCase();
  if (ACCURACY.includes(lower) || CROSSENTROPY.includes(lower)) {
    const accuracy = ACCURACY.includes(lower);
    if (!accuracy && threshold !== undefined) throw new Error(`getMetric: metric '${id}' has no option 'threshold'`);
    const make = accuracy ? accuracyFactory(threshold) : crossentropyFactory(lossOptions);
    return new ShapeResolvedMetric(accuracy ? 'acc' : 'ce', make, knownKind(context));
  }
  const entry = METRICS.find((m) => m.ids.includes(id));
  if (entry !== undefined) {
    const extra = Object.keys(lossOptions);
    if (extra.length > 0) throw new Error(`getMetric: metric '${id}' has no option '${extra[0] as string}'`);
    return entry.make(id)(threshold);
  }
  if (!lossIds().includes(id)) throw new Error(`getMetric: ${unknownId('metric', id, [...ACCURACY, ...CROSSENTROPY, ...METRICS.flatMap((m) => m.ids), ...lossIds()])}`);
  if (threshold !== undefined) throw new Error(`getMetric: metric '${id}' has no option 'threshold'`);
  return new Mean(id, getLoss(Object.keys(lossOptions).length > 0 ? { name: id, ...lossOptions } : id));
}

function accuracyFactory(threshold: number | undefined): (kind: TargetKind) => Metric {
  return (kind) => {
    if (kind === 'binary') return new Mean('acc', (y, p) => binaryAccuracy(y, p, threshold));
    if (threshold !== undefined) throw new Error(`getMetric: 'accuracy' resolved to ${kind} accuracy, which has no threshold`);
    return new Mean('acc', kind === 'sparse' ? sparseCategoricalAccuracy : categoricalAccuracy);
  };
}

function crossentropyFactory(options: LossOptions): (kind: TargetKind) => Metric {
  return (kind) => {
    const fn = kind === 'binary' ? binaryCrossentropy : kind === 'sparse' ? sparseCategoricalCrossentropy : categoricalCrossentropy;
    return new Mean('ce', (y: Tensor, p: Tensor) => fn(y, p, options));
  };
}

/** The variant implied by what the context already knows, or null to let the first batch decide. */
function knownKind(context: MetricContext): TargetKind | null {
  const { yTrueShape, yPredShape } = context;
  if (yPredShape === undefined) return null;
  if (yTrueShape !== undefined) return targetKind(yTrueShape, yPredShape);
  if (yPredShape[yPredShape.length - 1] === 1) return 'binary';
  const loss = context.lossId ?? context.lossName;
  const name = loss === undefined ? null : lossName(loss);
  if (name === 'sparse_categorical_crossentropy') return 'sparse';
  if (name === 'categorical_crossentropy') return 'categorical';
  return null;
}

// Functions with a stateful counterpart, named by their TF.js ids.
const KNOWN_FUNCTIONS: readonly { fn: MetricFunction; make: () => Metric }[] = [
  { fn: binaryAccuracy, make: () => new Mean('binaryAccuracy', binaryAccuracy) },
  { fn: categoricalAccuracy, make: () => new Mean('categoricalAccuracy', categoricalAccuracy) },
  { fn: sparseCategoricalAccuracy, make: () => new Mean('sparseCategoricalAccuracy', sparseCategoricalAccuracy) },
  // The batch-ratio functions become exact running counts, not a mean of batch ratios.
  { fn: precision, make: () => new Precision() },
  { fn: recall, make: () => new Recall() },
];

function fromFunction(fn: MetricFunction): Metric {
  const known = KNOWN_FUNCTIONS.find((k) => k.fn === fn);
  if (known !== undefined) return known.make();
  const snake = lossName(fn);
  // A SameBits loss (plain or configured) logs its TF.js id: the first id of its registry entry.
  const name = snake === null ? (fn.name.length > 0 ? fn.name : 'metric') : (lossIds().find((id) => lossName(id) === snake) as string);
  return new Mean(name, fn);
}

function isMetric(x: unknown): x is Metric {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<Metric>;
  return typeof m.update === 'function' && typeof m.result === 'function' && typeof m.reset === 'function';
}
