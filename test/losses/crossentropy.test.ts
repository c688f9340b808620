import { describe, expect, it } from 'vitest';
import { checkGradients } from '../helpers/gradcheck.js';
import { ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { expectFiniteAndClose, HI, LO, rowRef } from './reference.js';
import type { RowFn } from './reference.js';
import { grad } from '../../src/ops/index.js';
import { tensor, tensor2d } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { binaryCrossentropy, categoricalCrossentropy } from '../../src/losses/crossentropy.js';

const clip = (v: number): number => Math.min(Math.max(v, LO), HI);
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const smooth = (y: number[], s: number, k: number): number[] => y.map((v) => v * (1 - s) + s / k);

const bceRow = (s = 0): RowFn => (y0, p) => {
  const y = smooth(y0, s, 2);
  return -p.reduce((a, v, i) => a + (y[i] as number) * Math.log(clip(v)) + (1 - (y[i] as number)) * Math.log(1 - clip(v)), 0) / p.length;
};
const bceLogitsRow = (s = 0): RowFn => (y0, z) => {
  const y = smooth(y0, s, 2);
  return z.reduce((a, v, i) => a + (y[i] as number) * softplus(-v) + (1 - (y[i] as number)) * softplus(v), 0) / z.length;
};
const cceRow = (s = 0): RowFn => (y0, p) => {
  const y = smooth(y0, s, p.length);
  const total = p.reduce((a, v) => a + v, 0);
  return -p.reduce((a, v, i) => a + (y[i] as number) * Math.log(clip(v / total)), 0);
};
const cceLogitsRow = (s = 0): RowFn => (y0, z) => {
  const y = smooth(y0, s, z.length);
  const peak = Math.max(...z);
  const lse = peak + Math.log(z.reduce((a, v) => a + Math.exp(v - peak), 0));
  return -z.reduce((a, v, i) => a + (y[i] as number) * (v - lse), 0);
};

function oneHotRows(rng: ReturnType<typeof xorshift>, n: number, c: number): Tensor {
  const v = new Float32Array(n * c);
  for (let i = 0; i < n; i++) v[i * c + rng.int(c)] = 1;
  return new Tensor(v, [n, c], 'float32');
}

function binaryLabels(rng: ReturnType<typeof xorshift>, shape: number[]): Tensor {
  const t = randomTensor(rng, shape, { lo: 0, hi: 1 });
  return new Tensor(t.values.map((v) => (v < 0.5 ? 0 : 1)), shape, 'float32');
}

describe('binaryCrossentropy (Keras 3 formulas)', () => {
  const rng = xorshift(21);
  const y = binaryLabels(rng, [6, 4]);
  const p = randomTensor(rng, [6, 4], { lo: 0.01, hi: 0.99 });
  const z = randomTensor(rng, [6, 4], { lo: -6, hi: 6 });

  it('from probabilities matches the float64 reference within 1e-6', () => {
    expectFiniteAndClose(binaryCrossentropy(y, p), rowRef(ref(y), ref(p), bceRow()));
  });
  it('from logits matches the float64 reference within 1e-6', () => {
    expectFiniteAndClose(binaryCrossentropy(y, z, { fromLogits: true }), rowRef(ref(y), ref(z), bceLogitsRow()));
  });
  it('label smoothing s replaces y by y·(1 − s) + s/2, in both forms', () => {
    expectFiniteAndClose(binaryCrossentropy(y, p, { labelSmoothing: 0.2 }), rowRef(ref(y), ref(p), bceRow(0.2)));
    expectFiniteAndClose(binaryCrossentropy(y, z, { fromLogits: true, labelSmoothing: 0.2 }), rowRef(ref(y), ref(z), bceLogitsRow(0.2)));
  });
  it('probabilities of exactly 0 and 1 give finite losses (clipped to [ε, 1 − ε])', () => {
    const yy = tensor2d([[1, 0, 1, 0]]);
    const pp = tensor2d([[0, 1, 1, 0]]);
    expectFiniteAndClose(binaryCrossentropy(yy, pp), rowRef(ref(yy), ref(pp), bceRow()));
    const g = grad((q) => binaryCrossentropy(yy, q))(pp);
    for (const v of g.values) expect(Number.isFinite(v)).toBe(true);
  });
  it('logits of ±100 give finite, accurate losses and gradients', () => {
    const yy = tensor2d([[1, 0, 1, 0]]);
    const zz = tensor2d([[-100, 100, 100, -100]]);
    expectFiniteAndClose(binaryCrossentropy(yy, zz, { fromLogits: true }), rowRef(ref(yy), ref(zz), bceLogitsRow()));
    expect(binaryCrossentropy(yy, zz, { fromLogits: true }).values[0]).toBeCloseTo(50, 5);
    const g = grad((q) => binaryCrossentropy(yy, q, { fromLogits: true }))(zz);
    // d/dz = (σ(z) − y)/4: −1/4, 1/4, ~0, ~0.
    [-0.25, 0.25, 0, 0].forEach((e, i) => expect(g.values[i]).toBeCloseTo(e, 6));
  });
  it('gradients match float64 central differences, both forms, with smoothing', () => {
    checkGradients({ op: (q) => binaryCrossentropy(y, q), reference: (q) => rowRef(ref(y), q, bceRow()), inputs: [p] });
    checkGradients({ op: (q) => binaryCrossentropy(y, q, { fromLogits: true }), reference: (q) => rowRef(ref(y), q, bceLogitsRow()), inputs: [z] });
    checkGradients({ op: (q) => binaryCrossentropy(y, q, { labelSmoothing: 0.1 }), reference: (q) => rowRef(ref(y), q, bceRow(0.1)), inputs: [p] });
  });
  it('rejects label smoothing outside [0, 1]', () => {
    expect(() => binaryCrossentropy(y, p, { labelSmoothing: 1.5 })).toThrow('binaryCrossentropy: labelSmoothing must be a number in [0, 1], received 1.5');
  });
});

describe('categoricalCrossentropy (Keras 3 formulas)', () => {
  const rng = xorshift(33);
  const y = oneHotRows(rng, 5, 4);
  const p = randomTensor(rng, [5, 4], { lo: 0.05, hi: 1 }); // unnormalised: the loss normalises
  const z = randomTensor(rng, [5, 4], { lo: -5, hi: 5 });

  it('from probabilities normalises, clips and matches the float64 reference within 1e-6', () => {
    expectFiniteAndClose(categoricalCrossentropy(y, p), rowRef(ref(y), ref(p), cceRow()));
  });
  // NOTE: logSoftmax is z − logSumExp(z); when the true class dominates, the loss is a small
  // difference of O(max|z|) numbers, so its error is a few ulps of max|z|, not of the loss.
  const logitSlack = 4 * 2 ** -24 * 5;

  it('from logits uses logSoftmax and matches within 1e-6 relative plus a few ulps of max|z|', () => {
    expectFiniteAndClose(categoricalCrossentropy(y, z, { fromLogits: true }), rowRef(ref(y), ref(z), cceLogitsRow()), 1e-6, logitSlack);
  });
  it('label smoothing s replaces y by y·(1 − s) + s/C, in both forms', () => {
    expectFiniteAndClose(categoricalCrossentropy(y, p, { labelSmoothing: 0.1 }), rowRef(ref(y), ref(p), cceRow(0.1)));
    expectFiniteAndClose(categoricalCrossentropy(y, z, { fromLogits: true, labelSmoothing: 0.1 }), rowRef(ref(y), ref(z), cceLogitsRow(0.1)), 1e-6, logitSlack);
  });
  it('probabilities of exactly 0 and 1 give finite losses', () => {
    const yy = tensor2d([[0, 1, 0], [1, 0, 0]]);
    const pp = tensor2d([[1, 0, 0], [1, 0, 0]]);
    expectFiniteAndClose(categoricalCrossentropy(yy, pp), rowRef(ref(yy), ref(pp), cceRow()));
  });
  it('logits of ±100 are not clipped: a confident mistake costs 200 (TF.js would cap it at −log ε)', () => {
    const yy = tensor2d([[0, 1, 0]]);
    const zz = tensor2d([[100, -100, 0]]);
    expectFiniteAndClose(categoricalCrossentropy(yy, zz, { fromLogits: true }), rowRef(ref(yy), ref(zz), cceLogitsRow()));
    const g = grad((q) => categoricalCrossentropy(yy, q, { fromLogits: true }))(zz);
    // softmax − y: [1, 0 (e^−200 underflows), e^−100 ≈ 3.7e−44] − [0, 1, 0].
    expect(Array.from(g.values.slice(0, 2))).toEqual([1, -1]);
    expect(g.values[2]).toBeGreaterThan(0);
    expect(g.values[2]).toBeLessThan(1e-40);
  });
  it('gradients match float64 central differences, both forms, with smoothing', () => {
    checkGradients({ op: (q) => categoricalCrossentropy(y, q), reference: (q) => rowRef(ref(y), q, cceRow()), inputs: [p] });
    checkGradients({ op: (q) => categoricalCrossentropy(y, q, { fromLogits: true }), reference: (q) => rowRef(ref(y), q, cceLogitsRow()), inputs: [z] });
    checkGradients({ op: (q) => categoricalCrossentropy(y, q, { fromLogits: true, labelSmoothing: 0.2 }), reference: (q) => rowRef(ref(y), q, cceLogitsRow(0.2)), inputs: [z] });
  });
  it('integer labels [N, 1] against [N, C] throw, pointing to the sparse loss', () => {
    expect(() => categoricalCrossentropy(tensor([[1], [2]]), tensor2d([[0.5, 0.5, 0], [0, 0.5, 0.5]]))).toThrow(
      'categoricalCrossentropy: yTrue has shape [2,1] but yPred has shape [2,3]; expected the same shape (one-hot labels). For integer labels use sparseCategoricalCrossentropy',
    );
  });
  it('keeps leading axes: [N, T, C] gives [N, T]', () => {
    const yy = new Tensor(new Float32Array([1, 0, 0, 1, 1, 0, 0, 1]), [2, 2, 2], 'float32');
    expect(categoricalCrossentropy(yy, yy, { fromLogits: true }).shape).toEqual([2, 2]);
  });
});
