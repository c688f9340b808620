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
  if (state.outputs.length > 1) return severalOutputs(model.name, state);
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

/**
 * The training config of a model with several outputs (TF.js writes a list of loss names): the
 * losses in output order, the metrics as one list when every output has the same, else a dict
 * by output name, and `loss_weights` when compile had them (TF.js 4.22 refuses to load those).
 */
function severalOutputs(model: string, state: NonNullable<SavableModel['compiled']>): TrainingConfig {
  const loss = state.outputs.map((o) => {
    const name = lossName(o.lossId);
    if (name === null || optionsOf(o.lossId) !== null) throw new Error(`${model}.save: includeOptimizer: the loss of output '${o.name}' is a custom function or has options, which a model file of several outputs cannot hold yet; compile with loss ids, or save without includeOptimizer`);
    return name;
  });
  const names = state.outputs.map((o) => o.metricIds.map((m) => metricName(m, model)));
  const same = names.every((n) => JSON.stringify(n) === JSON.stringify(names[0]));
  const config: TrainingConfig = {
    loss,
    metrics: same ? (names[0] as string[]) : Object.fromEntries(state.outputs.map((o, i) => [o.name, names[i] as string[]])),
    optimizer_config: { class_name: state.optimizer.getClassName(), config: state.optimizer.getConfig() },
  };
  if (state.outputs.some((o) => o.weight !== null)) config.loss_weights = state.outputs.map((o) => o.weight ?? 1);
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
  for (const key of ['weighted_metrics', 'sample_weight_mode']) {
    if (tc[key] !== undefined && tc[key] !== null) throw new ModelFileError(file, `trainingConfig.${key} is not supported yet`);
  }
  const opt = tc['optimizer_config'];
  if (!isObject(opt) || typeof opt['class_name'] !== 'string' || !(opt['config'] === undefined || isObject(opt['config']))) {
    throw new ModelFileError(file, `trainingConfig.optimizer_config must be {class_name, config}, received ${describeValue(opt)}`);
  }
  const optimizer = explain(file, 'trainingConfig.optimizer_config: ', () => optimizerFromConfig(opt['class_name'] as string, fromPythonic((opt['config'] ?? {}) as ConfigDict)));
  const rawLoss = Array.isArray(tc['loss']) && tc['loss'].length === 1 ? tc['loss'][0] : tc['loss'];
  const lossIdOf = (name: string): string => (lossIds().includes(toCamelCase(name)) ? toCamelCase(name) : name);
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string');
  let loss: string | LossConfig | string[] | { [output: string]: string };
  if (typeof rawLoss === 'string') loss = withOptions(file, lossIdOf(rawLoss), tc['loss_options']);
  else if (strings(rawLoss)) loss = rawLoss.map(lossIdOf);
  else if (isObject(rawLoss) && Object.values(rawLoss).every((v) => typeof v === 'string')) loss = Object.fromEntries(Object.entries(rawLoss).map(([k, v]) => [k, lossIdOf(v as string)]));
  else throw new ModelFileError(file, `trainingConfig.loss must be a loss name (or one per output), received ${describeValue(tc['loss'])}`);
  const metricsRaw = tc['metrics'] ?? [];
  const metricOptions = Array.isArray(tc['metric_options']) ? (tc['metric_options'] as unknown[]) : [];
  const metricsOf = (list: unknown): (string | LossConfig)[] => {
    const names = typeof list === 'string' ? [list] : list;
    if (!Array.isArray(names) || !names.every((m) => typeof m === 'string')) {
      throw new ModelFileError(file, `trainingConfig.metrics must be an array of metric names (or a dict of them by output), received ${describeValue(metricsRaw)}`);
    }
    return (names as string[]).map((m, i) => {
      let id = m;
      try {
        getMetric(toCamelCase(m));
        id = toCamelCase(m);
      } catch {
        // Not a TF.js spelling: keep the name as written (e.g. a Keras id); compile checks it.
      }
      return withOptions(file, id, metricOptions[i]);
    });
  };
  const metrics = isObject(metricsRaw) ? Object.fromEntries(Object.entries(metricsRaw).map(([k, v]) => [k, metricsOf(v)])) : metricsOf(metricsRaw);
  const weights = tc['loss_weights'];
  if (weights !== undefined && weights !== null && !(Array.isArray(weights) && weights.every((w) => typeof w === 'number')) && !(isObject(weights) && Object.values(weights).every((w) => typeof w === 'number'))) {
    throw new ModelFileError(file, `trainingConfig.loss_weights must be numbers, one per output, received ${describeValue(weights)}`);
  }
  const lossWeights = weights === undefined || weights === null ? {} : { lossWeights: weights as number[] | { [output: string]: number } };
  explain(file, 'trainingConfig: ', () => model.compile({ optimizer, loss, metrics, ...lossWeights }));
}
