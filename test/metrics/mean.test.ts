import { describe, expect, it } from 'vitest';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { meanSquaredError } from '../../src/losses/index.js';
import { reshape, slice } from '../../src/ops/index.js';
import { tensor1d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { Mean } from '../../src/metrics/mean.js';
import type { Metric } from '../../src/metrics/metric.js';

/**
 * Σ values, exact, rounded once to float64: each float64 is scaled by 2^200 to an integer (exact
 * for the magnitudes used here), summed as a BigInt, and converted back with one rounding
 * (Number(bigint) rounds to nearest, ties to even). Independent of ExactAccumulator.
 */
function exactSum(values: readonly number[]): number {
  let total = 0n;
  for (const v of values) {
    const scaled = v * 2 ** 200;
    if (!Number.isInteger(scaled)) throw new Error('exactSum: value too fine for the 2^200 scale');
    total += BigInt(scaled);
  }
  return Number(total) * 2 ** -200;
}

const rows = (t: Tensor, start: number, size: number): Tensor => slice(t, [start, 0], [size, -1]);

function feed(metric: Metric, y: Tensor, p: Tensor, w: Tensor | undefined, batch: number): number {
  metric.reset();
  const n = y.shape[0] as number;
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    metric.update(rows(y, start, size), rows(p, start, size), w === undefined ? undefined : slice(w, [start], [size]));
  }
  return metric.result();
}

describe('Mean: exact, batch-independent weighted means', () => {
  const rng = xorshift(17);
  const y = randomTensor(rng, [100, 3]);
  const p = randomTensor(rng, [100, 3]);
  const w = randomTensor(rng, [100], { lo: 0, hi: 2 });
  const perSample = Array.from(meanSquaredError(y, p).values);

  it('batch sizes 1, 7, 32 and 100 give identical result bits', () => {
    const m = new Mean('mse', meanSquaredError);
    const results = [1, 7, 32, 100].map((b) => feed(m, y, p, undefined, b));
    for (const r of results) expect(Object.is(r, results[0])).toBe(true);
  });

  it('with sample weights too', () => {
    const m = new Mean('mse', meanSquaredError);
    const results = [1, 7, 32, 100].map((b) => feed(m, y, p, w, b));
    for (const r of results) expect(Object.is(r, results[0])).toBe(true);
  });

  it('equals the exact sum of per-sample values rounded once, over the exact count', () => {
    const m = new Mean('mse', meanSquaredError);
    expect(feed(m, y, p, undefined, 7)).toBe(exactSum(perSample) / 100);
  });

  it('equals Σ(value·weight) / Σweight with both sums exact and rounded once', () => {
    const m = new Mean('mse', meanSquaredError);
    const weights = Array.from(w.values);
    const expected = exactSum(perSample.map((v, i) => v * (weights[i] as number))) / exactSum(weights);
    expect(feed(m, y, p, w, 32)).toBe(expected);
  });

  it('batches fed in another order, or merged from shards, give the same bits', () => {
    const forward = new Mean('mse', meanSquaredError);
    feed(forward, y, p, undefined, 10);
    const shards = [new Mean('mse', meanSquaredError), new Mean('mse', meanSquaredError)];
    for (let start = 90; start >= 0; start -= 10) {
      (shards[(start / 10) % 2] as Mean).update(rows(y, start, 10), rows(p, start, 10));
    }
    (shards[1] as Mean).merge(shards[0] as Mean);
    expect(Object.is((shards[1] as Mean).result(), forward.result())).toBe(true);
  });

  it('weights [N, 1] and [N] weight the same samples', () => {
    const a = new Mean('mse', meanSquaredError);
    const b = new Mean('mse', meanSquaredError);
    a.update(y, p, w);
    b.update(y, p, reshape(w, [100, 1]));
    expect(b.result()).toBe(a.result());
  });

  it('updateValues takes per-sample values and a number weight (the loss tracker)', () => {
    const m = new Mean('loss');
    m.updateValues(tensor1d([1, 2, 3]));
    m.updateValues(4, 2);
    expect(m.result()).toBe((1 + 2 + 3 + 4 * 2) / 5);
    expect(() => m.update(y, p)).toThrow('loss: this Mean has no function; use updateValues(values, sampleWeight)');
  });

  it('is 0 before any data and after reset, as in Keras', () => {
    const m = new Mean('mse', meanSquaredError);
    expect(m.result()).toBe(0);
    m.update(y, p);
    m.reset();
    expect(m.result()).toBe(0);
  });

  it('throws on sample weights that do not fit, naming both shapes', () => {
    const m = new Mean('mse', meanSquaredError);
    expect(() => m.update(y, p, tensor1d([1, 2]))).toThrow('mse: sampleWeight has shape [2] but the values it weights have shape [100]; expected one weight per sample [100] or a shape that broadcasts to [100]');
  });
});
