import { describe, expect, it } from 'vitest';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { slice } from '../../src/ops/index.js';
import { tensor1d, tensor2d } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { Precision, Recall, precision, recall } from '../../src/metrics/confusion.js';

describe('Precision and Recall (Keras, one threshold)', () => {
  // labels:      1    1    0    0    1    0    1
  // predictions: 0.9  0.5  0.7  0.2  0.51 0.5  0.1   (0.5 is not > 0.5)
  // → tp: 0.9, 0.51 (2); fp: 0.7 (1); fn: 0.5, 0.1 (2)
  const y = tensor1d([1, 1, 0, 0, 1, 0, 1]);
  const p = tensor1d([0.9, 0.5, 0.7, 0.2, 0.51, 0.5, 0.1]);

  it('counts true positives, false positives and false negatives with ŷ > threshold strictly', () => {
    const m = new Precision();
    m.update(y, p);
    expect([m.truePositives, m.falsePositives, m.falseNegatives]).toEqual([2, 1, 2]);
    expect(m.result()).toBe(2 / 3);
    const r = new Recall();
    r.update(y, p);
    expect(r.result()).toBe(2 / 4);
  });

  it('a label counts as positive when non-zero; the threshold is configurable', () => {
    const m = new Precision({ threshold: 0.8 });
    m.update(tensor1d([2, 0]), tensor1d([0.9, 0.85]));
    expect([m.truePositives, m.falsePositives]).toEqual([1, 1]);
  });

  it('sample weights weight the counts, one weight per sample broadcast over its outputs', () => {
    const m = new Recall();
    m.update(tensor2d([[1, 1], [1, 0]]), tensor2d([[0.9, 0.1], [0.8, 0.9]]), tensor1d([0.25, 2]));
    // tp: (0,0)·0.25 + (1,0)·2 = 2.25; fn: (0,1)·0.25; fp: (1,1)·2
    expect([m.truePositives, m.falseNegatives, m.falsePositives]).toEqual([2.25, 0.25, 2]);
    expect(m.result()).toBe(2.25 / 2.5);
  });

  it('is 0 when nothing was predicted (or is) positive, as Keras divide_no_nan', () => {
    const m = new Precision();
    m.update(tensor1d([1, 0]), tensor1d([0.1, 0.2]));
    expect(m.result()).toBe(0);
  });

  it('gives identical bits whatever the batch split', () => {
    const rng = xorshift(9);
    const yy = new Tensor(randomTensor(rng, [97, 2]).values.map((v) => (v > 0 ? 1 : 0)), [97, 2], 'float32');
    const pp = randomTensor(rng, [97, 2], { lo: 0, hi: 1 });
    const ww = randomTensor(rng, [97], { lo: 0, hi: 3 });
    const results = [1, 7, 32].map((b) => {
      const m = new Precision();
      for (let s = 0; s < 97; s += b) {
        const n = Math.min(b, 97 - s);
        m.update(slice(yy, [s, 0], [n, -1]), slice(pp, [s, 0], [n, -1]), slice(ww, [s], [n]));
      }
      return m.result();
    });
    for (const r of results) expect(Object.is(r, results[0])).toBe(true);
  });

  it('functional precision and recall give the batch ratio as a scalar (TF.js tf.metrics)', () => {
    expect(precision(y, p).shape).toEqual([]);
    expect(precision(y, p).values[0]).toBe(Math.fround(2 / 3));
    expect(recall(y, p).values[0]).toBe(0.5);
  });

  it('rejects a threshold outside [0, 1]', () => {
    expect(() => new Precision({ threshold: 2 })).toThrow('precision: threshold must be a number in [0, 1], received 2');
  });
});
