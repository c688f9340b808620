import type { LossFn, LossIdentifier } from '../losses/index.js';
import { getLoss } from '../losses/index.js';
import type { Metric, MetricIdentifier } from '../metrics/index.js';
import { getMetric } from '../metrics/index.js';
import type { Optimizer, OptimizerIdentifier } from '../optimizers/index.js';
import { getOptimizer } from '../optimizers/index.js';
import type { Sequential } from './sequential.js';

/** Arguments of `compile` (TF.js `ModelCompileArgs`; Keras string ids accepted too). */
export interface CompileArgs {
  /** An optimizer instance or id: `'adam'`, `'sgd'`, `'rmsprop'`, … */
  optimizer: Optimizer | OptimizerIdentifier;
  /** A loss function or id: `'meanSquaredError'`, `'mse'`, `'categorical_crossentropy'`, … */
  loss: LossIdentifier;
  /** Metric ids or functions: `'accuracy'`, `'mse'`, … */
  metrics?: MetricIdentifier[] | MetricIdentifier;
}

/** What `compile` resolved, kept on the model. */
export interface CompiledState {
  optimizer: Optimizer;
  loss: LossFn;
  lossId: LossIdentifier;
  metricIds: MetricIdentifier[];
}

/** Resolves compile arguments, with errors that name the model and the argument. */
export function compileState(args: CompileArgs, modelName: string): CompiledState {
  if (args === undefined || args === null || typeof args !== 'object') throw new Error(`${modelName}.compile: expected {optimizer, loss, metrics?}, received ${String(args)}`);
  if (args.optimizer === undefined) throw new Error(`${modelName}.compile: optimizer is missing; pass an id such as 'adam' or an optimizer such as train.adam(0.001)`);
  if (args.loss === undefined) throw new Error(`${modelName}.compile: loss is missing; pass an id such as 'meanSquaredError' or a loss function`);
  const metricIds = args.metrics === undefined ? [] : Array.isArray(args.metrics) ? args.metrics.slice() : [args.metrics];
  const state = { optimizer: getOptimizer(args.optimizer), loss: getLoss(args.loss), lossId: args.loss, metricIds };
  // Resolve each metric once now, so an unknown id fails at compile (as in TF.js), not in fit.
  for (const id of metricIds) getMetric(id, { lossId: args.loss });
  return state;
}

/** Fresh metric objects for the compiled ids, resolved against the data's shapes (Keras rule). */
export function makeMetrics(state: CompiledState, yTrueShape: readonly number[], yPredShape: readonly number[]): Metric[] {
  return state.metricIds.map((id) => getMetric(id, { yTrueShape, yPredShape, lossId: state.lossId }));
}

/** The model's compiled state; `method` names the caller in the error when it has none. */
export function requireCompiled(model: Sequential, method: string): CompiledState {
  if (!model.compiled) throw new Error(`${model.name}.${method}: the model must be compiled first; call model.compile({optimizer, loss}) before ${method}`);
  return model.compiled;
}
