import { describe, expect, it } from 'vitest';
import { expectClose, THREE_STEPS, run, W0 } from './helpers.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import { Adadelta } from '../../src/optimizers/adadelta.js';

/** Keras 3 adadelta.py update_step in float64 (ρ, ε cast to float32; 1 − ρ formed in float64). */
function adadeltaReference(lr: number, rho: number, eps: number): Float64Array {
  const f = Math.fround;
  const w = Float64Array.from(W0);
  const eg = new Float64Array(w.length);
  const edx = new Float64Array(w.length);
  for (const g of THREE_STEPS) {
    for (let i = 0; i < w.length; i++) {
      eg[i] = f(rho) * eg[i] + f(1 - rho) * g[i] * g[i];
      const delta = -(Math.sqrt(edx[i] + f(eps)) * g[i]) / Math.sqrt(eg[i] + f(eps));
      edx[i] = f(rho) * edx[i] + f(1 - rho) * delta * delta;
      w[i] += f(lr) * delta;
    }
  }
  return w;
}

describe('Adadelta', () => {
  it('gives the value Keras 3.15.1 gave: lr=1, g=1, w=0 → −0.0014142 after one step (REFERENCE.md §2, ran)', () => {
    const w = variable(tensor1d([0]));
    new Adadelta({ learningRate: 1 }).apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(Math.abs((w.values[0] as number) - -0.0014142)).toBeLessThan(5e-8);
  });

  it('follows the Keras 3 update rule with the updated E[g²] (float64 reference, 1e-6 relative)', () => {
    expectClose(run(new Adadelta({ learningRate: 1 }), THREE_STEPS), adadeltaReference(1, 0.95, 1e-7));
  });

  it('follows the Keras rule with other hyperparameters', () => {
    expectClose(run(new Adadelta({ learningRate: 0.5, rho: 0.7, epsilon: 1e-3 }), THREE_STEPS), adadeltaReference(0.5, 0.7, 1e-3));
  });

  it('defaults to Keras 3: lr 0.001, ρ 0.95, ε 1e-7; slots accum_grad, accum_var', () => {
    const opt = new Adadelta();
    expect(opt.getConfig()).toEqual({ learningRate: 0.001, rho: 0.95, epsilon: 1e-7 });
    const w = variable(tensor1d([0]), true, 'adadelta_w');
    opt.apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(opt.getWeights().map((x) => x.name)).toEqual(['iter', 'adadelta_w/accum_grad', 'adadelta_w/accum_var']);
  });
});
