import { broadcastTo, cast, reshape, squeeze } from '../ops/index.js';
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../ops/tensor.js';

/** A per-sample metric or loss function: (yTrue, yPred) → values reduced over the last axis. */
export type MetricFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * A stateful metric (Keras style): `update` folds in one batch, `result` reads the value over
 * everything seen since `reset`. SameBits metrics accumulate exact sums (ExactAccumulator), so
 * the result does not depend on how the data was split into batches.
 * @example const m = getMetric('mse'); m.update(y1, p1); m.update(y2, p2); m.result();
 */
export interface Metric {
  /** The key under which logs and History report it (e.g. `acc`, `mse`, `val_` + name). */
  readonly name: string;
  /** Adds one batch; `sampleWeight` (one weight per sample, or broadcastable) weights it. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void;
  /** The value over all batches since the last reset (0 before any data, as in Keras). */
  result(): number;
  /** Forgets all batches. */
  reset(): void;
  /**
   * The accumulated state as plain JSON (exact sums as `exactTerms` lists), for checkpoints;
   * `restoreState` puts it back so a resumed epoch reports the same bits. Custom metrics may omit
   * both; then a checkpoint taken mid-epoch cannot restore them.
   */
  saveState?(): MetricState;
  /** Restores what `saveState` returned. */
  restoreState?(state: MetricState): void;
}

/** A metric's accumulated state: named lists of exact-sum terms. */
export type MetricState = Record<string, number[]>;

/**
 * The weight of every element of `values` as float32 numbers (row-major): `sampleWeight` with a
 * trailing axis of 1 dropped or trailing axes of 1 added until its rank matches (Keras
 * `squeeze_or_expand_to_same_rank`, then broadcast), so weights [N] or [N, 1] weight samples of
 * per-sample values [N] or per-element values [N, C].
 */
export function elementWeights(name: string, values: Tensor, sampleWeight: Tensor): ArrayLike<number> {
  let w = sampleWeight.dtype === 'float32' ? sampleWeight : cast(sampleWeight, 'float32');
  if (w.rank === values.rank + 1 && w.shape[w.rank - 1] === 1) w = squeeze(w, [-1]);
  if (w.rank < values.rank) w = reshape(w, [...w.shape, ...new Array<number>(values.rank - w.rank).fill(1)]);
  try {
    return broadcastTo(w, values.shape).values;
  } catch {
    throw new Error(`${name}: sampleWeight has shape ${formatShape(sampleWeight.shape)} but the values it weights have shape ${formatShape(values.shape)}; expected one weight per sample ${formatShape(values.shape.slice(0, 1))} or a shape that broadcasts to ${formatShape(values.shape)}`);
  }
}
