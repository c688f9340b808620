import { describe, expect, it } from 'vitest';
import type { ModelArtifacts } from '../../src/io/index.js';
import { artifactsInfo, io, loadLayersModel, saveModel, toPythonic, withSaveHandler } from '../../src/io/index.js';
import type { CallContext, Layer, LayerClass, SymbolicShape } from '../../src/layers/index.js';
import { BUILT_IN_LAYERS, InputLayer, layers } from '../../src/layers/index.js';
import { Sequential } from '../../src/models/index.js';
import { mul, sum, variableGrads } from '../../src/ops/index.js';
import { key } from '../../src/random/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { Tensor, Variable } from '../../src/ops/tensor.js';
import { expectSameBits } from './bits.js';
import { centralDifferences, weightedSum } from './central-differences.js';
import type { Ref } from './reference.js';
import { erf64, ref } from './reference.js';
import { randomTensor, xorshift } from './rng.js';

/**
 * The one layer test harness (STYLE.md point 5). Every layer passes the same checks: output
 * shapes of `apply` and `computeOutputShape`, weight names / shapes / counts (as `weightShapes`
 * plans them), a plain-JSON config with the TF.js keys, the config round trip through the class's
 * static `fromConfig` and through save/load, the gradient against float64 central differences,
 * and bitwise repeatability under `setRandomSeed`.
 */

/** A weight the layer must create: short name (`kernel`) and shape. */
export interface ExpectedWeight {
  name: string;
  shape: number[];
  /** False for weights that never train (BatchNormalization's moving statistics); default true. */
  trainable?: boolean;
}

/** The float64 re-implementation of a layer, written in the test, for the gradient check. */
export interface GradientSpec {
  /**
   * The layer's output in float64 from the input and the weights (in `layer.weights` order).
   * `layer` is the layer under test, already built; `probe` runs it in the harness's fixed
   * call context (e.g. to read a dropout mask).
   */
  reference: (x: Ref, weights: readonly Ref[], probe: (t: Tensor) => Tensor) => Ref;
  /** Differentiate with respect to the input too (default true; false for index inputs). */
  wrtInput?: boolean;
}

/** What `runLayerTest` checks. */
export interface LayerTestSpec {
  /** Builds a fresh, unbuilt layer (called several times). */
  make: () => Layer;
  /** Concrete input shape, batch axis included. */
  inputShape: number[];
  /** Output shape for that input. */
  expectedOutputShape: number[];
  /** Weights in creation order (default: none). */
  expectedWeights?: readonly ExpectedWeight[];
  /** Call in training mode (default false). */
  training?: boolean;
  /** The input; default uniform values in [-1, 1) from a seeded generator. */
  input?: () => Tensor;
  /** The exact config keys in emitted order, where REFERENCE.md §1 lists them. */
  configKeys?: readonly string[];
  /** The float64 reference for the gradient check, or false to skip it (say why in the test). */
  gradient: GradientSpec | false;
  /** Seed for `setRandomSeed` (default 1234). */
  seed?: number;
}

const DEFAULT_SEED = 1234;

/**
 * Gradient tolerance: |analytic − numerical| ≤ 1e-3 · max(max|numerical|, 1e-3) per element.
 * The layer runs in float32 (unit roundoff 6e-8); the numerical gradient is a float64 central
 * difference of the float64 reference, so a correct gradient is off by ~1e-6 relative and a
 * wrong formula by O(1).
 */
export const LAYER_GRADIENT_TOLERANCE = 1e-3;
/** Forward tolerance of the float32 layer against its float64 reference, relative to max|ref|. */
export const LAYER_FORWARD_TOLERANCE = 1e-5;

/** The call context the gradient check uses: fixed step 0 and a fixed seed key. */
export function fixedContext(training: boolean): CallContext {
  return { training, step: 0, seedKey: key(DEFAULT_SEED) };
}

function inputOf(spec: LayerTestSpec): Tensor {
  return spec.input ? spec.input() : randomTensor(xorshift(97), spec.inputShape, { lo: -1, hi: 1 });
}

/** A fresh layer built under `seed`, with its first output for `x`. */
export function buildUnderSeed(spec: LayerTestSpec, seed: number, x: Tensor): { layer: Layer; y: Tensor } {
  setRandomSeed(seed);
  const layer = spec.make();
  const y = layer.apply(x, { training: spec.training ?? false }) as Tensor;
  return { layer, y };
}

/** `apply` and `computeOutputShape` agree with the expected output shape. */
export function checkShapes(spec: LayerTestSpec): void {
  const x = inputOf(spec);
  expect(x.shape, 'input shape of the test').toEqual(spec.inputShape);
  const { layer, y } = buildUnderSeed(spec, spec.seed ?? DEFAULT_SEED, x);
  expect(y.shape, 'apply output shape').toEqual(spec.expectedOutputShape);
  expect(layer.computeOutputShape(spec.inputShape), 'computeOutputShape').toEqual(spec.expectedOutputShape);
  const symbolic: SymbolicShape = [null, ...spec.inputShape.slice(1)];
  expect(layer.computeOutputShape(symbolic), 'computeOutputShape with unknown batch').toEqual([null, ...spec.expectedOutputShape.slice(1)]);
  expect(layer.built).toBe(true);
}

/** Weight variables are named `<layer name>/<weight>`, with the expected shapes and counts. */
export function checkWeights(spec: LayerTestSpec): void {
  const { layer } = buildUnderSeed(spec, spec.seed ?? DEFAULT_SEED, inputOf(spec));
  const expected = spec.expectedWeights ?? [];
  expect(layer.weights.map((v) => v.name)).toEqual(expected.map((w) => `${layer.name}/${w.name}`));
  expect(layer.weights.map((v) => v.shape)).toEqual(expected.map((w) => w.shape));
  expect(layer.weightShapes(spec.inputShape), 'weightShapes (the weight plan of model files)').toEqual(expected.map((w) => ({ name: w.name, shape: w.shape })));
  expect(layer.countParams()).toBe(expected.reduce((n, w) => n + w.shape.reduce((p, d) => p * d, 1), 0));
  const fixed = expected.filter((w) => w.trainable === false).length;
  expect(layer.trainableWeights.length).toBe(expected.length - fixed);
  expect(layer.nonTrainableWeights.length).toBe(fixed);
  expect(layer.getWeights().map((t) => t.shape)).toEqual(expected.map((w) => w.shape));
  layer.trainable = false;
  expect(layer.trainableWeights.length).toBe(0);
  expect(layer.nonTrainableWeights.length).toBe(expected.length);
}

/** `getConfig()` is plain JSON, names the layer, and has the TF.js keys in order where given. */
export function checkConfig(spec: LayerTestSpec): void {
  const { layer } = buildUnderSeed(spec, spec.seed ?? DEFAULT_SEED, inputOf(spec));
  const config = layer.getConfig();
  expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  expect(config['name']).toBe(layer.name);
  expect(config['trainable']).toBe(true);
  if (spec.configKeys) expect(Object.keys(config)).toEqual(spec.configKeys);
  const keys = Object.keys(config);
  if (layer.batchInputShape) expect(keys.slice(-4)).toEqual(['name', 'trainable', 'batch_input_shape', 'dtype']);
  else expect(keys.slice(-2)).toEqual(['name', 'trainable']);
}

/**
 * The config as a model file spells it comes back through the class's static `fromConfig`
 * (the registry's entry for the class name): the same class, the same config.
 */
export function checkFromConfig(spec: LayerTestSpec): void {
  const { layer } = buildUnderSeed(spec, spec.seed ?? DEFAULT_SEED, inputOf(spec));
  const cls = layer.constructor as unknown as LayerClass;
  expect(BUILT_IN_LAYERS, `${cls.className} is in the registry list`).toContain(cls);
  expect(cls.className).toBe(layer.className);
  const copy = (cls.fromConfig as NonNullable<LayerClass['fromConfig']>)(cls, toPythonic(layer.getConfig()));
  expect(copy.constructor).toBe(layer.constructor);
  expect(copy.getConfig()).toEqual(layer.getConfig());
}

function bits(t: Tensor): number[] {
  const v = t.dataSync();
  return Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
}

/**
 * A one-layer model saved in the TF.js format and loaded back: the layer's config (plus the
 * input shape TF.js keeps on a first layer), its weight bits and its output bits. An InputLayer
 * is not a layer of a Sequential file: its shape comes back as the model's input shape.
 */
export async function checkSaveLoad(spec: LayerTestSpec): Promise<void> {
  const x = inputOf(spec);
  const { layer } = buildUnderSeed(spec, spec.seed ?? DEFAULT_SEED, x);
  const isInput = layer instanceof InputLayer;
  const model = new Sequential({ layers: isInput ? [layer, layers.activation({ activation: 'linear' })] : [layer] });
  if (!model.built) model.build([null, ...spec.inputShape.slice(1)]);
  let saved: ModelArtifacts | undefined;
  await saveModel(model, withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: artifactsInfo(a) };
  }));
  const loaded = await loadLayersModel(io.fromMemory(saved as ModelArtifacts));
  expect(loaded.inputShape).toEqual(model.inputShape);
  if (isInput) return;
  const copy = loaded.layers[0] as Layer;
  expect(copy.constructor).toBe(layer.constructor);
  const expected = layer.getConfig();
  if (expected['batch_input_shape'] === undefined) Object.assign(expected, { batch_input_shape: model.inputShape, dtype: layer.dtype });
  expect(copy.getConfig()).toEqual(expected);
  expect(copy.weights.map(bits)).toEqual(layer.weights.map(bits));
  expect(bits(loaded.predict(x))).toEqual(bits(model.predict(x)));
}

/** Same seed: identical weight bits and output bits; another seed: other random weights. */
export function checkRepeatable(spec: LayerTestSpec): void {
  const seed = spec.seed ?? DEFAULT_SEED;
  const x = inputOf(spec);
  const a = buildUnderSeed(spec, seed, x);
  const b = buildUnderSeed(spec, seed, x);
  a.layer.weights.forEach((v, i) => expectSameBits(b.layer.weights[i]?.values ?? [], v.values, v.name));
  expect(b.y.dtype).toBe(a.y.dtype);
  expectSameBits(b.y.values, a.y.values, 'output');
  const c = buildUnderSeed(spec, seed + 1, x);
  const random = a.layer.weights.filter((v) => new Set(v.values).size > 1);
  for (const v of random) {
    const other = c.layer.weights[a.layer.weights.indexOf(v)] as Tensor;
    expect(Array.from(other.values), `${v.name} under another seed`).not.toEqual(Array.from(v.values));
  }
}

/**
 * Checks the forward pass against the float64 reference, then the gradient of L = Σ w·layer(x)
 * (random float32 w) with respect to the input and every weight against float64 central
 * differences of L on the reference. Returns the largest relative gradient error.
 */
export function checkGradient(spec: LayerTestSpec, gradient: GradientSpec): number {
  const training = spec.training ?? false;
  const x = inputOf(spec);
  const { layer } = buildUnderSeed(spec, spec.seed ?? DEFAULT_SEED, x);
  const ctx = fixedContext(training);
  const probe = (t: Tensor): Tensor => layer.invoke(t, ctx) as Tensor;
  const wrtInput = gradient.wrtInput ?? true;
  const xVar = new Variable(x, true, undefined, x.dtype);
  const y = layer.invoke(wrtInput ? xVar : x, ctx) as Tensor;
  const xRef = ref(x);
  const wRefs = layer.weights.map(ref);
  const r = gradient.reference(xRef, wRefs, probe);
  expect(y.shape, 'reference shape').toEqual(r.shape);
  let scale = 0;
  for (const v of r.data) scale = Math.max(scale, Math.abs(v));
  y.values.forEach((v, i) => {
    expect(Math.abs(v - (r.data[i] as number)), `forward element ${i}`).toBeLessThanOrEqual(LAYER_FORWARD_TOLERANCE * Math.max(scale, 1e-30));
  });

  const rng = xorshift(31);
  const w = new Float32Array(y.size).map(() => Math.fround(rng.uniform(-1, 1)));
  const dy = new Tensor(w, y.shape, 'float32');
  const vars = [...(wrtInput ? [xVar] : []), ...layer.weights];
  const refs = [...(wrtInput ? [xRef] : []), ...wRefs];
  if (vars.length === 0) return 0;
  const { grads } = variableGrads(() => sum(mul(layer.invoke(wrtInput ? xVar : x, ctx) as Tensor, dy)), vars);
  let worst = 0;
  vars.forEach((v, j) => {
    const target = refs[j] as Ref;
    const numeric = centralDifferences(target, () => weightedSum(gradient.reference(xRef, wRefs, probe), w));
    let gScale = 0;
    for (const g of numeric) gScale = Math.max(gScale, Math.abs(g));
    const g = grads[v.name];
    const analytic = g ? g.values : new Float32Array(numeric.length);
    expect(analytic.length, `gradient of ${v.name}: size`).toBe(numeric.length);
    let error = 0;
    analytic.forEach((a, e) => { error = Math.max(error, Math.abs(a - (numeric[e] as number))); });
    const allowed = LAYER_GRADIENT_TOLERANCE * Math.max(gScale, 1e-3);
    expect(error, `gradient of ${j === 0 && wrtInput ? 'the input' : v.name}: max |analytic − numerical| (scale ${gScale})`).toBeLessThanOrEqual(allowed);
    worst = Math.max(worst, error / Math.max(gScale, 1e-3));
  });
  return worst;
}

/**
 * Registers the layer contract for one configuration as a describe block of seven tests.
 * @example runLayerTest('dense with bias', { make: () => layers.dense({ units: 3 }), inputShape: [2, 4], expectedOutputShape: [2, 3], expectedWeights: [{ name: 'kernel', shape: [4, 3] }, { name: 'bias', shape: [3] }], gradient: { reference: denseRef } })
 */
export function runLayerTest(title: string, spec: LayerTestSpec): void {
  describe(title, () => {
    it('gives the expected output shape from apply and from computeOutputShape', () => checkShapes(spec));
    it('creates weights named <layer>/<weight> with the expected shapes and parameter count', () => checkWeights(spec));
    it('returns a plain-JSON config with the TF.js keys', () => checkConfig(spec));
    it('comes back from its file config through the static fromConfig', () => checkFromConfig(spec));
    it('comes back from save/load with the same config, weight bits and output bits', () => checkSaveLoad(spec));
    const { gradient } = spec;
    if (gradient) it('has gradients matching float64 central differences', () => { checkGradient(spec, gradient); });
    it('builds identical weight and output bits after the same setRandomSeed', () => checkRepeatable(spec));
  });
}

const sigmoid64 = (v: number): number => 1 / (1 + Math.exp(-v));
const softplus64 = (v: number): number => (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));
const SELU_ALPHA = 1.6732632423543772; // Klambauer et al. 2017, as Keras
const SELU_SCALE = 1.0507009873554805;

/** Elementwise activations in float64 (Keras 3 definitions; leakyRelu slope 0.2 as TF.js/Keras). */
const ELEMENTWISE: Record<string, (v: number) => number> = {
  linear: (v) => v,
  relu: (v) => Math.max(v, 0),
  relu6: (v) => Math.min(Math.max(v, 0), 6),
  sigmoid: sigmoid64,
  hardSigmoid: (v) => Math.min(Math.max(v + 3, 0), 6) / 6,
  tanh: Math.tanh,
  elu: (v) => (v > 0 ? v : Math.expm1(v)),
  selu: (v) => SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v)),
  softplus: softplus64,
  softsign: (v) => v / (1 + Math.abs(v)),
  swish: (v) => v * sigmoid64(v),
  gelu: (v) => 0.5 * v * (1 + erf64(v / Math.SQRT2)),
  leakyRelu: (v) => (v > 0 ? v : 0.2 * v),
  exponential: Math.exp,
  mish: (v) => v * Math.tanh(softplus64(v)),
};

/** Every activation id the layers accept in TF.js spelling. */
export const ACTIVATION_IDS: readonly string[] = [...Object.keys(ELEMENTWISE), 'softmax', 'logSoftmax'];

/**
 * The float64 reference of activation `id` applied to x (softmax and logSoftmax over the last
 * axis).
 */
export function activationRef(id: string, x: Ref): Ref {
  const f = ELEMENTWISE[id];
  if (f) return { shape: x.shape.slice(), data: x.data.map(f) };
  const n = x.shape[x.shape.length - 1] as number;
  const out = new Float64Array(x.data.length);
  for (let row = 0; row < x.data.length; row += n) {
    let peak = -Infinity;
    for (let i = 0; i < n; i++) peak = Math.max(peak, x.data[row + i] as number);
    let total = 0;
    for (let i = 0; i < n; i++) total += Math.exp((x.data[row + i] as number) - peak);
    for (let i = 0; i < n; i++) {
      const z = (x.data[row + i] as number) - peak;
      out[row + i] = id === 'softmax' ? Math.exp(z) / total : z - Math.log(total);
    }
  }
  if (id !== 'softmax' && id !== 'logSoftmax') throw new Error(`activationRef: no reference for '${id}'`);
  return { shape: x.shape.slice(), data: out };
}
