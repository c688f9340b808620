import { describe, expect, it } from 'vitest';
import { expectClose, GRADS, run, W0 } from './helpers.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import { Adamax } from '../../src/optimizers/adamax.js';

/** Keras 3 adamax.py update_step in float64 (Keras's float32 constants), plus TF.js lr decay. */
function adamaxReference(lr: number, b1: number, b2: number, eps: number, decay = 0): Float64Array {
  const f = Math.fround;
  const w = Float64Array.from(W0);
  const m = new Float64Array(w.length);
  const u = new Float64Array(w.length);
  GRADS.forEach((g, k) => {
    const lrK = f(lr) / (1 + decay * k);
    const correction = 1 - Math.pow(f(b1), k + 1);
    for (let i = 0; i < w.length; i++) {
      m[i] += (g[i] - m[i]) * f(1 - b1);
      u[i] = Math.max(f(b2) * u[i], Math.abs(g[i]));
      w[i] -= (lrK * m[i]) / (correction * (u[i] + f(eps)));
    }
  });
  return w;
}

describe('Adamax', () => {
  it('follows the Keras 3 update rule over four steps (float64 reference, 1e-6 relative)', () => {
    expectClose(run(new Adamax({ learningRate: 0.1 })), adamaxReference(0.1, 0.9, 0.999, 1e-7));
  });

  it('follows the Keras rule with other hyperparameters', () => {
    expectClose(run(new Adamax({ learningRate: 0.2, beta1: 0.5, beta2: 0.9, epsilon: 1e-2 })), adamaxReference(0.2, 0.5, 0.9, 1e-2));
  });

  it('with TF.js decay divides lr by 1 + decay·k', () => {
    expectClose(run(new Adamax({ learningRate: 0.1, decay: 0.5 })), adamaxReference(0.1, 0.9, 0.999, 1e-7, 0.5));
  });

  it('defaults to Keras 3 lr 0.001 (not TF.js 0.002)', () => {
    expect(new Adamax().getConfig()).toEqual({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, decay: 0 });
  });

  it('keeps slots m and v (the infinity norm)', () => {
    const w = variable(tensor1d([1]), true, 'adamax_w');
    const opt = new Adamax();
    opt.apply([{ variable: w, gradient: tensor1d([-2]) }]);
    const weights = opt.getWeights();
    expect(weights.map((x) => x.name)).toEqual(['iter', 'adamax_w/m', 'adamax_w/v']);
    expect(weights[2]?.tensor.values[0]).toBe(2);
  });
});
