import { describe, expect, it } from 'vitest';
import { backprop } from '../../src/autograd/backprop.js';
import { isRecording, record, withoutTape, withTape } from '../../src/autograd/tape.js';
import {
  add, customGrad, div, exp, grad, grads, matMul, mean, mul, relu, softmax, sub, sum, tanh, valueAndGrad, variableGrads,
} from '../../src/ops/index.js';
import type { GradSaveFunc } from '../../src/ops/index.js';
import { tensor, variable } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { map, matMulRef, reduce, zip } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

describe('the tape', () => {
  it('records ops only while a gradient function runs, in creation order', () => {
    expect(isRecording()).toBe(false);
    const x = tensor([1, 2]);
    const { result, tape } = withTape(() => {
      expect(isRecording()).toBe(true);
      return sum(mul(exp(x), 2));
    });
    expect(tape.nodes.map((n) => n.op)).toEqual(['exp', 'mul', 'sum']);
    expect(tape.nodes[2]?.output).toBe(result);
    expect(isRecording()).toBe(false);
  });

  it('withoutTape pauses recording, and nesting restores it', () => {
    const { tape } = withTape(() => {
      withoutTape(() => {
        expect(isRecording()).toBe(false);
        exp(tensor([1]));
      });
      expect(isRecording()).toBe(true);
      exp(tensor([1]));
    });
    expect(tape.nodes).toHaveLength(1);
  });

  it('record outside any gradient function does nothing', () => {
    expect(() => record('noop', [], tensor([1]), () => [])).not.toThrow();
  });

  it('a nested gradient function records on the enclosing tapes too', () => {
    const outer = withTape(() => {
      const inner = withTape(() => exp(tensor([1])));
      expect(inner.tape.nodes).toHaveLength(1);
    });
    expect(outer.tape.nodes.map((n) => n.op)).toEqual(['exp']);
  });

  it('the stack unwinds when the function throws', () => {
    expect(() => withTape(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isRecording()).toBe(false);
  });
});

describe('backprop', () => {
  it('returns null for an x the result does not depend on, and dy for y itself', () => {
    const x = tensor([1]);
    const unrelated = tensor([2]);
    const { result: y, tape } = withTape(() => mul(x, 3));
    const [gx, gu, gy] = backprop(tape, y, tensor([1]), [x, unrelated, y], add);
    expect(Array.from((gx as Tensor).values)).toEqual([3]);
    expect(gu).toBeNull();
    expect(Array.from((gy as Tensor).values)).toEqual([1]);
  });

  it('does not run backward closures of ops that do not depend on x', () => {
    let calls = 0;
    const spy = customGrad((t: Tensor, _save: GradSaveFunc) => ({ value: t, gradFunc: (dy) => { calls++; return dy; } }));
    const constant = tensor([5]);
    grads((x) => add(mul(x, 2), spy(constant)))([tensor([1])]);
    expect(calls).toBe(0);
    grads((x) => add(mul(x, 2), spy(x)))([tensor([1])]);
    expect(calls).toBe(1);
  });

  it('sums contributions to a reused tensor in reverse order of creation of its consumers', () => {
    // x feeds three products, created in the order a, b, c. The backward pass visits c, b, a, so
    // dx = fl32(fl32(c + b) + a). With a = 1 and b = c = 2^-24 that is 1 + 2^-23, whereas the
    // creation order fl32(fl32(a + b) + c) would round to 1 twice.
    const tiny = 2 ** -24;
    const x = tensor([3]);
    const [g] = grads((t) => add(add(mul(t, 1), mul(t, tiny)), mul(t, tiny)))([x]);
    const expected = Math.fround(Math.fround(tiny + tiny) + 1);
    expect(expected).toBe(1 + 2 ** -23);
    expectSameBits((g as Tensor).values, [expected]);
  });

  it('the same computation twice gives identical gradient bits', () => {
    const run = (): Tensor[] => {
      const rng = xorshift(17);
      const x = randomTensor(rng, [8, 5]);
      const w1 = randomTensor(rng, [5, 16]);
      const w2 = randomTensor(rng, [16, 3]);
      return grads((a, b, c) => mean(softmax(matMul(relu(matMul(a, b)), c))))([x, w1, w2], undefined);
    };
    const first = run();
    const second = run();
    first.forEach((g, i) => expectSameBits(g.values, (second[i] as Tensor).values, `gradient ${i}`));
  });
});

describe('nested gradient functions', () => {
  it('a value computed by an inner valueAndGrad still carries the outer gradient', () => {
    // d/dx (x + x²) = 1 + 2x = 7 at x = 3.
    const g = grad((x) => add(x, valueAndGrad((y) => mul(y, y))(x).value))(tensor([3]));
    expect(Array.from(g.values)).toEqual([7]);
  });

  it('an inner gradient is a constant to the outer one (no second-order gradients)', () => {
    expect(() => grad((x) => sum(grad((y) => mul(y, y))(x)))(tensor([3]))).toThrow(/^grad: the result does not depend on argument 0/);
  });
});

describe('composite chains that reuse a tensor accumulate every contribution', () => {
  const rng = xorshift(23);

  it('x·tanh(x) + exp(x/2)·x − x/(1 + x²)', () => {
    const x = randomTensor(rng, [2, 3]);
    checkGradients({
      op: (t) => sub(add(mul(t, tanh(t)), mul(exp(mul(t, 0.5)), t)), div(t, add(mul(t, t), 1))),
      reference: (t: Ref) => map(t, (v) => v * Math.tanh(v) + Math.exp(v / 2) * v - v / (1 + v * v)),
      inputs: [x],
    });
  });

  it('a tensor used by broadcasting and reducing consumers at once', () => {
    const x = randomTensor(rng, [3, 4]);
    const b = randomTensor(rng, [4]);
    checkGradients({
      op: (t, u) => mul(add(t, u), sum(mul(t, u), 0)),
      reference: (t: Ref, u: Ref) => zip(zip(t, u, (p, q) => p + q), reduce(zip(t, u, (p, q) => p * q), [0], false, 0, (p, v) => p + v), (p, q) => p * q),
      inputs: [x, b],
    });
  });

  it('a two-layer network, differentiated with respect to inputs and weights', () => {
    const x = randomTensor(rng, [4, 3]);
    const w1 = randomTensor(rng, [3, 5]);
    const w2 = randomTensor(rng, [5, 2]);
    checkGradients({
      op: (a, b, c) => matMul(tanh(matMul(a, b)), c),
      reference: (a: Ref, b: Ref, c: Ref) => matMulRef(map(matMulRef(a, b), Math.tanh), c),
      inputs: [x, w1, w2],
    });
  });

  it('variableGrads accumulates a variable used in several places', () => {
    const w = variable(tensor([0.5, -1.5]), true, 'reused_w');
    const { grads: g } = variableGrads(() => sum(add(mul(w, w), mul(w, 3))));
    expectSameBits((g['reused_w'] as Tensor).values, [Math.fround(2 * 0.5 + 3), Math.fround(2 * -1.5 + 3)]);
  });
});
