import { describe, expect, it } from 'vitest';
import { expectClose, THREE_STEPS, run, W0 } from './helpers.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import { Momentum, SGD } from '../../src/optimizers/sgd.js';

/** Keras 3 sgd.py update_step in float64 (lr and μ cast to float32 as Keras does). */
function sgdReference(lr: number, mu: number, nesterov: boolean): Float64Array {
  const f = Math.fround;
  const w = Float64Array.from(W0);
  const m = new Float64Array(w.length);
  for (const g of THREE_STEPS) {
    for (let i = 0; i < w.length; i++) {
      if (mu === 0) {
        w[i] -= g[i] * f(lr);
        continue;
      }
      m[i] = m[i] * f(mu) - g[i] * f(lr);
      w[i] += nesterov ? m[i] * f(mu) - g[i] * f(lr) : m[i];
    }
  }
  return w;
}

describe('SGD', () => {
  it('takes w ← w − lr·g steps (float64 reference, 1e-6 relative)', () => {
    expectClose(run(new SGD({ learningRate: 0.1 }), THREE_STEPS), sgdReference(0.1, 0, false));
  });

  it('is exact on a hand-checkable step: w = 1, g = 0.5, lr = 0.5 → 0.75', () => {
    const w = variable(tensor1d([1]));
    new SGD({ learningRate: 0.5 }).apply([{ variable: w, gradient: tensor1d([0.5]) }]);
    expect(w.values[0]).toBe(0.75);
  });

  it('with momentum follows Keras: m ← μm − lr·g, w ← w + m', () => {
    expectClose(run(new SGD({ learningRate: 0.1, momentum: 0.9 }), THREE_STEPS), sgdReference(0.1, 0.9, false));
  });

  it('with Nesterov momentum follows Keras: w ← w + μm − lr·g', () => {
    expectClose(run(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), THREE_STEPS), sgdReference(0.1, 0.9, true));
  });

  it('defaults to Keras 3 lr 0.01 and keeps no slots without momentum', () => {
    const opt = new SGD();
    expect(opt.getConfig()).toEqual({ learningRate: 0.01 });
    run(opt, THREE_STEPS);
    expect(opt.getWeights().map((x) => x.name)).toEqual(['iter']);
  });

  it('rejects momentum outside [0, 1]', () => {
    expect(() => new SGD({ momentum: 1.5 })).toThrow('SGD: momentum must be a number in [0, 1], received 1.5');
  });
});

describe('Momentum', () => {
  it('is Keras SGD with momentum, bit for bit', () => {
    const a = run(new Momentum({ learningRate: 0.1, momentum: 0.9, useNesterov: true }), THREE_STEPS);
    const b = run(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), THREE_STEPS);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('has the TF.js config {learningRate, momentum, useNesterov} and slot /momentum', () => {
    const opt = new Momentum({ learningRate: 0.1, momentum: 0.5 });
    expect(opt.getConfig()).toEqual({ learningRate: 0.1, momentum: 0.5, useNesterov: false });
    const w = variable(tensor1d([1]), true, 'momentum_slot_w');
    opt.apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(opt.getWeights().map((x) => x.name)).toEqual(['iter', 'momentum_slot_w/momentum']);
    expect(opt.getClassName()).toBe('Momentum');
  });

  it('requires momentum', () => {
    expect(() => new Momentum({} as never)).toThrow('Momentum: momentum is required');
  });
});
