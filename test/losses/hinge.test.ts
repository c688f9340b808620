import { describe, expect, it } from 'vitest';
import { checkGradients } from '../helpers/gradcheck.js';
import { ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { expectClose, meanOf, rowRef } from './reference.js';
import type { RowFn } from './reference.js';
import { tensor2d } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { categoricalHinge, hinge, squaredHinge } from '../../src/losses/hinge.js';
import { kullbackLeiblerDivergence, poisson } from '../../src/losses/probabilistic.js';

const hingeRow: RowFn = (y, p) => meanOf(p.map((v, i) => Math.max(1 - (y[i] as number) * v, 0)));
const squaredHingeRow: RowFn = (y, p) => meanOf(p.map((v, i) => Math.max(1 - (y[i] as number) * v, 0) ** 2));
const categoricalHingeRow: RowFn = (y, p) => {
  const pos = p.reduce((a, v, i) => a + (y[i] as number) * v, 0);
  const neg = Math.max(...p.map((v, i) => (1 - (y[i] as number)) * v));
  return Math.max(neg - pos + 1, 0);
};
const clip = (v: number): number => Math.min(Math.max(v, Math.fround(1e-7)), 1);
const kldRow: RowFn = (y, p) => y.reduce((a, v, i) => a + clip(v) * Math.log(clip(v) / clip(p[i] as number)), 0);
const poissonRow: RowFn = (y, p) => meanOf(p.map((v, i) => v - (y[i] as number) * Math.log(v + 1e-7)));

const signs = (rng: ReturnType<typeof xorshift>, shape: number[]): Tensor =>
  new Tensor(randomTensor(rng, shape).values.map((v) => (v < 0 ? -1 : 1)), shape, 'float32');

describe('hinge losses', () => {
  const rng = xorshift(3);
  const y = signs(rng, [5, 4]);
  const p = randomTensor(rng, [5, 4], { lo: -2, hi: 2, avoid: [-1, 1], margin: 0.05 });

  it('hinge and squaredHinge match float64 references for ±1 labels', () => {
    expectClose(hinge(y, p), rowRef(ref(y), ref(p), hingeRow), 1e-6, 1e-7);
    expectClose(squaredHinge(y, p), rowRef(ref(y), ref(p), squaredHingeRow), 1e-6, 1e-7);
  });

  it('labels all in {0, 1} are mapped to ±1 (Keras, decided per call over the whole batch)', () => {
    const binary = new Tensor(y.values.map((v) => (v + 1) / 2), y.shape, 'float32');
    expect(hinge(binary, p).values).toEqual(hinge(y, p).values);
    expect(squaredHinge(binary, p).values).toEqual(squaredHinge(y, p).values);
  });

  it('a batch mixing 0 with −1 is used as given (0 is not mapped)', () => {
    expect(Array.from(hinge(tensor2d([[0, -1]]), tensor2d([[0.5, 0.5]])).values)).toEqual([Math.fround((1 + 1.5) / 2)]);
  });

  it('categoricalHinge matches its float64 reference', () => {
    const oneHot = new Tensor(new Float32Array(20).map((_, i) => (i % 4 === (i >> 2) % 4 ? 1 : 0)), [5, 4], 'float32');
    expectClose(categoricalHinge(oneHot, p), rowRef(ref(oneHot), ref(p), categoricalHingeRow), 1e-6, 1e-7);
  });

  it('hinge gradients match float64 central differences away from the kink', () => {
    checkGradients({ op: (q) => hinge(y, q), reference: (q) => rowRef(ref(y), q, hingeRow), inputs: [p] });
    checkGradients({ op: (q) => squaredHinge(y, q), reference: (q) => rowRef(ref(y), q, squaredHingeRow), inputs: [p] });
  });
});

describe('kullbackLeiblerDivergence and poisson', () => {
  const rng = xorshift(8);
  const y = randomTensor(rng, [4, 3], { lo: 0.05, hi: 1 });
  const p = randomTensor(rng, [4, 3], { lo: 0.05, hi: 1 });

  it('kullbackLeiblerDivergence clips both arguments to [ε, 1] (Keras) and matches float64', () => {
    expectClose(kullbackLeiblerDivergence(y, p), rowRef(ref(y), ref(p), kldRow), 1e-6, 1e-7);
    const yy = tensor2d([[0, 1]]);
    const pp = tensor2d([[0.5, 0]]);
    expectClose(kullbackLeiblerDivergence(yy, pp), rowRef(ref(yy), ref(pp), kldRow), 1e-6);
  });

  it('poisson matches float64', () => {
    expectClose(poisson(y, p), rowRef(ref(y), ref(p), poissonRow), 1e-6, 1e-7);
  });

  it('gradients match float64 central differences', () => {
    checkGradients({ op: (q) => kullbackLeiblerDivergence(y, q), reference: (q) => rowRef(ref(y), q, kldRow), inputs: [p] });
    checkGradients({ op: (q) => poisson(y, q), reference: (q) => rowRef(ref(y), q, poissonRow), inputs: [p] });
  });
});
