import { withoutTape } from '../autograd/tape.js';
import { ExactAccumulator, exactTerms, restoreExact } from '../math/index.js';
import { convertToTensor } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import type { Metric, MetricFunction, MetricState } from './metric.js';
import { elementWeights } from './metric.js';

/**
 * The weighted mean of per-sample values over every batch since `reset` (Keras `Mean` and
 * `MeanMetricWrapper`): Σ(value·weight) / Σweight, both sums exact (ExactAccumulator) and each
 * rounded once to float64, then one float64 division. Since the sums are exact, any split of
 * the same samples into batches, in any order, gives the same bits.
 *
 * Each element of the values counts (per-sample values of rank > 1 are not first averaged per
 * sample, which Keras does; the mean is the same number, without that intermediate rounding).
 * NOTE: value·weight is exact in float64 because both are float32 (24 + 24 bits ≤ 53).
 * @example
 * const m = new Mean('mse', losses.meanSquaredError);
 * m.update(yTrue, yPred); m.result();
 */
export class Mean implements Metric {
  readonly name: string;
  private readonly fn: MetricFunction | null;
  private total = new ExactAccumulator();
  private count = new ExactAccumulator();

  /** `fn` maps (yTrue, yPred) to per-sample values; without it, feed values with `updateValues`. */
  constructor(name: string, fn?: MetricFunction) {
    if (typeof name !== 'string' || name.length === 0) throw new Error(`Mean: name must be a non-empty string, received ${String(name)}`);
    this.name = name;
    this.fn = fn ?? null;
  }

  /** Adds the values of `fn(yTrue, yPred)` (computed off the gradient tape). */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    const fn = this.fn;
    if (fn === null) throw new Error(`${this.name}: this Mean has no function; use updateValues(values, sampleWeight)`);
    withoutTape(() => this.updateValues(fn(yTrue, yPred), sampleWeight));
  }

  /**
   * Adds values directly: a tensor of per-sample values or a number, weighted by `sampleWeight`
   * (a tensor broadcast as in `elementWeights`, or a number applied to every value).
   * @example tracker.updateValues(batchLoss, batchSize) // the Keras loss tracker
   */
  updateValues(values: Tensor | number, sampleWeight?: Tensor | number): void {
    const v = convertToTensor(values, 'values', this.name);
    const data = v.values;
    if (sampleWeight === undefined) {
      this.total.addAll(data);
      this.count.add(data.length);
      return;
    }
    const weights = typeof sampleWeight === 'number'
      ? new Float32Array(data.length).fill(sampleWeight)
      : elementWeights(this.name, v, sampleWeight);
    for (let i = 0; i < data.length; i++) {
      const w = weights[i] as number;
      this.total.add((data[i] as number) * w);
      this.count.add(w);
    }
  }

  /** Σ(value·weight) / Σweight; 0 when the weights sum to 0 (Keras `divide_no_nan`). */
  result(): number {
    const count = this.count.value();
    return count === 0 ? 0 : this.total.value() / count;
  }

  /** The exact total and count, for checkpoints. */
  saveState(): MetricState {
    return { total: exactTerms(this.total), count: exactTerms(this.count) };
  }

  /** Restores `saveState`'s result. */
  restoreState(state: MetricState): void {
    this.total = restoreExact(state['total'] ?? []);
    this.count = restoreExact(state['count'] ?? []);
  }

  reset(): void {
    this.total = new ExactAccumulator();
    this.count = new ExactAccumulator();
  }

  /** Adds the state of another Mean (e.g. a shard's), exactly: the order of merges is irrelevant. */
  merge(other: Mean): void {
    this.total.merge(other.total);
    this.count.merge(other.count);
  }
}
