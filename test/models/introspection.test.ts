import { describe, expect, it } from 'vitest';
import { layers, sequential } from '../../src/index.js';

function model() {
  const m = sequential();
  m.add(layers.dense({ units: 4, inputShape: [3], name: 'hidden' }));
  m.add(layers.dense({ units: 2, name: 'out' }));
  return m;
}

describe('model introspection as TF.js code uses it', () => {
  it('getLayer takes a name or an index', () => {
    const m = model();
    expect(m.getLayer('out').name).toBe('out');
    expect(m.getLayer(0).name).toBe('hidden');
    expect(m.getLayer(undefined, 1).name).toBe('out');
    expect(() => m.getLayer(5)).toThrow(/no layer at index 5/);
  });

  it('inputs[0].shape and outputs[0].shape carry a null batch axis', () => {
    const m = model();
    expect(m.inputs[0]!.shape).toEqual([null, 3]);
    expect(m.outputs[0]!.shape).toEqual([null, 2]);
    expect(m.outputs[0]!.dtype).toBe('float32');
  });

  it('layers[i].getWeights() gives kernel then bias', () => {
    const [kernel, bias] = model().layers[0]!.getWeights();
    expect(kernel!.shape).toEqual([3, 4]);
    expect(bias!.shape).toEqual([4]);
  });
});
