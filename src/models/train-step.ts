import { ExactAccumulator, exactTerms, restoreExact } from '../math/index.js';
import type { Metric, MetricState } from '../metrics/index.js';
import { add, mean, mul, reshape, variableGrads } from '../ops/index.js';
import type { RandomKey } from '../random/index.js';
import type { Tensor } from '../ops/tensor.js';
import type { CompiledState, OutputTraining } from './compile.js';
import { makeMetrics } from './compile.js';
import { rowRange } from './data.js';
import type { Logs } from './history.js';
import type { EngineModel } from './engine.js';

/** Accumulates exact sums of per-sample (weighted) losses: the epoch loss does not depend on batching. */
export class LossTracker {
  private sum = new ExactAccumulator();
  private count = 0;
  add(values: Tensor): void {
    const v = values.values;
    for (let i = 0; i < v.length; i++) this.sum.add(v[i] as number);
    this.count += v.length;
  }
  /**
   * Adds the batch's extra losses (regularization) to each of its `count` samples: exactly, so
   * the epoch loss is the sample-weighted mean of the batches' totals, as Keras's loss tracker.
   */
  addPenalties(penalties: readonly Tensor[], count: number): void {
    // float32 value × integer count < 2^29 is exact in float64.
    for (const p of penalties) this.sum.add((p.values[0] as number) * count);
  }
  /** Counts `n` rows without adding values (the extra-loss tracker of a model with several outputs). */
  countRows(n: number): void {
    this.count += n;
  }
  result(): number {
    return Math.fround(this.sum.value() / this.count);
  }
  /** The mean in float64, before rounding to float32. */
  mean(): number {
    return this.sum.value() / this.count;
  }
  saveState(): MetricState {
    return { sum: exactTerms(this.sum), count: [this.count] };
  }
  restoreState(state: MetricState): void {
    this.sum = restoreExact(state['sum'] ?? []);
    this.count = state['count']?.[0] ?? 0;
  }
}

/**
 * The loss and metrics accumulated over some batches (an epoch, one batch, an evaluation): an
 * exact loss sum per model output, and the metrics of every output, flattened in output order.
 */
export interface Tracker {
  /** One exact accumulator of per-sample losses per output (the only one also holds the extra losses). */
  losses: LossTracker[];
  /** With several outputs: the extra losses (regularization) per row, apart from the outputs'. */
  extra: LossTracker;
  /** Each output's loss weight (null: none given, the loss is not multiplied). */
  lossWeights: (number | null)[];
  /** Per-output loss log keys (`dense_1_loss`, TF.js), empty for a model with one output. */
  lossKeys: string[];
  /** The metrics of all outputs, output by output. */
  metrics: Metric[];
  /** Which output each metric tracks. */
  metricOutput: number[];
  /** Each metric's log key: its name, prefixed by its output's for several outputs (`dense_1_acc`). */
  metricKeys: string[];
}

/**
 * The shapes of the model's predictions for `rows` samples of `x`, from the layers'
 * `computeOutputShape`, so metrics can be resolved (Keras rule, by shapes) before any batch
 * runs. NOTE: only where a layer leaves an extent unknown does it run the model on `rows` rows.
 */
export function predictionShapes(model: EngineModel, x: Tensor[], rows: number, seedKey: RandomKey): number[][] {
  const out = model.outputShapes(); // x has passed checkInputs, so the model is built
  if (out && out.every((s) => s.slice(1).every((d) => d !== null))) return out.map((s) => [rows, ...(s.slice(1) as number[])]);
  return model.forwardAll(x.map((t) => rowRange(t, 0, rows)), { training: false, step: 0, seedKey }).map((t) => t.shape);
}

/** A tracker with fresh metrics for targets of `yShapes` and predictions of `predShapes` (one per output). */
export function newTracker(state: CompiledState, yShapes: readonly (readonly number[])[], predShapes: readonly (readonly number[])[]): Tracker {
  const many = state.outputs.length > 1;
  const t: Tracker = { losses: [], extra: new LossTracker(), lossWeights: [], lossKeys: [], metrics: [], metricOutput: [], metricKeys: [] };
  state.outputs.forEach((o, i) => {
    t.losses.push(new LossTracker());
    t.lossWeights.push(o.weight);
    if (many) t.lossKeys.push(`${o.name}_loss`);
    for (const m of makeMetrics(o, yShapes[i] as number[], predShapes[i] as number[])) {
      t.metrics.push(m);
      t.metricOutput.push(i);
      t.metricKeys.push(many ? `${o.name}_${m.name}` : m.name);
    }
  });
  // NOTE: a layer that makes two outputs (a shared layer, an RNN's states) names both; TF.js's
  // getDedupedMetricsNames suffixes repeated keys _0, _1 … so no output's log overwrites another's.
  const keys = [...t.lossKeys, ...t.metricKeys];
  const count = (k: string, upTo: number): number => keys.slice(0, upTo).filter((x) => x === k).length;
  const unique = keys.map((k, i) => (count(k, keys.length) > 1 ? `${k}_${count(k, i)}` : k));
  t.lossKeys = unique.slice(0, t.lossKeys.length);
  t.metricKeys = unique.slice(t.lossKeys.length);
  return t;
}

/**
 * Empties a tracker for reuse, as if new. NOTE: a Metric object given to compile is the
 * caller's, shared by every tracker and never reset by fit (it was so before trackers were
 * reused); only metrics resolved from ids are reset.
 */
export function resetTracker(t: Tracker, state: CompiledState): void {
  t.losses = t.losses.map(() => new LossTracker());
  t.extra = new LossTracker();
  const given = state.outputs.flatMap((o) => o.metricIds);
  for (const m of t.metrics) if (!given.includes(m)) m.reset();
}

/**
 * The total loss of a tracker: the one output's mean loss (extra losses included), or for several
 * outputs the sum over outputs, in output order, of weight × exact mean, plus the extra losses'
 * mean per row (in float64, rounded once to float32).
 */
export function trackedLoss(t: Tracker): number {
  if (t.losses.length === 1) return (t.losses[0] as LossTracker).result();
  let total = 0;
  t.losses.forEach((l, i) => {
    total += (t.lossWeights[i] ?? 1) * l.mean();
  });
  const extra = t.extra.mean();
  return Math.fround(Number.isNaN(extra) ? total : total + extra);
}

/**
 * Output `o`'s per-sample losses. With several outputs an error of the loss (a target of the
 * wrong shape) is prefixed with the model and the output, which the loss alone cannot name.
 * @example outputLoss(model, state.outputs[1], y[1], yPred[1]) // throws "two_io: output 'out2': categoricalCrossentropy: …"
 */
export function outputLoss(model: EngineModel, o: OutputTraining, y: Tensor, yPred: Tensor): Tensor {
  if (model.outputNames.length === 1) return o.loss(y, yPred);
  try {
    return o.loss(y, yPred);
  } catch (error) {
    throw new Error(`${model.name}: output '${o.name}': ${(error as Error).message}`, { cause: error });
  }
}

/** Per-sample losses times per-sample weights (none: unchanged). */
export function weighted(perSample: Tensor, w: Tensor | null): Tensor {
  if (!w) return perSample;
  return mul(perSample, perSample.rank > 1 ? reshape(w, [w.size, ...perSample.shape.slice(1).map(() => 1)]) : w);
}

/**
 * The model's loss on a batch (Keras 3 `compute_loss`): the compiled losses, the mean for one
 * output; for several (TF.js order), mean(loss₀)·w₀ + mean(loss₁)·w₁ + …, added in output order,
 * each multiplied only when loss weights were given; then each extra loss added in a fixed
 * order: the activity penalties the forward pass put in `penalties` (layers in model order),
 * then the weight penalties (layers in model order, weights in creation order), appended to
 * `penalties` here. Order of arithmetic: float32 additions left to right.
 */
export function totalLoss(model: EngineModel, perOutput: Tensor[], weights: readonly (number | null)[], penalties: Tensor[]): Tensor {
  let total: Tensor | undefined;
  perOutput.forEach((l, i) => {
    const w = weights[i] ?? null;
    const term = w === null ? mean(l) : mul(mean(l), w);
    total = total === undefined ? term : add(total, term);
  });
  penalties.push(...weightPenalties(model));
  return penalties.reduce((t, p) => add(t, p), total as Tensor);
}

/** The weight penalties of every layer, layers in model order, weights in creation order. */
export function weightPenalties(model: EngineModel): Tensor[] {
  return model.layers.flatMap((l) => l.regularizationLosses());
}

/**
 * One gradient step: forward in training mode, loss, backward pass, trackers, `beforeUpdate`,
 * optimizer update; returns the batch's loss. `seedKey` is the training call's key and `call`
 * its ordinal (for layers with a seed of their own). NOTE: `beforeUpdate` runs while the weights
 * are still the pre-step ones (fit's non-finite-loss warning fingerprints them there).
 */
export function trainStep(model: EngineModel, state: CompiledState, x: Tensor[], y: Tensor[], w: Tensor | null, step: number, seedKey: RandomKey, trackers: Tracker[], beforeUpdate?: () => void, call = 0): number {
  const vars = model.trainableWeights;
  let yPred: Tensor[] = [];
  let losses: Tensor[] = [];
  const penalties: Tensor[] = [];
  const objective = (): Tensor => {
    penalties.length = 0;
    yPred = model.forwardAll(x, { training: true, step, seedKey, losses: penalties, ...(call === 0 ? {} : { call }) });
    losses = state.outputs.map((o, i) => weighted(outputLoss(model, o, y[i] as Tensor, yPred[i] as Tensor), w));
    return totalLoss(model, losses, state.outputs.map((o) => o.weight), penalties);
  };
  const track = (): void => {
    for (const t of trackers) updateTracker(t, losses, y, yPred, w, penalties);
    beforeUpdate?.();
  };
  let lossValue: Tensor;
  if (vars.length > 0) {
    const { value, grads } = variableGrads(objective, vars);
    lossValue = value;
    track();
    state.optimizer.apply(vars.filter((v) => grads[v.name] !== undefined).map((v) => ({ variable: v, gradient: grads[v.name] as Tensor })));
  } else {
    lossValue = objective();
    track();
  }
  return lossValue.values[0] as number;
}

/**
 * Adds a batch's per-sample losses, its extra losses (`penalties`) and metric updates (one entry
 * per output) to a tracker. With one output the extra losses count per sample of its loss (as
 * Keras's loss tracker); with several, per row of the batch, apart from the outputs' losses.
 */
export function updateTracker(t: Tracker, losses: readonly Tensor[], y: readonly Tensor[], yPred: readonly Tensor[], w: Tensor | null, penalties: readonly Tensor[] = []): void {
  losses.forEach((l, i) => t.losses[i]?.add(l));
  if (losses.length === 1) (t.losses[0] as LossTracker).addPenalties(penalties, (losses[0] as Tensor).size);
  else {
    const rows = (y[0] as Tensor).shape[0] as number;
    t.extra.addPenalties(penalties, rows);
    t.extra.countRows(rows);
  }
  t.metrics.forEach((m, j) => {
    const o = t.metricOutput[j] as number;
    m.update(y[o] as Tensor, yPred[o] as Tensor, w ?? undefined);
  });
}

/** A metric's value as the float32 number TF.js logs (and `evaluate` returns), like the loss. */
export function metricValue(m: Metric): number {
  return Math.fround(m.result());
}

/** `{loss, <output>_loss…, <metric>: value, …}` of a tracker, in compile order (TF.js keys). */
export function trackerLogs(t: Tracker): Logs {
  const logs: Logs = { loss: trackedLoss(t) };
  if (t.lossKeys.length > 0) t.losses.forEach((l, i) => (logs[t.lossKeys[i] as string] = l.result()));
  t.metrics.forEach((m, j) => (logs[t.metricKeys[j] as string] = metricValue(m)));
  return logs;
}
