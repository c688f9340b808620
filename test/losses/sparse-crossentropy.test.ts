import { describe, expect, it } from 'vitest';
import { checkGradients } from '../helpers/gradcheck.js';
import { ref } from '../helpers/reference.js';
import type { Ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { expectClose, HI, LO } from './reference.js';
import { grad } from '../../src/ops/index.js';
import { tensor, tensor1d, tensor2d } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { categoricalCrossentropy } from '../../src/losses/crossentropy.js';
import { sparseCategoricalCrossentropy } from '../../src/losses/sparse-crossentropy.js';

/** Float64 −log p[label] per row, from probabilities (normalised, clipped) or logits. */
function sparseRef(labels: readonly number[], p: Ref, fromLogits: boolean): Ref {
  const c = p.shape[p.shape.length - 1] as number;
  const data = new Float64Array(labels.length);
  labels.forEach((label, i) => {
    const row = Array.from(p.data.subarray(i * c, (i + 1) * c));
    if (fromLogits) {
      const peak = Math.max(...row);
      data[i] = -((row[label] as number) - peak - Math.log(row.reduce((a, v) => a + Math.exp(v - peak), 0)));
    } else {
      const total = row.reduce((a, v) => a + v, 0);
      data[i] = -Math.log(Math.min(Math.max((row[label] as number) / total, LO), HI));
    }
  });
  return { shape: p.shape.slice(0, -1), data };
}

describe('sparseCategoricalCrossentropy', () => {
  const rng = xorshift(44);
  const labels = Array.from({ length: 6 }, () => rng.int(5));
  const p = randomTensor(rng, [6, 5], { lo: 0.05, hi: 1 });
  const z = randomTensor(rng, [6, 5], { lo: -5, hi: 5 });

  it('matches the float64 reference within 1e-6 (from logits: plus a few ulps of max|z|, see crossentropy.test)', () => {
    expectClose(sparseCategoricalCrossentropy(tensor1d(labels), p), sparseRef(labels, ref(p), false));
    expectClose(sparseCategoricalCrossentropy(tensor1d(labels), z, { fromLogits: true }), sparseRef(labels, ref(z), true), 1e-6, 4 * 2 ** -24 * 5);
  });

  it('gives the same bits as categoricalCrossentropy of the one-hot labels', () => {
    const oneHot = new Float32Array(30);
    labels.forEach((l, i) => { oneHot[i * 5 + l] = 1; });
    const dense = new Tensor(oneHot, [6, 5], 'float32');
    expect(sparseCategoricalCrossentropy(tensor1d(labels), z, { fromLogits: true }).values)
      .toEqual(categoricalCrossentropy(dense, z, { fromLogits: true }).values);
  });

  it('accepts labels [N], [N, 1] and int32 alike', () => {
    const a = sparseCategoricalCrossentropy(tensor1d(labels), p);
    const b = sparseCategoricalCrossentropy(tensor(labels.map((l) => [l])), p);
    const c = sparseCategoricalCrossentropy(tensor(labels, [6], 'int32'), p);
    expect(b.values).toEqual(a.values);
    expect(c.values).toEqual(a.values);
    expect(a.shape).toEqual([6]);
  });

  it('reproduces the Keras docstring example [0.0513, 2.303]', () => {
    const out = sparseCategoricalCrossentropy(tensor1d([1, 2]), tensor2d([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]));
    expect(out.values[0]).toBeCloseTo(-Math.log(0.95), 6);
    expect(out.values[1]).toBeCloseTo(-Math.log(0.1), 6);
  });

  it('gradients match float64 central differences, from probabilities and from logits', () => {
    const y = tensor1d(labels);
    checkGradients({ op: (q) => sparseCategoricalCrossentropy(y, q), reference: (q) => sparseRef(labels, q, false), inputs: [p] });
    checkGradients({ op: (q) => sparseCategoricalCrossentropy(y, q, { fromLogits: true }), reference: (q) => sparseRef(labels, q, true), inputs: [z] });
  });

  it('logits of ±100 give finite losses and gradients', () => {
    const zz = tensor2d([[100, -100, 0]]);
    const out = sparseCategoricalCrossentropy(tensor1d([1]), zz, { fromLogits: true });
    expect(out.values[0]).toBeCloseTo(200, 4);
    for (const v of grad((q) => sparseCategoricalCrossentropy(tensor1d([1]), q, { fromLogits: true }))(zz).values) expect(Number.isFinite(v)).toBe(true);
  });

  it('ignoreClass gives those samples loss 0 and gradient 0', () => {
    const y = tensor1d([1, -1, 2]);
    const q = tensor2d([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]]);
    const out = sparseCategoricalCrossentropy(y, q, { ignoreClass: -1 });
    expect(out.values[1]).toBe(0);
    expect(out.values[0]).toBeCloseTo(-Math.log(0.5), 6);
    const g = grad((t) => sparseCategoricalCrossentropy(y, t, { ignoreClass: -1 }))(q);
    expect(Array.from(g.values.slice(3, 6))).toEqual([0, 0, 0]);
  });

  it('throws on labels out of range or not integers, naming the value and the class count', () => {
    expect(() => sparseCategoricalCrossentropy(tensor1d([0, 3]), tensor2d([[1, 0, 0], [0, 1, 0]]))).toThrow(
      'sparseCategoricalCrossentropy: yTrue holds 3 at flat index 1; expected integer class labels in [0, 2] (yPred has 3 classes)',
    );
    expect(() => sparseCategoricalCrossentropy(tensor1d([0.5]), tensor2d([[1, 0]]))).toThrow(/holds 0.5/);
  });

  it('throws on one-hot labels, pointing to categoricalCrossentropy', () => {
    expect(() => sparseCategoricalCrossentropy(tensor2d([[0, 1, 0]]), tensor2d([[0.2, 0.5, 0.3]]))).toThrow(
      'sparseCategoricalCrossentropy: yTrue has shape [1,3] but yPred has shape [1,3]; expected integer class labels of shape [1] or [1,1]. For one-hot labels use categoricalCrossentropy',
    );
  });
});
