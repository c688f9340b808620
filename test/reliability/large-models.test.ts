import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dense, layers, sequential } from '../../src/node.js';
import { fromMemory, loadLayersModel } from '../../src/io/index.js';

/** The topology of `n` Dense layers of one unit, the first declaring input [null, 1]. */
function denseStack(n: number): object {
  const list = Array.from({ length: n }, (_, i) => ({ class_name: 'Dense', config: { name: `d${i}`, units: 1, ...(i === 0 ? { batch_input_shape: [null, 1] } : {}) } }));
  return { class_name: 'Sequential', config: { name: 'stack', layers: list } };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('adding layers to a Sequential is O(1) amortized', () => {
  it('each add builds and computes the shape of the new layer only, not of every layer again', () => {
    const shapes = vi.spyOn(Dense.prototype, 'computeOutputShape');
    const builds = vi.spyOn(Dense.prototype, 'ensureBuilt');
    const n = 500;
    const model = sequential();
    model.add(layers.dense({ units: 1, inputShape: [1] }));
    for (let i = 1; i < n; i++) model.add(layers.dense({ units: 1 }));
    expect(model.built).toBe(true);
    expect(builds.mock.calls.length).toBeLessThanOrEqual(2 * n);
    expect(shapes.mock.calls.length).toBeLessThanOrEqual(2 * n);
  });

  it('the layers still come out built in order and the output shape is that of the last one', () => {
    const model = sequential({ layers: [layers.dense({ units: 4, inputShape: [3] }), layers.dense({ units: 2 }), layers.dense({ units: 5 })] });
    expect(model.weights.map((v) => v.shape)).toEqual([[3, 4], [4], [4, 2], [2], [2, 5], [5]]);
    expect(model.outputShape).toEqual([null, 5]);
  });

  it('a duplicate layer or name is still refused after many adds', () => {
    const first = layers.dense({ units: 1, inputShape: [1], name: 'big_0' });
    const model = sequential({ layers: [first, ...Array.from({ length: 99 }, (_, i) => layers.dense({ units: 1, name: `big_${i + 1}` }))] });
    expect(() => model.add(first)).toThrow("layer 'big_0' is already in the model");
    expect(() => model.add(layers.dense({ units: 1, name: 'big_50' }))).toThrow("already has a layer named 'big_50'");
  });

  it('a model file of 20,000 layers loads', async () => {
    const model = await loadLayersModel(fromMemory({ modelTopology: denseStack(20_000) }));
    expect(model.layers.length).toBe(20_000);
    expect(model.outputShape).toEqual([null, 1]);
  }, 60_000);
});
