import { describe, expect, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { expectClose, GRADS, run, W0 } from './helpers.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import { Adam, AdamW } from '../../src/optimizers/adam.js';

/** Keras 3 adam.py update_step in float64, with Keras's float32 constants (β cast to float32 for β^t; 1 − β formed in float64 then cast). */
function adamReference(lr: number, b1: number, b2: number, eps: number, amsgrad: boolean, wd: number | null, grads = GRADS, w0 = W0): Float64Array {
  const f = Math.fround;
  const w = Float64Array.from(w0);
  const m = new Float64Array(w.length);
  const v = new Float64Array(w.length);
  const vh = new Float64Array(w.length);
  grads.forEach((g, k) => {
    const t = k + 1;
    const alpha = (f(lr) * Math.sqrt(1 - Math.pow(f(b2), t))) / (1 - Math.pow(f(b1), t));
    for (let i = 0; i < w.length; i++) {
      if (wd !== null) w[i] = w[i] - w[i] * f(wd) * f(lr);
      m[i] += (g[i] - m[i]) * f(1 - b1);
      v[i] += (g[i] * g[i] - v[i]) * f(1 - b2);
      vh[i] = Math.max(vh[i], v[i]);
      w[i] -= (m[i] * alpha) / (Math.sqrt(amsgrad ? vh[i] : v[i]) + f(eps));
    }
  });
  return w;
}

describe('Adam', () => {
  it('follows the Keras 3 update rule over four steps (float64 reference, 1e-6 relative)', () => {
    expectClose(run(new Adam({ learningRate: 0.1 })), adamReference(0.1, 0.9, 0.999, 1e-7, false, null));
  });

  it('follows the Keras rule with other hyperparameters', () => {
    const opt = new Adam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3 });
    expectClose(run(opt), adamReference(0.05, 0.8, 0.99, 1e-3, false, null));
  });

  it('with amsgrad uses the running maximum of v', () => {
    expectClose(run(new Adam({ learningRate: 0.1, amsgrad: true })), adamReference(0.1, 0.9, 0.999, 1e-7, true, null));
  });

  it('defaults to Keras 3: lr 0.001, β1 0.9, β2 0.999, ε 1e-7, no amsgrad', () => {
    expect(new Adam().getConfig()).toEqual({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(new Adam({ amsgrad: true }).getConfig()).toEqual({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: true });
  });

  it('accepts Keras snake_case names', () => {
    expect(new Adam({ learning_rate: 0.01, beta_1: 0.8, beta_2: 0.9 }).getConfig()).toEqual({ learningRate: 0.01, beta1: 0.8, beta2: 0.9, epsilon: 1e-7 });
  });

  it('keeps slots m, v (and vhat with amsgrad)', () => {
    const w = variable(tensor1d([1]), true, 'adam_slots_w');
    const opt = new Adam({ amsgrad: true });
    opt.apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(opt.getWeights().map((x) => x.name)).toEqual(['iter', 'adam_slots_w/m', 'adam_slots_w/v', 'adam_slots_w/vhat']);
  });

  it('rejects β outside [0, 1) and a negative learning rate, naming the argument', () => {
    expect(() => new Adam({ beta1: 1 })).toThrow('Adam: beta1 must be a number in [0, 1), received 1');
    expect(() => new Adam({ beta_2: -0.1 })).toThrow('Adam: beta_2 must be a number in [0, 1), received -0.1');
    expect(() => new Adam({ learningRate: -1 })).toThrow('Adam: learningRate must be a finite number >= 0, received -1');
    expect(() => new Adam({ epsilon: NaN })).toThrow('Adam: epsilon must be a finite number >= 0, received NaN');
  });
});

describe('AdamW', () => {
  it('gives the value Keras 3.15.1 gave: w₀=1, g=1, lr=0.1 → 0.899601 after one step (REFERENCE.md §2, ran)', () => {
    const w = variable(tensor1d([1]));
    new AdamW({ learningRate: 0.1 }).apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(Math.abs((w.values[0] as number) - 0.899601)).toBeLessThan(5e-7);
  });

  it('decays the weights before the Adam step (float64 reference, 1e-6 relative)', () => {
    expectClose(run(new AdamW({ learningRate: 0.1, weightDecay: 0.05 })), adamReference(0.1, 0.9, 0.999, 1e-7, false, 0.05));
  });

  it('defaults to Keras 3: lr 0.001, weightDecay 0.004', () => {
    expect(new AdamW().getConfig()).toEqual({ learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });
  });

  it('equals Adam with the same weightDecay option bit for bit', () => {
    expectSameBits(run(new AdamW({ learningRate: 0.1 })), run(new Adam({ learningRate: 0.1, weightDecay: 0.004 })));
  });
});
