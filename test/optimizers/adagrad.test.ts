import { describe, expect, it } from 'vitest';
import { expectClose, THREE_STEPS, run, W0 } from './helpers.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import { Adagrad } from '../../src/optimizers/adagrad.js';

/** Keras 3 adagrad.py update_step in float64 (initial value and ε cast to float32). */
function adagradReference(lr: number, init: number, eps: number): Float64Array {
  const f = Math.fround;
  const w = Float64Array.from(W0);
  const acc = new Float64Array(w.length).fill(f(init));
  for (const g of THREE_STEPS) {
    for (let i = 0; i < w.length; i++) {
      acc[i] += g[i] * g[i];
      w[i] -= (f(lr) * g[i]) / Math.sqrt(acc[i] + f(eps));
    }
  }
  return w;
}

describe('Adagrad', () => {
  it('follows the Keras 3 update rule (float64 reference, 1e-6 relative)', () => {
    expectClose(run(new Adagrad({ learningRate: 0.1 }), THREE_STEPS), adagradReference(0.1, 0.1, 1e-7));
  });

  it('uses the initial accumulator value and a settable ε', () => {
    expectClose(run(new Adagrad({ learningRate: 0.3, initialAccumulatorValue: 0.5, epsilon: 1e-2 }), THREE_STEPS), adagradReference(0.3, 0.5, 1e-2));
  });

  it('is exact on a hand-checkable step: acc₀ = 0, g = 3, lr = 1, ε = 0 → w − 1', () => {
    const w = variable(tensor1d([2]));
    new Adagrad({ learningRate: 1, initialAccumulatorValue: 0, epsilon: 0 }).apply([{ variable: w, gradient: tensor1d([3]) }]);
    expect(w.values[0]).toBe(1);
  });

  it('defaults to Keras 3: lr 0.001, accumulator 0.1, ε 1e-7', () => {
    expect(new Adagrad().getConfig()).toEqual({ learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 });
  });

  it('creates its accumulator slot filled with the initial value', () => {
    const w = variable(tensor1d([1, 1]), true, 'adagrad_w');
    const opt = new Adagrad({ initialAccumulatorValue: 0.25 });
    opt.apply([{ variable: w, gradient: tensor1d([0, 1]) }]);
    const [, acc] = opt.getWeights();
    expect(acc?.name).toBe('adagrad_w/accumulator');
    expect(Array.from(acc?.tensor.values ?? [])).toEqual([0.25, 1.25]);
  });

  it('rejects a negative initial accumulator value', () => {
    expect(() => new Adagrad({ initial_accumulator_value: -1 })).toThrow('Adagrad: initial_accumulator_value must be a finite number >= 0, received -1');
  });
});
