import { ExactAccumulator, exactTerms, restoreExact } from '../math/index.js';
import type { Metric, MetricState } from '../metrics/index.js';
import { add, mean, mul, reshape, variableGrads } from '../ops/index.js';
import type { RandomKey } from '../random/index.js';
import type { Tensor } from '../ops/tensor.js';
import type { CompiledState } from './compile.js';
import { makeMetrics } from './compile.js';
import { rowRange } from './data.js';
import type { Logs } from './history.js';
import type { Sequential } from './sequential.js';

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
  result(): number {
    return Math.fround(this.sum.value() / this.count);
  }
  saveState(): MetricState {
    return { sum: exactTerms(this.sum), count: [this.count] };
  }
  restoreState(state: MetricState): void {
    this.sum = restoreExact(state['sum'] ?? []);
    this.count = state['count']?.[0] ?? 0;
  }
}

/** The loss and metrics accumulated over some batches (an epoch, one batch, an evaluation). */
export interface Tracker {
  loss: LossTracker;
  metrics: Metric[];
}

/**
 * The shape of the model's predictions for `rows` samples of `x`, from the layers'
 * `computeOutputShape`, so metrics can be resolved (Keras rule, by shapes) before any batch
 * runs. NOTE: only where a layer leaves an extent unknown does it run the model on `rows` rows.
 */
export function predictionShape(model: Sequential, x: Tensor, rows: number, seedKey: RandomKey): number[] {
  const out = model.outputShape; // x has passed checkInput, so the model is built
  if (out && out.slice(1).every((d) => d !== null)) return [rows, ...(out.slice(1) as number[])];
  return model.forward(rowRange(x, 0, rows), { training: false, step: 0, seedKey }).shape;
}

/** A tracker with fresh metrics for targets of `yShape` and predictions of `predShape`. */
export function newTracker(state: CompiledState, yShape: readonly number[], predShape: readonly number[]): Tracker {
  return { loss: new LossTracker(), metrics: makeMetrics(state, yShape, predShape) };
}

/**
 * Empties a tracker for reuse, as if new. NOTE: a Metric object given to compile is the
 * caller's, shared by every tracker and never reset by fit (it was so before trackers were
 * reused); only metrics resolved from ids are reset.
 */
export function resetTracker(t: Tracker, state: CompiledState): void {
  t.loss = new LossTracker();
  for (const m of t.metrics) if (!state.metricIds.includes(m)) m.reset();
}

/** Per-sample losses times per-sample weights (none: unchanged). */
export function weighted(perSample: Tensor, w: Tensor | null): Tensor {
  if (!w) return perSample;
  return mul(perSample, perSample.rank > 1 ? reshape(w, [w.size, ...perSample.shape.slice(1).map(() => 1)]) : w);
}

/**
 * The model's loss on a batch: the mean compiled loss, then each extra loss added in a fixed
 * order (Keras 3 `compute_loss`): the activity penalties the forward pass put in `penalties`
 * (layers in model order), then the weight penalties (layers in model order, weights in
 * creation order), appended to `penalties` here. Order of arithmetic: float32 additions left
 * to right, starting from the mean.
 */
export function totalLoss(model: Sequential, perSample: Tensor, penalties: Tensor[]): Tensor {
  penalties.push(...weightPenalties(model));
  return penalties.reduce((t, p) => add(t, p), mean(perSample));
}

/** The weight penalties of every layer, layers in model order, weights in creation order. */
export function weightPenalties(model: Sequential): Tensor[] {
  return model.layers.flatMap((l) => l.regularizationLosses());
}

/**
 * One gradient step: forward in training mode, loss (with regularization), backward pass,
 * trackers, `beforeUpdate`, optimizer update (which applies the weights' constraints); returns
 * the batch's loss. NOTE: `beforeUpdate` runs while the weights are still the pre-step ones (fit's
 * non-finite-loss warning fingerprints them there).
 */
export function trainStep(model: Sequential, state: CompiledState, x: Tensor, y: Tensor, w: Tensor | null, step: number, seedKey: RandomKey, trackers: Tracker[], beforeUpdate?: () => void): number {
  const vars = model.trainableWeights;
  let yPred: Tensor | undefined;
  let losses: Tensor | undefined;
  const penalties: Tensor[] = [];
  const objective = (): Tensor => {
    penalties.length = 0;
    yPred = model.forward(x, { training: true, step, seedKey, losses: penalties });
    losses = weighted(state.loss(y, yPred), w);
    return totalLoss(model, losses, penalties);
  };
  const track = (): void => {
    for (const t of trackers) {
      t.loss.add(losses as Tensor);
      t.loss.addPenalties(penalties, (losses as Tensor).size);
      for (const m of t.metrics) m.update(y, yPred as Tensor, w ?? undefined);
    }
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

/** A metric's value as the float32 number TF.js logs (and `evaluate` returns), like the loss. */
export function metricValue(m: Metric): number {
  return Math.fround(m.result());
}

/** `{loss, <metric>: value, …}` of a tracker, in compile order. */
export function trackerLogs(t: Tracker): Logs {
  const logs: Logs = { loss: t.loss.result() };
  for (const m of t.metrics) logs[m.name] = metricValue(m);
  return logs;
}
