import { describe, expect, it } from 'vitest';
import {
  add, clipByValue, elu, gelu, grad, leakyRelu, logSoftmax, logSumExp, mul, prelu, relu6, selu, softmax, stopGradient, sum,
} from '../../src/ops/index.js';
import { tensor } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { erf64, map, reduce, zip } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const rng = xorshift(606);
const f32 = Math.fround;

/** log Σ exp over axes, in float64, shifted by the maximum. */
function logSumExpRef(x: Ref, axes: number[] | undefined, keepDims: boolean): Ref {
  const peak = reduce(x, axes, true, -Infinity, Math.max);
  const shifted = zip(x, peak, (v, m) => Math.exp(v - (Number.isFinite(m) ? m : 0)));
  const sums = reduce(shifted, axes, keepDims, 0, (p, v) => p + v);
  const peakOut = reduce(x, axes, keepDims, -Infinity, Math.max);
  return zip(sums, peakOut, (s, m) => Math.log(s) + (Number.isFinite(m) ? m : 0));
}

describe('clipByValue and relu6', () => {
  it('clamp, keeping NaN', () => {
    const c = clipByValue(tensor([-2, 0.5, 3, NaN]), 0, 1);
    expect(Array.from(c.values).slice(0, 3)).toEqual([0, 0.5, 1]);
    expect(Number.isNaN(c.values[3])).toBe(true);
    expect(relu6(tensor([-1, 3, 7])).arraySync()).toEqual([0, 3, 6]);
  });

  it('clipByValue keeps int32 as int32, as TF.js', () => {
    const c = clipByValue(tensor([-5, 1, 9], undefined, 'int32'), 0, 4);
    expect(c.dtype).toBe('int32');
    expect(Array.from(c.values)).toEqual([0, 1, 4]);
  });

  it('clipByValue rejects min > max', () => {
    expect(() => clipByValue(tensor([1]), 2, 1)).toThrow(/clipByValue: clipValueMin \(2\) must be ≤ clipValueMax \(1\)/);
  });

  it('gradients pass inside the range only', () => {
    const x = randomTensor(rng, [3, 4], { lo: -2, hi: 2, avoid: [-0.5, 1], margin: 0.05 });
    checkGradients({ op: (t) => clipByValue(t, -0.5, 1), reference: (t: Ref) => map(t, (v) => Math.min(Math.max(v, -0.5), 1)), inputs: [x] });
    const y = randomTensor(rng, [3, 4], { lo: -2, hi: 8, avoid: [0, 6], margin: 0.05 });
    checkGradients({ op: (t) => relu6(t), reference: (t: Ref) => map(t, (v) => Math.min(Math.max(v, 0), 6)), inputs: [y] });
  });
});

describe('elu, selu, leakyRelu, prelu', () => {
  const eluRef = (alpha: number) => (v: number): number => (v > 0 ? v : alpha * Math.expm1(v));

  it('elu values and gradient (alpha 1 and 0.5)', () => {
    const x = randomTensor(rng, [2, 5], { lo: -4, hi: 3, avoid: [0] });
    checkGradients({ op: (t) => elu(t), reference: (t: Ref) => map(t, eluRef(1)), inputs: [x] });
    checkGradients({ op: (t) => elu(t, 0.5), reference: (t: Ref) => map(t, eluRef(0.5)), inputs: [x] });
  });

  it('elu of large positive x has gradient 1, not NaN (the unused branch must not overflow)', () => {
    const x = tensor([50, 88.8, 100, 1000, 3e38]);
    const g = grad((t) => elu(t))(x);
    expect(Array.from(g.values)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(elu(x).values)).toEqual(Array.from(x.values));
    expect(Array.from(grad((t) => selu(t))(x).values).every((v) => v === f32(f32(1.0507009873554805) * 1))).toBe(true);
  });

  it('selu values and gradient', () => {
    const x = randomTensor(rng, [2, 5], { lo: -4, hi: 3, avoid: [0] });
    const alpha = 1.6732632423543772;
    const scale = 1.0507009873554805;
    checkGradients({ op: (t) => selu(t), reference: (t: Ref) => map(t, (v) => scale * eluRef(alpha)(v)), inputs: [x] });
  });

  it('leakyRelu values and gradient (default alpha 0.2, and 0.01)', () => {
    const x = randomTensor(rng, [2, 5], { avoid: [0] });
    checkGradients({ op: (t) => leakyRelu(t), reference: (t: Ref) => map(t, (v) => (v > 0 ? v : f32(0.2) * v)), inputs: [x] });
    checkGradients({ op: (t) => leakyRelu(t, 0.01), reference: (t: Ref) => map(t, (v) => (v > 0 ? v : f32(0.01) * v)), inputs: [x] });
  });

  it.each([[[2, 3], [3]], [[2, 3], [2, 3]], [[4, 2, 3], [2, 1]], [[2, 3], []]])('prelu gradient for x and a broadcast alpha: x %j alpha %j', (xShape, aShape) => {
    const x = randomTensor(rng, xShape, { avoid: [0] });
    const alpha = randomTensor(rng, aShape, { lo: 0, hi: 0.5 });
    checkGradients({ op: (t, a) => prelu(t, a), reference: (t: Ref, a: Ref) => zip(t, a, (v, s) => (v > 0 ? v : s * v)), inputs: [x, alpha] });
  });
});

describe('activations of int32 tensors compute in float32 (constants are never truncated)', () => {
  it('leakyRelu, elu, gelu', () => {
    const x = tensor([-3, 2], undefined, 'int32');
    expect(Array.from(leakyRelu(x).values)).toEqual([f32(f32(0.2) * -3), 2]);
    expect(elu(x).values[0]).toBeCloseTo(Math.expm1(-3), 6);
    expect(gelu(x).values[1]).toBeCloseTo(2 * 0.5 * (1 + erf64(2 / Math.SQRT2)), 6);
  });
});

describe('gelu', () => {
  it('exact form: x·½·(1 + erf(x/√2))', () => {
    const x = randomTensor(rng, [3, 4], { lo: -3, hi: 3 });
    checkGradients({ op: (t) => gelu(t), reference: (t: Ref) => map(t, (v) => v * 0.5 * (1 + erf64(v / Math.SQRT2))), inputs: [x] });
  });

  it('tanh form: ½x(1 + tanh(√(2/π)(x + 0.044715x³)))', () => {
    const x = randomTensor(rng, [3, 4], { lo: -3, hi: 3 });
    const c = Math.sqrt(2 / Math.PI);
    checkGradients({ op: (t) => gelu(t, true), reference: (t: Ref) => map(t, (v) => 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v)))), inputs: [x] });
  });
});

describe('softmax, logSoftmax, logSumExp', () => {
  const softmaxRef = (x: Ref, axis: number): Ref => {
    const lse = logSumExpRef(x, [axis], true);
    return zip(x, lse, (v, l) => Math.exp(v - l));
  };

  it.each([[[5], -1], [[3, 4], -1], [[3, 4], 0], [[2, 3, 4], 1]])('softmax values and gradient: shape %j dim %i', (shape, dim) => {
    const x = randomTensor(rng, shape, { lo: -3, hi: 3 });
    checkGradients({ op: (t) => softmax(t, dim), reference: (t: Ref) => softmaxRef(t, dim < 0 ? dim + t.shape.length : dim), inputs: [x] });
  });

  it.each([[[5], -1], [[3, 4], -1], [[3, 4], 0]])('logSoftmax values and gradient: shape %j axis %i', (shape, axis) => {
    const x = randomTensor(rng, shape, { lo: -3, hi: 3 });
    checkGradients({
      op: (t) => logSoftmax(t, axis),
      reference: (t: Ref) => zip(t, logSumExpRef(t, [axis < 0 ? axis + t.shape.length : axis], true), (v, l) => v - l),
      inputs: [x],
    });
  });

  it.each([[[4], undefined, false], [[3, 4], 1, false], [[3, 4], 0, true], [[2, 3, 4], [0, 2], false], [[2, 3, 4], undefined, true]] as const)('logSumExp values and gradient: shape %j axis %j keepDims %s', (shape, axis, keepDims) => {
    const x = randomTensor(rng, shape, { lo: -3, hi: 3 });
    const axes = axis === undefined ? undefined : typeof axis === 'number' ? [axis] : [...axis];
    checkGradients({ op: (t) => logSumExp(t, axis, keepDims), reference: (t: Ref) => logSumExpRef(t, axes, keepDims), inputs: [x] });
  });

  it('large logits do not overflow', () => {
    const s = softmax(tensor([1000, 1001, 999]));
    expect(Array.from(s.values).every(Number.isFinite)).toBe(true);
    expect(s.values[1]).toBeCloseTo(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), 6);
    expect(logSumExp(tensor([1000, 1000])).values[0]).toBeCloseTo(1000 + Math.LN2, 3);
  });

  it('a row of −Infinity gives logSumExp −Infinity and leaves softmax and logSoftmax of other rows finite', () => {
    const x = tensor([[-Infinity, -Infinity, -Infinity], [0, 1, 2]]);
    const l = logSumExp(x, 1);
    expect(l.values[0]).toBe(-Infinity);
    expect(l.values[1]).toBeCloseTo(Math.log(1 + Math.E + Math.E * Math.E), 6);
    expect(Array.from(softmax(x).values).slice(3).every(Number.isFinite)).toBe(true);
    expect(Array.from(logSoftmax(x).values).slice(3).every(Number.isFinite)).toBe(true);
  });

  it('−Infinity entries in a row get zero gradient; the rest match central differences', () => {
    const x = randomTensor(rng, [3, 4], { lo: -3, hi: 3 });
    x.values[1] = -Infinity;
    x.values[6] = -Infinity;
    x.values[7] = -Infinity;
    checkGradients({ op: (t) => logSumExp(t, 1), reference: (t: Ref) => logSumExpRef(t, [1], false), inputs: [x] });
    checkGradients({ op: (t) => softmax(t), reference: (t: Ref) => zip(t, logSumExpRef(t, [1], true), (v, l) => Math.exp(v - l)), inputs: [x] });
    const g = grad((t) => logSumExp(t, 1))(x, tensor([1, 1, 1]));
    expect([g.values[1], g.values[6], g.values[7]]).toEqual([0, 0, 0]);
  });

  it('softmax rows sum to 1 within float32 rounding', () => {
    const x = randomTensor(rng, [4, 7], { lo: -5, hi: 5 });
    for (const v of sum(softmax(x), 1).values) expect(Math.abs(v - 1)).toBeLessThan(1e-6);
  });
});

describe('stopGradient', () => {
  it('passes values and blocks the gradient', () => {
    const x = tensor([1, 2, 3]);
    expect(stopGradient(x).arraySync()).toEqual([1, 2, 3]);
    const g = grad((t: Tensor) => sum(add(mul(t, stopGradient(t)), t)))(x);
    expect(Array.from(g.values)).toEqual([2, 3, 4]);
  });
});
