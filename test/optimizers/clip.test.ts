import { describe, expect, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import { Adam } from '../../src/optimizers/adam.js';
import { SGD } from '../../src/optimizers/sgd.js';

const f = Math.fround;

/** The gradient SGD(lr = 1) actually applied, read back from w = 0 → w = −g. */
function appliedGradients(options: ConstructorParameters<typeof SGD>[0], grads: number[][]): number[][] {
  const vars = grads.map((g) => variable(tensor1d(g.map(() => 0))));
  new SGD({ ...options, learningRate: 1 }).apply(vars.map((v, i) => ({ variable: v, gradient: tensor1d(grads[i] as number[]) })));
  return vars.map((v) => Array.from(v.values, (x) => 0 - x));
}

describe('clipNorm (Keras, per tensor)', () => {
  it('rescales a gradient of norm 5 to norm 1: [3, 4] → [0.6, 0.8]', () => {
    const [g] = appliedGradients({ clipNorm: 1 }, [[3, 4]]);
    expectSameBits(g as number[], [f(0.6), f(0.8)]);
  });

  it('leaves a gradient within the norm unchanged, and a zero gradient zero', () => {
    const [small, zero] = appliedGradients({ clipNorm: 1 }, [[0.3, 0.4], [0, 0]]);
    expectSameBits(small as number[], [f(0.3), f(0.4)]);
    expect(zero).toEqual([0, 0]);
  });

  it('clips each tensor by its own norm', () => {
    const [a, b] = appliedGradients({ clipnorm: 2 }, [[6, 8], [0.5, 0]]);
    expectSameBits(a as number[], [f(1.2), f(1.6)]);
    expectSameBits(b as number[], [0.5, 0]);
  });
});

describe('globalClipNorm (Keras)', () => {
  it('scales all gradients by clip / joint norm: [3], [4] with clip 1 → 0.6, 0.8 (within float32 rounding)', () => {
    const [a, b] = appliedGradients({ globalClipNorm: 1 }, [[3], [4]]);
    expect(Math.abs((a?.[0] as number) - 0.6)).toBeLessThan(1e-7);
    expect(Math.abs((b?.[0] as number) - 0.8)).toBeLessThan(1e-7);
  });

  it('leaves gradients within the joint norm unchanged up to float32 rounding of the scale', () => {
    const [a] = appliedGradients({ global_clipnorm: 10 }, [[3, 4]]);
    expect(Math.abs((a?.[0] as number) - 3)).toBeLessThan(3e-7);
  });

  it('turns every gradient NaN when one is infinite (as Keras does)', () => {
    const [a, b] = appliedGradients({ globalClipNorm: 1 }, [[Infinity], [1]]);
    expect(Number.isNaN(a?.[0]) && Number.isNaN(b?.[0])).toBe(true);
  });
});

describe('clipValue (Keras)', () => {
  it('clamps each element into [−c, c]', () => {
    const [g] = appliedGradients({ clipValue: 1 }, [[-3, 0.5, 2, -1]]);
    expect(g).toEqual([-1, 0.5, 1, -1]);
  });
});

describe('clipping options', () => {
  it('allow only one of clipNorm, clipValue and globalClipNorm (Keras rule)', () => {
    expect(() => new Adam({ clipNorm: 1, clipValue: 1 })).toThrow('Adam: only one of clipNorm, clipValue and globalClipNorm can be set');
  });

  it('must be positive and finite', () => {
    expect(() => new Adam({ clipNorm: 0 })).toThrow('Adam: clipNorm must be a finite number > 0, received 0');
    expect(() => new SGD({ clipvalue: -1 })).toThrow('SGD: clipvalue must be a finite number > 0, received -1');
  });

  it('appear in getConfig when set', () => {
    expect(new SGD({ clipnorm: 2 }).getConfig()).toEqual({ learningRate: 0.01, clipNorm: 2 });
  });
});

describe('weightDecay (Keras, decoupled)', () => {
  it('applies w ← w − w·wd·lr before the step: w = 1, wd = 0.1, lr = 0.5, g = 0 → 0.95', () => {
    const w = variable(tensor1d([1, -2]));
    new SGD({ learningRate: 0.5, weightDecay: 0.1 }).apply([{ variable: w, gradient: tensor1d([0, 0]) }]);
    expectSameBits(w.values, [f(1 - f(f(0.1) * 0.5)), f(-2 - f(f(-2 * f(0.1)) * 0.5))]);
    expect(Math.abs((w.values[0] as number) - 0.95)).toBeLessThan(1e-7);
  });

  it('is available on every optimizer and written to its config', () => {
    expect(new Adam({ weight_decay: 0.01 }).getConfig()).toEqual({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 });
  });
});
