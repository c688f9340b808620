import { describe, expect, it } from 'vitest';
import { expectClose, GRADS, run, W0 } from './helpers.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import { RMSProp } from '../../src/optimizers/rmsprop.js';

/** Keras 3 rmsprop.py update_step in float64 (ρ, μ, ε cast to float32; 1 − ρ formed in float64). */
function rmspropReference(lr: number, rho: number, mu: number, eps: number, centered: boolean): Float64Array {
  const f = Math.fround;
  const w = Float64Array.from(W0);
  const v = new Float64Array(w.length);
  const a = new Float64Array(w.length);
  const mom = new Float64Array(w.length);
  for (const g of GRADS) {
    for (let i = 0; i < w.length; i++) {
      v[i] = f(rho) * v[i] + f(1 - rho) * g[i] * g[i];
      a[i] = f(rho) * a[i] + f(1 - rho) * g[i];
      const d = centered ? v[i] - a[i] * a[i] + f(eps) : v[i] + f(eps);
      const inc = (f(lr) * g[i]) / Math.sqrt(d);
      mom[i] = f(mu) * mom[i] + inc;
      w[i] -= mu > 0 ? mom[i] : inc;
    }
  }
  return w;
}

describe('RMSProp', () => {
  it('follows the Keras 3 update rule (float64 reference, 1e-6 relative)', () => {
    expectClose(run(new RMSProp({ learningRate: 0.1 })), rmspropReference(0.1, 0.9, 0, 1e-7, false));
  });

  it('with momentum accumulates the increments', () => {
    expectClose(run(new RMSProp({ learningRate: 0.1, momentum: 0.5 })), rmspropReference(0.1, 0.9, 0.5, 1e-7, false));
  });

  it('centered adds ε under the root (Keras), with momentum', () => {
    expectClose(run(new RMSProp({ learningRate: 0.05, rho: 0.8, momentum: 0.3, centered: true, epsilon: 1e-3 })), rmspropReference(0.05, 0.8, 0.3, 1e-3, true));
  });

  it('takes rho under its TF.js name decay, and writes decay in its config', () => {
    const opt = new RMSProp({ decay: 0.5 });
    expect(opt.rho).toBe(0.5);
    expect(opt.getConfig()).toEqual({ learningRate: 0.001, decay: 0.5, momentum: 0, epsilon: 1e-7, centered: false });
    expect(() => new RMSProp({ decay: 0.5, rho: 0.5 })).toThrow('RMSProp: option given twice, as rho and as decay');
  });

  it('keeps slots rms, momentum (μ > 0) and mg (centered), in that order', () => {
    const w = variable(tensor1d([1]), true, 'rms_w');
    const full = new RMSProp({ momentum: 0.9, centered: true });
    full.apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(full.getWeights().map((x) => x.name)).toEqual(['iter', 'rms_w/rms', 'rms_w/momentum', 'rms_w/mg']);
    const plain = new RMSProp();
    plain.apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(plain.getWeights().map((x) => x.name)).toEqual(['iter', 'rms_w/rms']);
  });

  it('without momentum ignores the /momentum slots of a TF.js checkpoint', () => {
    const opt = new RMSProp();
    const w = variable(tensor1d([1]), true, 'rms_tfjs_w');
    opt.setWeights([
      { name: 'iter', tensor: tensor1d([3], 'int32').clone() },
      { name: 'rms_tfjs_w/rms', tensor: tensor1d([0.5]) },
      { name: 'rms_tfjs_w/momentum', tensor: tensor1d([0.25]) },
    ]);
    expect(opt.getWeights().map((x) => x.name)).toEqual(['iter', 'rms_tfjs_w/rms']);
    expect(opt.iterations).toBe(3);
    opt.apply([{ variable: w, gradient: tensor1d([1]) }]);
    expect(opt.iterations).toBe(4);
  });
});
