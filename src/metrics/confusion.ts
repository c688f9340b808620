import { withoutTape } from '../autograd/tape.js';
import { ExactAccumulator, exactTerms, restoreExact } from '../math/index.js';
import { scalar } from '../ops/create.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../ops/tensor.js';
import { matchShapes } from '../losses/common.js';
import type { Metric, MetricState } from './metric.js';
import { elementWeights } from './metric.js';

/** Options of `Precision` and `Recall`. */
export interface ConfusionOptions {
  /** A prediction counts as positive when strictly above it (Keras default 0.5). */
  threshold?: number;
}

/**
 * True positives, false positives and false negatives of thresholded predictions (Keras
 * `update_confusion_matrix_variables` with one threshold): every element counts, a label is
 * positive when non-zero, a prediction when ŷ > threshold; sample weights weight the counts.
 * The counts are exact sums, so they, and the ratios, do not depend on batching.
 */
abstract class ConfusionMetric implements Metric {
  readonly name: string;
  readonly threshold: number;
  private tp = new ExactAccumulator();
  private fp = new ExactAccumulator();
  private fn = new ExactAccumulator();

  constructor(name: string, options: ConfusionOptions = {}) {
    const { threshold = 0.5 } = options;
    if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
      throw new Error(`${name}: threshold must be a number in [0, 1], received ${String(threshold)}`);
    }
    this.name = name;
    this.threshold = threshold;
  }

  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    const [y, p] = withoutTape(() => matchShapes(this.name, yTrue, yPred));
    const weights = sampleWeight === undefined ? null : withoutTape(() => elementWeights(this.name, p, sampleWeight));
    const labels = y.values;
    const predictions = p.values;
    // NOTE: ŷ is compared as float32 with the threshold rounded to float32, as Keras casts it.
    const threshold = Math.fround(this.threshold);
    for (let i = 0; i < predictions.length; i++) {
      const w = weights === null ? 1 : (weights[i] as number);
      const positive = (labels[i] as number) !== 0;
      const predicted = (predictions[i] as number) > threshold;
      if (positive && predicted) this.tp.add(w);
      else if (predicted) this.fp.add(w);
      else if (positive) this.fn.add(w);
    }
  }

  /** Σ weight over true positives so far. */
  get truePositives(): number { return this.tp.value(); }
  /** Σ weight over false positives so far. */
  get falsePositives(): number { return this.fp.value(); }
  /** Σ weight over false negatives so far. */
  get falseNegatives(): number { return this.fn.value(); }

  abstract result(): number;

  /** The exact counts, for checkpoints. */
  saveState(): MetricState {
    return { tp: exactTerms(this.tp), fp: exactTerms(this.fp), fn: exactTerms(this.fn) };
  }

  /** Restores `saveState`'s result. */
  restoreState(state: MetricState): void {
    this.tp = restoreExact(state['tp'] ?? []);
    this.fp = restoreExact(state['fp'] ?? []);
    this.fn = restoreExact(state['fn'] ?? []);
  }

  reset(): void {
    this.tp = new ExactAccumulator();
    this.fp = new ExactAccumulator();
    this.fn = new ExactAccumulator();
  }

  /** tp / (tp + other), the denominator summed exactly; 0 when it is 0 (Keras `divide_no_nan`). */
  protected ratio(other: 'fp' | 'fn'): number {
    const denominator = this.tp.clone().merge(this[other]).value();
    return denominator === 0 ? 0 : this.tp.value() / denominator;
  }
}

/**
 * Precision tp / (tp + fp) of predictions thresholded at 0.5 (Keras `Precision`).
 * @example const m = new Precision(); m.update(yTrue, yPred); m.result();
 */
export class Precision extends ConfusionMetric {
  constructor(options: ConfusionOptions & { name?: string } = {}) {
    super(options.name ?? 'precision', options);
  }
  result(): number {
    return this.ratio('fp');
  }
}

/**
 * Recall tp / (tp + fn) of predictions thresholded at 0.5 (Keras `Recall`).
 * @example const m = new Recall(); m.update(yTrue, yPred); m.result();
 */
export class Recall extends ConfusionMetric {
  constructor(options: ConfusionOptions & { name?: string } = {}) {
    super(options.name ?? 'recall', options);
  }
  result(): number {
    return this.ratio('fn');
  }
}

function batchRatio(metric: ConfusionMetric, yTrue: Tensor, yPred: Tensor): Tensor {
  if (!shapesEqual(yTrue.shape, yPred.shape)) {
    throw new Error(`${metric.name}: yTrue has shape ${formatShape(yTrue.shape)} but yPred has shape ${formatShape(yPred.shape)}; expected the same shape`);
  }
  metric.update(yTrue, yPred);
  return scalar(metric.result());
}

/**
 * The precision of one batch as a float32 scalar (TF.js `tf.metrics.precision`). TF.js counts
 * ŷ == 1 as positive; here ŷ > 0.5, which agrees for 0/1 predictions.
 */
export function precision(yTrue: Tensor, yPred: Tensor): Tensor {
  return batchRatio(new Precision(), yTrue, yPred);
}

/** The recall of one batch as a float32 scalar (TF.js `tf.metrics.recall`). */
export function recall(yTrue: Tensor, yPred: Tensor): Tensor {
  return batchRatio(new Recall(), yTrue, yPred);
}
