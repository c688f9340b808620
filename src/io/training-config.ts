/**
 * The `trainingConfig` of a model file: what `compile` was given, in the form TF.js writes
 * (`getTrainingConfig` in `@tensorflow/tfjs-layers/dist/engine/training.js`): loss and metric
 * names in snake_case, the optimizer's class name and camelCase config. Options of a configured
 * loss or metric, which TF.js cannot name, go in two extra keys TF.js ignores.
 */

import type { ConfigDict } from '../initializers/initializer.js';
import { describeValue } from '../initializers/validate.js';
import type { LossConfig } from '../losses/index.js';
import { lossIds, lossName } from '../losses/index.js';
import type { MetricIdentifier } from '../metrics/index.js';
import { getMetric } from '../metrics/index.js';
import type { SavableModel } from '../models/index.js';
import { optimizerFromConfig } from '../optimizers/index.js';
import { ModelFileError, explain } from './errors.js';
import { fromPythonic, toCamelCase, toPythonic, toSnakeCase } from './pythonic.js';
import type { TrainingConfig } from './types.js';

type Options = { [key: string]: number | boolean | null };

function optionsOf(id: unknown): Options | null {
  let options: unknown;
  if (typeof id === 'function') options = (id as { options?: unknown }).options;
  else if (typeof id === 'object' && id !== null) options = Object.fromEntries(Object.entries(id).filter(([k]) => k !== 'name'));
  return typeof options === 'object' && options !== null && Object.keys(options).length > 0 ? (options as Options) : null;
}

/** The snake_case name a metric is saved under; throws when a reload could not resolve it. */
function metricName(id: MetricIdentifier, model: string): string {
  const isConfig = typeof id === 'object' && id !== null && !('update' in id);
  const given = typeof id === 'string' ? id : isConfig ? id.name : getMetric(id).name;
  const name = toSnakeCase(given);
  try {
    getMetric(toCamelCase(name));
  } catch {
    try {
      getMetric(name);
    } catch {
      throw new Error(`${model}.save: includeOptimizer: metric '${given}' has no id a model file can hold (a custom function or Metric); compile with metric ids such as 'accuracy', or save without includeOptimizer`);
    }
  }
  return name;
}

/**
 * The training config of a compiled model, as TF.js writes it.
 * @example trainingConfigOf(model) // {loss: 'categorical_crossentropy', metrics: ['accuracy'], optimizer_config: {class_name: 'Adam', config: {...}}}
 */
export function trainingConfigOf(model: SavableModel): TrainingConfig {
  const state = model.compiled;
  if (!state) throw new Error(`${model.name}.save: includeOptimizer needs a compiled model; call compile first`);
  const loss = lossName(state.lossId);
  if (loss === null) {
    throw new Error(`${model.name}.save: includeOptimizer: the loss is a custom function, which a model file cannot name; compile with a loss id such as 'categoricalCrossentropy', or save without includeOptimizer`);
  }
  const config: TrainingConfig = {
    loss,
    metrics: state.metricIds.map((m) => metricName(m, model.name)),
    optimizer_config: { class_name: state.optimizer.getClassName(), config: state.optimizer.getConfig() },
  };
  const lossOptions = optionsOf(state.lossId);
  if (lossOptions) config.loss_options = toPythonic(lossOptions);
  const metricOptions = state.metricIds.map((m) => optionsOf(typeof m === 'object' && m !== null && 'name' in m && !('update' in m) ? m : null));
  if (metricOptions.some((o) => o !== null)) config.metric_options = metricOptions.map((o) => (o ? toPythonic(o) : null));
  return config;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withOptions(file: string, name: string, options: unknown): string | LossConfig {
  if (options === undefined || options === null) return name;
  if (!isObject(options)) throw new ModelFileError(file, `trainingConfig: options of '${name}' must be an object, received ${describeValue(options)}`);
  return { ...fromPythonic(options as ConfigDict), name } as LossConfig;
}

/**
 * Compiles `model` as `trainingConfig` says (TF.js `loadTrainingConfig`): the optimizer from
 * its class and config, the loss and metrics by name (TF.js camelCase first, then as written).
 */
export function compileFromTrainingConfig(model: SavableModel, trainingConfig: unknown, file: string): void {
  const tc = trainingConfig;
  if (!isObject(tc)) throw new ModelFileError(file, `trainingConfig must be an object, received ${describeValue(tc)}`);
  for (const key of ['weighted_metrics', 'loss_weights', 'sample_weight_mode']) {
    if (tc[key] !== undefined && tc[key] !== null) throw new ModelFileError(file, `trainingConfig.${key} is not supported yet`);
  }
  const opt = tc['optimizer_config'];
  if (!isObject(opt) || typeof opt['class_name'] !== 'string' || !(opt['config'] === undefined || isObject(opt['config']))) {
    throw new ModelFileError(file, `trainingConfig.optimizer_config must be {class_name, config}, received ${describeValue(opt)}`);
  }
  const optimizer = explain(file, 'trainingConfig.optimizer_config: ', () => optimizerFromConfig(opt['class_name'] as string, fromPythonic((opt['config'] ?? {}) as ConfigDict)));
  const rawLoss = Array.isArray(tc['loss']) && tc['loss'].length === 1 ? tc['loss'][0] : tc['loss'];
  if (typeof rawLoss !== 'string') throw new ModelFileError(file, `trainingConfig.loss must be a loss name, received ${describeValue(tc['loss'])}`);
  const lossId = lossIds().includes(toCamelCase(rawLoss)) ? toCamelCase(rawLoss) : rawLoss;
  const metricsRaw = tc['metrics'] ?? [];
  if (!Array.isArray(metricsRaw) || !metricsRaw.every((m) => typeof m === 'string')) {
    throw new ModelFileError(file, `trainingConfig.metrics must be an array of metric names, received ${describeValue(metricsRaw)}`);
  }
  const metricOptions = Array.isArray(tc['metric_options']) ? (tc['metric_options'] as unknown[]) : [];
  const metrics = (metricsRaw as string[]).map((m, i) => {
    let id = m;
    try {
      getMetric(toCamelCase(m));
      id = toCamelCase(m);
    } catch {
      // Not a TF.js spelling: keep the name as written (e.g. a Keras id); compile checks it.
    }
    return withOptions(file, id, metricOptions[i]);
  });
  explain(file, 'trainingConfig: ', () => model.compile({ optimizer, loss: withOptions(file, lossId, tc['loss_options']), metrics }));
}
