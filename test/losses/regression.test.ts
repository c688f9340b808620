import { describe, expect, it } from 'vitest';
import { checkGradients } from '../helpers/gradcheck.js';
import { ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { expectClose, meanOf, rowRef } from './reference.js';
import type { RowFn } from './reference.js';
import { grad } from '../../src/ops/index.js';
import { tensor, tensor1d, tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import {
  cosineSimilarity, huber, logCosh, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError,
  meanSquaredLogarithmicError,
} from '../../src/losses/regression.js';

const mseRow: RowFn = (y, p) => meanOf(p.map((v, i) => (v - (y[i] as number)) ** 2));
const maeRow: RowFn = (y, p) => meanOf(p.map((v, i) => Math.abs(v - (y[i] as number))));
const mapeRow: RowFn = (y, p) => 100 * meanOf(p.map((v, i) => Math.abs(((y[i] as number) - v) / Math.max(Math.abs(y[i] as number), 1e-7))));
const msleRow: RowFn = (y, p) => meanOf(p.map((v, i) => (Math.log1p(Math.max(v, 1e-7)) - Math.log1p(Math.max(y[i] as number, 1e-7))) ** 2));
const huberRow = (delta: number): RowFn => (y, p) => meanOf(p.map((v, i) => {
  const e = Math.abs(v - (y[i] as number));
  return e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
}));
const logCoshRow: RowFn = (y, p) => meanOf(p.map((v, i) => Math.log(Math.cosh(v - (y[i] as number)))));
const cosineRow: RowFn = (y, p) => {
  const ny = Math.sqrt(y.reduce((a, v) => a + v * v, 0));
  const np = Math.sqrt(p.reduce((a, v) => a + v * v, 0));
  return -p.reduce((a, v, i) => a + (y[i] as number) * v, 0) / (ny * np);
};

describe('regression losses match float64 references', () => {
  const rng = xorshift(11);
  const y = randomTensor(rng, [6, 5], { lo: -2, hi: 2 });
  const p = randomTensor(rng, [6, 5], { lo: -2, hi: 2 });
  const positive = randomTensor(rng, [6, 5], { lo: 0.01, hi: 3 });
  const cases: [string, (a: Tensor, b: Tensor) => Tensor, RowFn, Tensor][] = [
    ['meanSquaredError', meanSquaredError, mseRow, y],
    ['meanAbsoluteError', meanAbsoluteError, maeRow, y],
    ['meanAbsolutePercentageError', meanAbsolutePercentageError, mapeRow, y],
    ['meanSquaredLogarithmicError', meanSquaredLogarithmicError, msleRow, positive],
    ['huber', (a, b) => huber(a, b), huberRow(1), y],
    ['huber with delta 0.5', (a, b) => huber(a, b, { delta: 0.5 }), huberRow(0.5), y],
    ['cosineSimilarity', cosineSimilarity, cosineRow, y],
  ];
  for (const [name, loss, row, labels] of cases) {
    it(`${name} gives per-sample losses within 1e-6 relative`, () => {
      expectClose(loss(labels, p), rowRef(ref(labels), ref(p), row), 1e-6);
    });
  }

  it('logCosh is within 1e-6 relative plus 2^-24·|e| absolute (its e + softplus(−2e) − log 2 cancels for small e)', () => {
    const bound = meanOf(Array.from(p.values, (v, i) => Math.abs(v - (y.values[i] as number)))) * 2 ** -23;
    expectClose(logCosh(y, p), rowRef(ref(y), ref(p), logCoshRow), 1e-6, bound);
  });

  it('logCosh stays finite and ≈ |e| − log 2 for errors of ±100', () => {
    const out = logCosh(tensor2d([[0, 0]]), tensor2d([[100, -100]])).values[0] as number;
    expect(out).toBeCloseTo(100 - Math.LN2, 4);
  });
});

describe('regression losses: gradients against float64 central differences', () => {
  const rng = xorshift(5);
  const y = randomTensor(rng, [4, 3]);
  it('meanSquaredError', () => {
    const p = randomTensor(rng, [4, 3]);
    checkGradients({ op: (q) => meanSquaredError(y, q), reference: (q) => rowRef(ref(y), q, mseRow), inputs: [p] });
  });
  it('meanAbsoluteError, away from zero error', () => {
    const p = tensor(Array.from(y.values, (v, i) => v + (i % 2 === 0 ? 0.3 : -0.4) * (1 + i / 10)), y.shape);
    checkGradients({ op: (q) => meanAbsoluteError(y, q), reference: (q) => rowRef(ref(y), q, maeRow), inputs: [p] });
  });
  it('huber, on both sides of delta', () => {
    const p = tensor(Array.from(y.values, (v, i) => v + (i % 3 === 0 ? 2.5 : i % 3 === 1 ? -0.3 : 0.6)), y.shape);
    checkGradients({ op: (q) => huber(y, q), reference: (q) => rowRef(ref(y), q, huberRow(1)), inputs: [p] });
  });
  it('logCosh', () => {
    const p = randomTensor(rng, [4, 3], { lo: -3, hi: 3 });
    checkGradients({ op: (q) => logCosh(y, q), reference: (q) => rowRef(ref(y), q, logCoshRow), inputs: [p] });
  });
  it('meanSquaredLogarithmicError and meanAbsolutePercentageError', () => {
    const yp = randomTensor(rng, [4, 3], { lo: 0.5, hi: 2 });
    const p = randomTensor(rng, [4, 3], { lo: 0.1, hi: 3, avoid: Array.from(yp.values), margin: 0.05 });
    checkGradients({ op: (q) => meanSquaredLogarithmicError(yp, q), reference: (q) => rowRef(ref(yp), q, msleRow), inputs: [p] });
    checkGradients({ op: (q) => meanAbsolutePercentageError(yp, q), reference: (q) => rowRef(ref(yp), q, mapeRow), inputs: [p] });
  });
  it('cosineSimilarity', () => {
    const p = randomTensor(rng, [4, 3]);
    checkGradients({ op: (q) => cosineSimilarity(y, q), reference: (q) => rowRef(ref(y), q, cosineRow), inputs: [p] });
  });
});

describe('regression losses: edge cases', () => {
  it('cosineSimilarity of a zero vector is 0 with a finite gradient', () => {
    expect(Array.from(cosineSimilarity(tensor2d([[1, 2]]), tensor2d([[0, 0]])).values)).toEqual([-0]);
    const g = grad((q) => cosineSimilarity(tensor2d([[1, 2]]), q))(tensor2d([[0, 0]]));
    for (const v of g.values) expect(Number.isFinite(v)).toBe(true);
  });

  it('meanAbsolutePercentageError divides by ε where the label is 0, as Keras', () => {
    expect(meanAbsolutePercentageError(tensor2d([[0]]), tensor2d([[1e-7]])).values[0]).toBeCloseTo(100, 3);
  });

  it('huber rejects a negative delta', () => {
    expect(() => huber(tensor2d([[0]]), tensor2d([[1]]), { delta: -1 })).toThrow(/huber: delta must be a number in \[0/);
  });
});

describe('shape validation (Keras squeeze_or_expand_to_same_rank)', () => {
  it('labels [N] meet predictions [N, 1]: one loss per sample', () => {
    const out = meanSquaredError(tensor1d([1, 2, 3]), tensor2d([[1], [0], [5]]));
    expect(out.shape).toEqual([3]);
    expect(Array.from(out.values)).toEqual([0, 4, 4]);
  });

  it('predictions [N, T, 1] meet labels [N, T]', () => {
    expect(meanAbsoluteError(tensor2d([[1, 2]]), tensor([1, 3], [1, 2, 1])).shape).toEqual([1]);
  });

  it('other mismatches throw naming the loss and both shapes', () => {
    expect(() => meanSquaredError(tensor2d([[1, 2, 3]]), tensor2d([[1, 2]]))).toThrow(
      'meanSquaredError: yTrue has shape [1,3] but yPred has shape [1,2]; expected the same shape',
    );
  });

  it('a scalar prediction throws: the last axis is reduced', () => {
    expect(() => meanSquaredError(tensor(1), tensor(1))).toThrow(/expected rank ≥ 1/);
  });

  it('int32 labels are cast to float32', () => {
    expect(Array.from(meanSquaredError(tensor([[1, 2]], undefined, 'int32'), tensor2d([[1, 4]])).values)).toEqual([2]);
  });
});
