import type { LossFn, LossIdentifier } from '../losses/index.js';
import { getLoss } from '../losses/index.js';
import type { Metric, MetricIdentifier } from '../metrics/index.js';
import { getMetric } from '../metrics/index.js';
import type { Optimizer, OptimizerIdentifier } from '../optimizers/index.js';
import { getOptimizer } from '../optimizers/index.js';
import { received } from '../util/received.js';

/** Something per model output: one for all, a list in output order, or a dict keyed by output name. */
export type PerOutput<T> = T | T[] | { [outputName: string]: T };

/** Arguments of `compile` (TF.js `ModelCompileArgs`; Keras string ids accepted too). */
export interface CompileArgs {
  /** An optimizer instance or id: `'adam'`, `'sgd'`, `'rmsprop'`, … */
  optimizer: Optimizer | OptimizerIdentifier;
  /**
   * A loss function or id: `'meanSquaredError'`, `'mse'`, `'categorical_crossentropy'`, …; for a
   * model with several outputs, one for all, a list in output order, or a dict by output name.
   */
  loss: PerOutput<LossIdentifier>;
  /**
   * Metric ids or functions: `'accuracy'`, `'mse'`, …; a flat list applies to every output; a
   * list of lists (Keras) or a dict by output name gives each output its own.
   */
  metrics?: MetricIdentifier[] | MetricIdentifier | MetricIdentifier[][] | { [outputName: string]: MetricIdentifier | MetricIdentifier[] };
  /** Weight of each output's loss in the total (a list in output order or a dict); default 1 each. */
  lossWeights?: number[] | { [outputName: string]: number };
}

/** The loss, metrics and loss weight of one output. */
export interface OutputTraining {
  name: string;
  loss: LossFn;
  lossId: LossIdentifier;
  metricIds: MetricIdentifier[];
  /** Weight in the total loss; null when none was given (the loss is then not multiplied). */
  weight: number | null;
}

/**
 * What `compile` resolved, kept on the model. `loss`, `lossId` and `metricIds` are the first
 * output's (the only one of a Sequential model); `outputs` holds every output's.
 */
export interface CompiledState {
  optimizer: Optimizer;
  loss: LossFn;
  lossId: LossIdentifier;
  metricIds: MetricIdentifier[];
  outputs: OutputTraining[];
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value !== 'function';
}

/** `value` spread over the outputs: the same for each, a list in output order, or a dict by name. */
function perOutput<T>(value: PerOutput<T>, names: readonly string[], what: string, where: string, isOne: (v: unknown) => boolean, missing?: T): T[] {
  if (Array.isArray(value) && !isOne(value)) {
    if (value.length !== names.length) throw new Error(`${where}: ${what} is a list of ${value.length}, but the model has ${names.length} output${names.length === 1 ? '' : 's'} (${names.join(', ')}); give one per output, or one for all`);
    return value as T[];
  }
  if (isDict(value) && !isOne(value)) {
    const unknown = Object.keys(value).filter((k) => !names.includes(k));
    if (unknown.length > 0) throw new Error(`${where}: ${what} names ${unknown.map((k) => `'${k}'`).join(', ')}, which ${unknown.length === 1 ? 'is not an output' : 'are not outputs'}; the outputs are ${names.join(', ')}`);
    return names.map((n) => {
      if (!(n in value) && missing !== undefined) return missing;
      if (!(n in value)) throw new Error(`${where}: ${what} has no entry for output '${n}'; give one for each of ${names.join(', ')}`);
      return value[n] as T;
    });
  }
  return names.map(() => value as T);
}

const isLossConfig = (v: unknown): boolean => isDict(v) && typeof v['name'] === 'string';
const isMetricList = (v: unknown): boolean => Array.isArray(v) && !v.some(Array.isArray);

/**
 * Resolves compile arguments for a model whose outputs are named `outputNames`, with errors that
 * name the model and the argument.
 */
export function compileState(args: CompileArgs, modelName: string, outputNames: readonly string[] = ['output']): CompiledState {
  const where = `${modelName}.compile`;
  if (args === undefined || args === null || typeof args !== 'object') throw new Error(`${where}: expected {optimizer, loss, metrics?}, received ${String(args)}`);
  if (args.optimizer === undefined) throw new Error(`${where}: optimizer is missing; pass an id such as 'adam' or an optimizer such as train.adam(0.001)`);
  if (args.loss === undefined) throw new Error(`${where}: loss is missing; pass an id such as 'meanSquaredError' or a loss function`);
  const lossIds = perOutput<LossIdentifier>(args.loss, outputNames, 'loss', where, isLossConfig);
  const metricLists = metricsPerOutput(args.metrics, outputNames, where);
  const weights = args.lossWeights === undefined ? outputNames.map(() => null) : perOutput<number>(args.lossWeights as PerOutput<number>, outputNames, 'lossWeights', where, () => false);
  weights.forEach((w, i) => {
    if (w !== null && (typeof w !== 'number' || !Number.isFinite(w))) throw new Error(`${where}: lossWeights for output '${outputNames[i] as string}' must be a finite number. Received: ${received(w)}`);
  });
  const optimizer = getOptimizer(args.optimizer);
  const outputs = outputNames.map((name, i) => ({ name, loss: getLoss(lossIds[i] as LossIdentifier), lossId: lossIds[i] as LossIdentifier, metricIds: metricLists[i] as MetricIdentifier[], weight: weights[i] ?? null }));
  // Resolve each metric once now, so an unknown id fails at compile (as in TF.js), not in fit.
  for (const o of outputs) for (const id of o.metricIds) getMetric(id, { lossId: o.lossId });
  const first = outputs[0] as OutputTraining;
  return { optimizer, loss: first.loss, lossId: first.lossId, metricIds: first.metricIds, outputs };
}

function metricsPerOutput(metrics: CompileArgs['metrics'], names: readonly string[], where: string): MetricIdentifier[][] {
  if (metrics === undefined) return names.map(() => []);
  const asList = (m: unknown): MetricIdentifier[] => (Array.isArray(m) ? (m as MetricIdentifier[]).slice() : [m as MetricIdentifier]);
  if (Array.isArray(metrics) && metrics.some(Array.isArray)) return perOutput<unknown>(metrics as unknown[], names, 'metrics', where, () => false).map(asList);
  // A dict may leave outputs out: they have no metrics (TF.js and Keras).
  if (isDict(metrics) && !isLossConfig(metrics) && !('update' in metrics)) return perOutput<unknown>(metrics as Record<string, unknown>, names, 'metrics', where, () => false, []).map(asList);
  if (isMetricList(metrics) || !Array.isArray(metrics)) return names.map(() => asList(metrics));
  return names.map(() => asList(metrics));
}

/** Fresh metric objects for output `o`'s ids, resolved against the data's shapes (Keras rule). */
export function makeMetrics(o: Pick<OutputTraining, 'metricIds' | 'lossId'>, yTrueShape: readonly number[], yPredShape: readonly number[]): Metric[] {
  return o.metricIds.map((id) => getMetric(id, { yTrueShape, yPredShape, lossId: o.lossId }));
}

/** The model's compiled state; `method` names the caller in the error when it has none. */
export function requireCompiled(model: { name: string; compiled: CompiledState | undefined }, method: string): CompiledState {
  if (!model.compiled) throw new Error(`${model.name}.${method}: the model must be compiled first; call model.compile({optimizer, loss}) before ${method}`);
  return model.compiled;
}
