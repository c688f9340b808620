import { describe, expect, it } from 'vitest';
import {
  add, customGrad, dispose, exp, grad, grads, keep, log, matMul, mul, softplus, square, sub, sum, tidy, valueAndGrad,
  valueAndGrads, variableGrads,
} from '../../src/ops/index.js';
import { tensor, variable } from '../../src/ops/create.js';
import type { GradSaveFunc } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { map } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const values = (t: Tensor | undefined): number[] => Array.from((t as Tensor).values);

describe('grad and valueAndGrad', () => {
  it('grad gives df/dx, seeded with ones by default', () => {
    expect(values(grad((x) => square(x))(tensor([3, -2])))).toEqual([6, -4]);
  });

  it('grad takes dy to seed the backward pass', () => {
    expect(values(grad((x) => square(x))(tensor([3, -2]), tensor([10, 100])))).toEqual([60, -400]);
  });

  it('valueAndGrad returns the value too', () => {
    const { value, grad: g } = valueAndGrad((x) => sum(mul(x, x)))(tensor([1, 2]));
    expect(value.arraySync()).toBe(5);
    expect(values(g)).toEqual([2, 4]);
  });

  it('accepts plain arrays and numbers as the point', () => {
    expect(values(grad((x) => mul(x, 3))([1, 2]))).toEqual([3, 3]);
    expect(grad((x) => mul(x, x))(4).arraySync()).toBe(8);
  });

  it('the identity function has gradient dy', () => {
    expect(values(grad((x) => x)(tensor([1, 2]), tensor([5, 7])))).toEqual([5, 7]);
  });
});

describe('grads and valueAndGrads', () => {
  it('differentiate with respect to each argument', () => {
    const [ga, gb] = grads((a, b) => mul(a, b))([tensor([2]), tensor([3])]);
    expect(values(ga)).toEqual([3]);
    expect(values(gb)).toEqual([2]);
  });

  it('valueAndGrads with dy', () => {
    const { value, grads: [ga, gb] } = valueAndGrads((a, b) => sub(a, b))([tensor([5, 6]), tensor([1, 1])], tensor([2, 3]));
    expect(values(value)).toEqual([4, 5]);
    expect(values(ga)).toEqual([2, 3]);
    expect(values(gb)).toEqual([-2, -3]);
  });

  it('reject dy whose shape differs from the result, quoting both shapes', () => {
    expect(() => grads((a) => mul(a, 2))([tensor([1, 2])], tensor([1, 2, 3]))).toThrow(/grads: dy has shape \[3\]; expected the shape of f's result \[2\]/);
  });

  it('errors name the function the caller used', () => {
    const notTensor = (): Tensor => 3 as unknown as Tensor;
    expect(() => grad(notTensor)(tensor([1]))).toThrow(/^grad: the function must return a Tensor/);
    expect(() => valueAndGrad(notTensor)(tensor([1]))).toThrow(/^valueAndGrad: /);
    expect(() => grads(notTensor)([tensor([1])])).toThrow(/^grads: /);
    expect(() => valueAndGrads(notTensor)([tensor([1])])).toThrow(/^valueAndGrads: /);
    expect(() => grad((x) => mul(x, 2))(tensor([1]), tensor([1, 1]))).toThrow(/^grad: dy has shape \[2\]; expected the shape of f's result \[1\]/);
  });

  it('reject an argument the result does not depend on, naming its position', () => {
    expect(() => grads((a, _b) => mul(a, 2))([tensor([1]), tensor([2])])).toThrow(/does not depend on argument 1/);
  });

  it('reject a function that returns no tensor', () => {
    expect(() => grads(() => 3 as unknown as Tensor)([tensor([1])])).toThrow(/the function must return a Tensor/);
  });
});

describe('variableGrads', () => {
  it('by default differentiates the trainable variables f used, keyed by name in order of first use', () => {
    const a = variable(tensor([1, 2]), true, 'vg_a');
    const b = variable(tensor([3]), true, 'vg_b');
    const frozen = variable(tensor([5]), false, 'vg_frozen');
    const unused = variable(tensor([7]), true, 'vg_unused');
    const { value, grads: g } = variableGrads(() => add(sum(mul(b, frozen)), sum(mul(a, a))));
    expect(value.arraySync()).toBe(20);
    expect(Object.keys(g)).toEqual(['vg_b', 'vg_a']);
    expect(values(g['vg_a'])).toEqual([2, 4]);
    expect(values(g['vg_b'])).toEqual([5]);
    expect(g[unused.name]).toBeUndefined();
  });

  it('with varList differentiates exactly those, trainable or not, omitting unused ones', () => {
    const a = variable(tensor([1, 2]), true, 'vl_a');
    const frozen = variable(tensor([5]), false, 'vl_frozen');
    const unused = variable(tensor([7]), true, 'vl_unused');
    const { grads: g } = variableGrads(() => sum(mul(a, frozen)), [frozen, unused]);
    expect(Object.keys(g)).toEqual(['vl_frozen']);
    expect(values(g['vl_frozen'])).toEqual([3]);
  });

  it('rejects a non-scalar result, quoting its shape', () => {
    const a = variable(tensor([1, 2]), true, 'ns_a');
    expect(() => variableGrads(() => mul(a, 2))).toThrow(/variableGrads: f must return a scalar Tensor, received shape \[2\]/);
  });

  it('rejects a result no variable influences', () => {
    expect(() => variableGrads(() => sum(tensor([1, 2])))).toThrow(/variableGrads: no variable influences the result of f/);
  });

  it('rejects two variables with the same name', () => {
    const a = variable(tensor([1]), true, 'dup');
    const b = variable(tensor([2]), true, 'dup');
    expect(() => variableGrads(() => sum(mul(a, b)))).toThrow(/two variables are named 'dup'/);
  });

  it('sees the current value after assign', () => {
    const w = variable(tensor([1]), true, 'assigned');
    w.assign(tensor([4]));
    expect(values(variableGrads(() => sum(square(w))).grads['assigned'])).toEqual([8]);
  });
});

describe('customGrad', () => {
  it('uses the hand-written gradient, not the gradient of the forward ops', () => {
    const f = customGrad((x: Tensor, save: GradSaveFunc) => {
      save([x]);
      return { value: square(x), gradFunc: (dy) => mul(dy, 3) };
    });
    expect(values(f(tensor([2])))).toEqual([4]);
    expect(values(grad((x) => f(x))(tensor([2])))).toEqual([3]);
  });

  it('passes saved tensors to gradFunc; a correct custom gradient passes the gradient check', () => {
    // softplus with gradient sigmoid(x) = 1 − e^(−softplus(x)), from the saved output.
    const f = customGrad((x: Tensor, save: GradSaveFunc) => {
      const y = softplus(x);
      save([y]);
      return { value: y, gradFunc: (dy, [y0]) => mul(dy, sub(1, exp(mul(y0 as Tensor, -1)))) };
    });
    const x = randomTensor(xorshift(1), [2, 3]);
    checkGradients({ op: (t) => f(t), reference: (t: Ref) => map(t, (v) => Math.log1p(Math.exp(v))), inputs: [x] });
  });

  it('is typed from f: the result takes one argument per tensor parameter', () => {
    const f = customGrad((x: Tensor, _save: GradSaveFunc) => ({ value: x, gradFunc: (dy) => dy }));
    // @ts-expect-error f takes one tensor argument
    expect(() => f(tensor([1]), tensor([2]))).not.toThrow();
    expect(values(f([5]))).toEqual([5]);
  });

  it('does not record the ops inside f', () => {
    let calls = 0;
    const f = customGrad((x: Tensor, _save: GradSaveFunc) => ({ value: exp(x), gradFunc: (dy) => { calls++; return dy; } }));
    expect(values(grad((x) => f(x))(tensor([1])))).toEqual([1]);
    expect(calls).toBe(1);
  });

  it('supports several inputs, one gradient each', () => {
    const f = customGrad((a: Tensor, b: Tensor, _save: GradSaveFunc) => ({ value: mul(a, b), gradFunc: (dy) => [mul(dy, b), mul(dy, a)] }));
    const [ga, gb] = grads((a, b) => f(a, b))([tensor([2]), tensor([5])]);
    expect(values(ga)).toEqual([5]);
    expect(values(gb)).toEqual([2]);
  });

  it('rejects a gradFunc that returns the wrong number of gradients', () => {
    const f = customGrad((a: Tensor, b: Tensor, _save: GradSaveFunc) => ({ value: add(a, b), gradFunc: (dy) => [dy] }));
    expect(() => grads((a, b) => f(a, b))([tensor([1]), tensor([1])])).toThrow(/customGrad: gradFunc returned 1 gradients for 2 inputs/);
  });
});

describe('tidy, dispose and keep are harmless no-ops', () => {
  it('tidy returns what its function returns, with or without a name', () => {
    const t = tidy(() => add(tensor([1]), 1));
    expect(values(t)).toEqual([2]);
    expect(tidy('named', () => 5)).toBe(5);
    expect(() => tidy('no function')).toThrow(/tidy: expected a function/);
  });

  it('dispose leaves tensors usable; keep returns its argument', () => {
    const t = tensor([1, 2]);
    dispose(t);
    dispose([t, { t }]);
    expect(values(t)).toEqual([1, 2]);
    expect(keep(t)).toBe(t);
  });

  it('gradients inside tidy work as outside', () => {
    const g = tidy(() => grad((x) => log(x))(tensor([4])));
    expectSameBits(g.values, [0.25]);
  });
});

describe('matMul under variableGrads', () => {
  it('differentiates a dense layer’s kernel and bias', () => {
    const w = variable(tensor([[1, 2], [3, 4]]), true, 'dense/kernel');
    const b = variable(tensor([0.5, -0.5]), true, 'dense/bias');
    const x = tensor([[1, 1], [2, 0]]);
    const { grads: g } = variableGrads(() => sum(add(matMul(x, w), b)));
    // d/dW Σ (xW + b) = xᵀ·1 = column sums of x per row of W; d/db = number of rows.
    expect(g['dense/kernel']?.arraySync()).toEqual([[3, 3], [1, 1]]);
    expect(values(g['dense/bias'])).toEqual([2, 2]);
  });
});
