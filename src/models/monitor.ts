import type { Logs } from './history.js';
import { received } from '../util/received.js';

/** Which way the monitored value should go. */
export type MonitorMode = 'min' | 'max';

// Keras 3 resolves 'auto' from the metric object's direction; these are the names SameBits'
// metrics log under that Keras marks "up" (accuracies, precision, recall, AUC, R²).
const MAXIMIZED = /^(acc|accuracy|(binary|categorical|sparse_categorical|sparse_top_k_categorical|top_k_categorical)_accuracy|(binary|categorical|sparseCategorical|sparseTopKCategorical|topKCategorical)Accuracy|precision|recall|auc|r2|r2_score|r2Score|f1_score|fbeta_score)$/;
// Losses and errors, which go down; 'loss' itself and the ids of losses used as metrics.
const MINIMIZED = /^(loss|mse|mae|mape|msle|ce|bce|cce|kld|mean_squared_error|mean_absolute_error|mean_absolute_percentage_error|mean_squared_logarithmic_error|meanSquaredError|meanAbsoluteError|meanAbsolutePercentageError|meanSquaredLogarithmicError|.*crossentropy|.*Crossentropy|hinge|squared_hinge|squaredHinge|categorical_hinge|categoricalHinge|poisson|log_cosh|logCosh|huber|kl_divergence|klDivergence|kullback_leibler_divergence|kullbackLeiblerDivergence)$/;

/**
 * The mode a monitor works in. `'auto'` follows Keras 3: the loss and losses used as metrics
 * are minimized, accuracies, precision, recall, AUC and R² maximized (the `val_` prefix
 * and an output's name removed: `val_cls_acc` is maximized), anything else is an error asking for an explicit mode. (TF.js instead maximizes any
 * key containing `acc` and minimizes the rest.)
 * @example monitorMode('val_acc', 'auto', 'earlyStopping') // 'max'
 */
export function monitorMode(monitor: string, mode: unknown, owner: string): MonitorMode {
  if (typeof monitor !== 'string' || monitor.length === 0) throw new Error(`${owner}: monitor must be a log key such as 'val_loss'. Received: monitor=${JSON.stringify(monitor)}`);
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw new Error(`${owner}: mode must be 'auto', 'min' or 'max'. Received: mode=${JSON.stringify(mode)}`);
  // Two outputs of one layer log `<output>_loss_0`, `<output>_loss_1` (TF.js's dedupe): the index is not the name.
  const name = (monitor.startsWith('val_') ? monitor.slice(4) : monitor).replace(/_\d+$/, '');
  // A model with several outputs logs `<output>_loss` and `<output>_<metric>`: the longest
  // suffix after an underscore that names a loss or metric decides (Keras: any key ending in 'loss' is minimized).
  const suffixes = [name, ...[...name.matchAll(/_/g)].map((m) => name.slice((m.index as number) + 1))];
  for (const s of suffixes) {
    if (MAXIMIZED.test(s)) return 'max';
    if (MINIMIZED.test(s)) return 'min';
  }
  throw new Error(`${owner}: cannot tell whether monitor '${monitor}' should be minimized or maximized; pass mode: 'min' or mode: 'max'`);
}

/**
 * Keras 3's improvement test (`MonitorCallback._is_improvement`): in min mode
 * `current + minDelta < reference`, in max mode `current − minDelta > reference`; no reference
 * yet (null) is always an improvement.
 *
 * NOTE: Keras subtracts in float64 (Python floats) and then compares with `ops.less` /
 * `ops.greater`, which convert both sides to float32 tensors; the comparison here rounds both
 * sides to float32 the same way, so a difference smaller than float32 can resolve is no
 * improvement, as in Keras.
 * @example isImprovement('min', 0, 1 - 1e-9, 1) // false: equal in float32
 */
export function isImprovement(mode: MonitorMode, minDelta: number, current: number, reference: number | null): boolean {
  if (reference === null) return true;
  const f = Math.fround;
  return mode === 'min' ? f(current + minDelta) < f(reference) : f(current - minDelta) > f(reference);
}

/**
 * The monitored value from the logs, or undefined with a warning naming the keys there are.
 * @example monitoredValue('earlyStopping', 'val_loss', { loss: 0.5 }) // undefined, warns 'available: loss'
 */
export function monitoredValue(owner: string, monitor: string, logs: Logs | undefined): number | undefined {
  const value = logs?.[monitor];
  if (value === undefined) console.warn(`${owner}: monitored key '${monitor}' is not in the logs (available: ${Object.keys(logs ?? {}).join(', ')})`);
  return value;
}

/**
 * A non-negative integer option, or an error naming it and its value.
 * @example countOption('earlyStopping', 'patience', undefined, 0) // 0
 */
export function countOption(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new Error(`${owner}: ${name} must be a non-negative integer. Received: ${name}=${received(value)}`);
  return value as number;
}

/**
 * A finite number option, or an error naming it and its value.
 * @example finiteOption('earlyStopping', 'minDelta', 0.01, 0) // 0.01
 */
export function finiteOption(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${owner}: ${name} must be a finite number. Received: ${name}=${received(value)}`);
  return value;
}
