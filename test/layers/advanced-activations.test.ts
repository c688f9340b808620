import { describe, expect, it } from 'vitest';
import { ELU, LeakyReLU, PReLU, ReLU, Softmax, ThresholdedReLU, layers } from '../../src/layers/index.js';
import type { LayerClass } from '../../src/layers/index.js';
import { tensor, tensor2d } from '../../src/ops/create.js';
import { sequential } from '../../src/models/index.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';
import { coordsOf } from '../helpers/reference.js';

/** An elementwise float64 reference. */
const each = (f: (v: number) => number) => (x: Ref): Ref => ({ shape: x.shape.slice(), data: x.data.map(f) });

/** Keras 3 `activations.relu` in float64: (x > t ? x : 0) clipped to [0, max], minus s·max(t − x, 0). */
const kerasRelu = (max: number | null, s: number, t: number) => (v: number): number => {
  let y = v > t ? v : 0;
  if (max !== null) y = Math.min(Math.max(y, 0), max);
  return y - s * Math.max(t - v, 0);
};

/** Softmax over `axes` (non-negative) in float64: exp(x − max) / Σ exp(x − max) within each slice. */
function softmaxRef(axes: readonly number[]) {
  return (x: Ref): Ref => {
    const key = (i: number): string => coordsOf(i, x.shape).map((c, a) => (axes.includes(a) ? '*' : c)).join(',');
    const groups = new Map<string, number[]>();
    x.data.forEach((_, i) => { const k = key(i); groups.set(k, [...(groups.get(k) ?? []), i]); });
    const out = new Float64Array(x.data.length);
    for (const idx of groups.values()) {
      const peak = Math.max(...idx.map((i) => x.data[i] as number));
      const total = idx.reduce((t, i) => t + Math.exp((x.data[i] as number) - peak), 0);
      for (const i of idx) out[i] = Math.exp((x.data[i] as number) - peak) / total;
    }
    return { shape: x.shape.slice(), data: out };
  };
}

/** PReLU in float64: alpha broadcast over the batch axis (and over its extent-1 shared axes). */
function preluRef(x: Ref, [alpha]: readonly Ref[]): Ref {
  const a = alpha as Ref;
  const data = x.data.map((v, i) => {
    const c = coordsOf(i, x.shape).slice(1).map((ci, k) => ((a.shape[k] as number) === 1 ? 0 : ci));
    const j = c.reduce((flat, ci, k) => flat * (a.shape[k] as number) + ci, 0);
    return v > 0 ? v : (a.data[j] as number) * v;
  });
  return { shape: x.shape.slice(), data };
}

const keys = (...own: string[]): string[] => [...own, 'name', 'trainable'];

describe('advanced activation layers: the layer contract', () => {
  runLayerTest('reLU', { make: () => layers.reLU(), inputShape: [3, 5], expectedOutputShape: [3, 5], configKeys: keys('max_value'), gradient: { reference: each((v) => Math.max(v, 0)) } });
  runLayerTest('reLU with maxValue', { make: () => layers.reLU({ maxValue: 0.5 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], configKeys: keys('max_value'), gradient: { reference: each(kerasRelu(0.5, 0, 0)) } });
  runLayerTest('reLU with Keras 3 negativeSlope and threshold', {
    make: () => layers.reLU({ maxValue: 0.8, negativeSlope: 0.25, threshold: 0.1 }), inputShape: [3, 5], expectedOutputShape: [3, 5],
    configKeys: keys('max_value', 'negative_slope', 'threshold'), gradient: { reference: each(kerasRelu(0.8, 0.25, 0.1)) },
  });
  runLayerTest('reLU with negativeSlope alone (leakyRelu)', { make: () => layers.reLU({ negativeSlope: 0.5 }), inputShape: [3, 5], expectedOutputShape: [3, 5], gradient: { reference: each(kerasRelu(null, 0.5, 0)) } });
  runLayerTest('leakyReLU (default alpha 0.3)', { make: () => layers.leakyReLU(), inputShape: [3, 5], expectedOutputShape: [3, 5], configKeys: keys('alpha'), gradient: { reference: each((v) => (v > 0 ? v : 0.3 * v)) } });
  runLayerTest('leakyReLU alpha 0.05', { make: () => layers.leakyReLU({ alpha: 0.05 }), inputShape: [2, 2, 3], expectedOutputShape: [2, 2, 3], gradient: { reference: each((v) => (v > 0 ? v : 0.05 * v)) } });
  runLayerTest('elu', { make: () => layers.elu(), inputShape: [3, 5], expectedOutputShape: [3, 5], configKeys: keys('alpha'), gradient: { reference: each((v) => (v > 0 ? v : Math.expm1(v))) } });
  runLayerTest('elu alpha 0.7', { make: () => layers.elu({ alpha: 0.7 }), inputShape: [3, 5], expectedOutputShape: [3, 5], gradient: { reference: each((v) => (v > 0 ? v : 0.7 * Math.expm1(v))) } });
  runLayerTest('thresholdedReLU', { make: () => layers.thresholdedReLU(), inputShape: [3, 5], expectedOutputShape: [3, 5], configKeys: keys('theta'), input: () => tensor2d([[-2, 0.5, 1.5, 3, -0.25], [2.5, 0.9, 1.1, -1, 4], [1.3, 0.2, 2, 0.7, 1.7]]), gradient: { reference: each((v) => (v > 1 ? v : 0)) } });
  runLayerTest('thresholdedReLU theta 0.25', { make: () => layers.thresholdedReLU({ theta: 0.25 }), inputShape: [3, 5], expectedOutputShape: [3, 5], gradient: { reference: each((v) => (v > 0.25 ? v : 0)) } });
  runLayerTest('softmax (last axis)', { make: () => layers.softmax(), inputShape: [3, 5], expectedOutputShape: [3, 5], configKeys: keys('axis'), gradient: { reference: softmaxRef([1]) } });
  runLayerTest('softmax over axis 1 of a rank-3 input', { make: () => layers.softmax({ axis: 1 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], gradient: { reference: softmaxRef([1]) } });
  runLayerTest('softmax over axes [1, 2]', { make: () => layers.softmax({ axis: [1, 2] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], gradient: { reference: softmaxRef([1, 2]) } });
  runLayerTest('prelu (alpha initialized to zeros)', {
    make: () => layers.prelu(), inputShape: [3, 4], expectedOutputShape: [3, 4], expectedWeights: [{ name: 'alpha', shape: [4] }],
    configKeys: keys('alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'), gradient: { reference: preluRef },
  });
  runLayerTest('prelu with random alpha shared over the spatial axes', {
    make: () => layers.prelu({ alphaInitializer: 'randomNormal', sharedAxes: [1, 2] }), inputShape: [2, 3, 3, 2], expectedOutputShape: [2, 3, 3, 2],
    expectedWeights: [{ name: 'alpha', shape: [1, 1, 2] }], gradient: { reference: preluRef },
  });
  runLayerTest('prelu with random alpha, one per element, a regularizer and a constraint', {
    make: () => layers.prelu({ alphaInitializer: 'randomUniform', alphaRegularizer: 'l2', alphaConstraint: 'nonNeg', sharedAxes: 2 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4],
    expectedWeights: [{ name: 'alpha', shape: [3, 1] }], gradient: { reference: preluRef },
  });
});

describe('advanced activation layers: options', () => {
  it('use the TF.js defaults: leakyReLU alpha 0.3, elu alpha 1, thresholdedReLU theta 1, reLU no maxValue, softmax axis -1, prelu zeros', () => {
    expect(layers.leakyReLU().alpha).toBe(0.3);
    expect(layers.elu().alpha).toBe(1);
    expect(layers.thresholdedReLU().theta).toBe(1);
    expect(layers.reLU().maxValue).toBeNull();
    expect(layers.softmax().axis).toBe(-1);
    const p = layers.prelu();
    expect(p.apply(tensor2d([[-1, 2]])).arraySync()).toEqual([[-0, 2]]);
    expect(p.sharedAxes).toBeNull();
  });

  it('refuse unknown option keys, naming the layer and the key (a Keras spelling too)', () => {
    expect(() => layers.leakyReLU({ negative_slope: 0.1 } as never)).toThrow(/^leaky_re_lu(_\d+)?: unknown option 'negative_slope'; expected one of alpha, name/);
    expect(() => layers.reLU({ max_value: 6 } as never)).toThrow(/re_lu(_\d+)?: unknown option 'max_value'; expected one of maxValue, negativeSlope, threshold, name/);
    expect(() => layers.elu({ alpah: 0.5 } as never)).toThrow(/elu(_\d+)?: unknown option 'alpah'/);
    expect(() => layers.prelu({ shared_axes: [1] } as never)).toThrow(/p_re_lu(_\d+)?: unknown option 'shared_axes'/);
    expect(() => layers.softmax({ dim: 1 } as never)).toThrow(/softmax(_\d+)?: unknown option 'dim'/);
    expect(() => layers.thresholdedReLU({ threshold: 1 } as never)).toThrow(/thresholded_re_lu(_\d+)?: unknown option 'threshold'/);
    expect(() => layers.leakyReLU(0.1 as never)).toThrow(/leaky_re_lu(_\d+)?: expected an options object \{alpha, .*Received: 0\.1; write .*\{ alpha: 0\.1 \}/);
  });

  it('refuse bad values, naming the layer, the option and what was received', () => {
    expect(() => layers.leakyReLU({ alpha: -0.1, name: 'lr' })).toThrow('lr: alpha must be a finite number >= 0. Received: alpha=-0.1');
    expect(() => layers.leakyReLU({ alpha: '0.1' as never, name: 'lr' })).toThrow('lr: alpha must be a finite number >= 0. Received: alpha="0.1"');
    expect(() => layers.elu({ alpha: NaN, name: 'e' })).toThrow('e: alpha must be a finite number. Received: alpha=NaN');
    expect(() => layers.thresholdedReLU({ theta: -1, name: 't' })).toThrow('t: theta must be a finite number >= 0. Received: theta=-1');
    expect(() => layers.reLU({ maxValue: -6, name: 'r' })).toThrow('r: maxValue must be a number >= 0 or null. Received: maxValue=-6');
    expect(() => layers.reLU({ threshold: -1, name: 'r2' })).toThrow('r2: threshold must be a finite number >= 0. Received: threshold=-1');
    expect(() => layers.softmax({ axis: 1.5, name: 's' })).toThrow('s: axis must be an integer or a non-empty array of integers. Received: axis=1.5');
    expect(() => layers.softmax({ axis: [], name: 's2' })).toThrow(/s2: axis must be an integer or a non-empty array/);
    expect(() => layers.prelu({ sharedAxes: [0], name: 'p' })).toThrow('p: sharedAxes must be an integer >= 1 or an array of them (axis 0 is the batch). Received: sharedAxes=[0]');
  });

  it('refuse inputs that do not fit, naming the layer and the shapes', () => {
    expect(() => layers.softmax({ axis: 2, name: 's3' }).apply(tensor2d([[1, 2]]))).toThrow('s3: axis 2 does not fit an input of rank 2; expected distinct axes in [-2, 1]');
    expect(() => layers.prelu({ sharedAxes: 3, name: 'p2' }).apply(tensor2d([[1, 2]]))).toThrow(/p2: sharedAxes \[3\] names axis 3, but the input \[1, 2\] has rank 2/);
    const p = layers.prelu({ name: 'p3' });
    p.apply(tensor2d([[1, 2]]));
    expect(() => p.apply(tensor2d([[1, 2, 3]]))).toThrow('p3: built for inputs [batch, 2] (shared axes of extent 1), received [1, 3]');
    expect(() => layers.prelu({ name: 'p4' }).apply(tensor([1, 2]))).toThrow('p4: expected input of rank >= 2 [batch, ...features], received [2]');
  });

  it('softmax refuses an input mask that does not broadcast to its input, as Keras 3 (embedding with maskZero, then softmax)', () => {
    const model = sequential({ layers: [layers.embedding({ inputDim: 5, outputDim: 4, maskZero: true, inputLength: 3 }), layers.softmax({ name: 'sm' })] });
    expect(() => model.predict(tensor2d([[1, 0, 2], [3, 4, 0]]))).toThrow('sm: the input mask of shape [2, 3] does not broadcast to the input [2, 3, 4]; expected each mask extent 1 or the input\'s, aligned from the last axis (as Keras 3)');
  });

  it('a prelu sharing an axis takes inputs of any extent on it', () => {
    const p = layers.prelu({ sharedAxes: 1, alphaInitializer: 'ones' });
    expect(p.apply(tensor([[[-1, 2]], [[3, -4]]], [2, 1, 2])).arraySync()).toEqual([[[-1, 2]], [[3, -4]]]);
    expect(p.apply(tensor([-1, 2, 3, -4, 5, 6], [1, 3, 2])).shape).toEqual([1, 3, 2]);
  });
});

describe('advanced activation layers: model files', () => {
  const load = (cls: LayerClass, config: Record<string, unknown>) => (cls.fromConfig as NonNullable<LayerClass['fromConfig']>)(cls, config as never);

  it('LeakyReLU reads alpha (TF.js, Keras 2) and negative_slope (Keras 3); both given must agree', () => {
    expect((load(LeakyReLU as unknown as LayerClass, { alpha: 0.2 }) as LeakyReLU).alpha).toBe(0.2);
    expect((load(LeakyReLU as unknown as LayerClass, { negative_slope: 0.1 }) as LeakyReLU).alpha).toBe(0.1);
    expect(() => load(LeakyReLU as unknown as LayerClass, { alpha: 0.2, negative_slope: 0.1 })).toThrow(/LeakyReLU config: negative_slope must be equal to alpha \(0.2\) when both are given, received negative_slope=0.1/);
  });

  it('ReLU reads Keras 3 negative_slope and threshold; PReLU a single shared axis; config type errors name the class and key', () => {
    const r = load(ReLU as unknown as LayerClass, { max_value: 6, negative_slope: 0.1, threshold: 0.5 }) as ReLU;
    expect([r.maxValue, r.negativeSlope, r.threshold]).toEqual([6, 0.1, 0.5]);
    expect((load(PReLU as unknown as LayerClass, { shared_axes: 1 }) as PReLU).sharedAxes).toEqual([1]);
    expect(() => load(ELU as unknown as LayerClass, { alpha: '1' })).toThrow(/ELU config: alpha must be a number, received alpha=/);
    expect(() => load(Softmax as unknown as LayerClass, { axis: 'last' })).toThrow(/Softmax config: axis must be an integer or a list of integers/);
    expect(() => load(ThresholdedReLU as unknown as LayerClass, { theta: -2 })).toThrow(/theta must be a finite number >= 0. Received: theta=-2/);
  });
});
