import { describe, expect, it } from 'vitest';
import { io, loadLayersModel, modelToArtifacts, toPythonic } from '../../src/io/index.js';
import type { Layer, LayerClass } from '../../src/layers/index.js';
import { BUILT_IN_LAYERS, input } from '../../src/layers/index.js';
import { getBackend, ready, setBackend, setThreads } from '../../src/kernels/index.js';
import type { BackendName } from '../../src/kernels/index.js';
import { LayersModel, model } from '../../src/models/index.js';
import { mul, sum, variableGrads } from '../../src/ops/index.js';
import { Tensor, Variable } from '../../src/ops/tensor.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { bytesOf, expectSameBits } from './bits.js';
import { centralDifferences, weightedSum } from './central-differences.js';
import { LAYER_FORWARD_TOLERANCE, LAYER_GRADIENT_TOLERANCE } from './layer-harness.js';
import type { Ref } from './reference.js';
import { ref } from './reference.js';
import { distinctTensor, xorshift } from './rng.js';

/**
 * The layer harness for layers called on a list of tensors (the merge layers), the same
 * contract as `runLayerTest`: output shapes (concrete and with an unknown batch), no weights,
 * a plain-JSON config and its round trip through the class's `fromConfig` and through a saved
 * functional model, the gradient with respect to every input against float64 central
 * differences, bitwise repeatability, and the same bytes on the reference and wasm kernels
 * with 1 and 2 threads.
 */
export interface MergeTestSpec {
  make: () => Layer;
  /** One concrete shape per input, batch axis included. */
  inputShapes: number[][];
  expectedOutputShape: number[];
  /** The config keys in emitted order (TF.js). */
  configKeys: readonly string[];
  /** The layer in float64. */
  reference: (xs: readonly Ref[]) => Ref;
}

/** Inputs whose values are pairwise apart, so maximum/minimum have no ties near a difference step. */
function inputsOf(spec: MergeTestSpec): Tensor[] {
  const rng = xorshift(53);
  return spec.inputShapes.map((s) => distinctTensor(rng, s, 0.07));
}

function checkShapes(spec: MergeTestSpec): void {
  const layer = spec.make();
  const y = layer.apply(inputsOf(spec)) as Tensor;
  expect(y.shape, 'apply output shape').toEqual(spec.expectedOutputShape);
  expect(layer.computeOutputShape(spec.inputShapes)).toEqual(spec.expectedOutputShape);
  expect(layer.computeOutputShape(spec.inputShapes.map((s) => [null, ...s.slice(1)]))).toEqual([null, ...spec.expectedOutputShape.slice(1)]);
  const symbolic = layer.apply(spec.inputShapes.map((s) => input({ shape: s.slice(1) })));
  expect((symbolic as { shape: unknown }).shape).toEqual([null, ...spec.expectedOutputShape.slice(1)]);
  expect(layer.weights).toHaveLength(0);
  expect(layer.weightShapes(spec.inputShapes)).toEqual([]);
}

function checkConfig(spec: MergeTestSpec): void {
  const layer = spec.make();
  const config = layer.getConfig();
  expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  expect(Object.keys(config)).toEqual(spec.configKeys);
  const cls = layer.constructor as unknown as LayerClass;
  expect(BUILT_IN_LAYERS, `${cls.className} is in the registry list`).toContain(cls);
  const copy = (cls.fromConfig as NonNullable<LayerClass['fromConfig']>)(cls, toPythonic(config));
  expect(copy.constructor).toBe(layer.constructor);
  expect(copy.getConfig()).toEqual(config);
}

async function checkSaveLoad(spec: MergeTestSpec): Promise<void> {
  const layer = spec.make();
  const inputs = spec.inputShapes.map((s) => input({ shape: s.slice(1) }));
  const m = model({ inputs, outputs: layer.apply(inputs) });
  const loaded = await loadLayersModel<LayersModel>(io.fromMemory(modelToArtifacts(m)));
  const copy = loaded.getLayer(layer.name);
  expect(copy.constructor).toBe(layer.constructor);
  expect(copy.getConfig()).toEqual(layer.getConfig());
  const xs = inputsOf(spec);
  expect(Array.from(bytesOf(loaded.predict(xs) as Tensor))).toEqual(Array.from(bytesOf(m.predict(xs) as Tensor)));
}

function checkGradient(spec: MergeTestSpec): void {
  const layer = spec.make();
  const xs = inputsOf(spec);
  const y = layer.apply(xs) as Tensor;
  const refs = xs.map(ref);
  const r = spec.reference(refs);
  expect(y.shape).toEqual(r.shape);
  let scale = 0;
  for (const v of r.data) scale = Math.max(scale, Math.abs(v));
  y.values.forEach((v, i) => expect(Math.abs(v - (r.data[i] as number)), `forward element ${i}`).toBeLessThanOrEqual(LAYER_FORWARD_TOLERANCE * Math.max(scale, 1e-30)));
  const rng = xorshift(31);
  const w = new Float32Array(y.size).map(() => Math.fround(rng.uniform(-1, 1)));
  const vars = xs.map((x, i) => new Variable(x, true, `x${i}`, 'float32'));
  const { grads } = variableGrads(() => sum(mul(layer.apply(vars) as Tensor, new Tensor(w, y.shape, 'float32'))), vars);
  vars.forEach((v, j) => {
    const target = refs[j] as Ref;
    const numeric = centralDifferences(target, () => weightedSum(spec.reference(refs), w));
    let gScale = 0;
    for (const g of numeric) gScale = Math.max(gScale, Math.abs(g));
    const analytic = grads[v.name]?.values ?? new Float32Array(numeric.length);
    let error = 0;
    analytic.forEach((a, e) => (error = Math.max(error, Math.abs(a - (numeric[e] as number)))));
    expect(error, `gradient of input ${j} (scale ${gScale})`).toBeLessThanOrEqual(LAYER_GRADIENT_TOLERANCE * Math.max(gScale, 1e-3));
  });
}

async function checkBackends(spec: MergeTestSpec): Promise<void> {
  const xs = inputsOf(spec);
  const run = async (backend: BackendName, threads: number): Promise<Tensor> => {
    setBackend(backend);
    setThreads(threads);
    await ready();
    expect(getBackend()).toBe(backend);
    setRandomSeed(1234);
    return spec.make().apply(xs) as Tensor;
  };
  const previous = getBackend();
  try {
    const reference = await run('reference', 1);
    for (const threads of [1, 2]) expectSameBits((await run('wasm', threads)).values, reference.values, `wasm, ${threads} thread(s)`);
  } finally {
    setBackend(previous);
    setThreads(1);
    await ready();
  }
}

/**
 * Registers the merge-layer contract for one configuration as a describe block.
 * @example runMergeLayerTest('add of two', { make: () => layers.add(), inputShapes: [[2, 3], [2, 3]], expectedOutputShape: [2, 3], configKeys: ['name', 'trainable'], reference: ([a, b]) => zip(a, b, (p, q) => p + q) })
 */
export function runMergeLayerTest(title: string, spec: MergeTestSpec): void {
  describe(title, () => {
    it('gives the expected output shape from apply, computeOutputShape and on symbolic inputs, with no weights', () => checkShapes(spec));
    it('returns a plain-JSON config with the TF.js keys that comes back through fromConfig', () => checkConfig(spec));
    it('comes back from a saved functional model with the same config and output bits', () => checkSaveLoad(spec));
    it('matches its float64 reference and has gradients matching central differences for every input', () => checkGradient(spec));
    it('gives the same output bits twice, and on reference and wasm with 1 and 2 threads', async () => {
      const xs = inputsOf(spec);
      expectSameBits((spec.make().apply(xs) as Tensor).values, (spec.make().apply(xs) as Tensor).values);
      await checkBackends(spec);
    });
  });
}
