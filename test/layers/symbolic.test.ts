import { describe, expect, it } from 'vitest';
import { InputLayer, SymbolicTensor, input, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { TwoOutputs } from '../helpers/two-outputs.js';

describe('input()', () => {
  it('returns the symbolic output of a new InputLayer, batch axis null', () => {
    const x = input({ shape: [3], name: 'in_a' });
    expect(x).toBeInstanceOf(SymbolicTensor);
    expect(x.shape).toEqual([null, 3]);
    expect(x.dtype).toBe('float32');
    expect(x.sourceLayer).toBeInstanceOf(InputLayer);
    expect(x.sourceLayer.name).toBe('in_a');
    expect(input({ batchShape: [8, 2], dtype: 'int32' }).shape).toEqual([8, 2]);
  });

  it('refuses a missing or doubled shape', () => {
    expect(() => input({})).toThrow('input: give shape (without the batch axis) or batchShape (with it); neither was given');
    expect(() => input({ shape: [2], batchShape: [null, 2] })).toThrow('input: give shape or batchShape, not both');
  });
});

describe('layer.apply on symbolic tensors', () => {
  it('records a node and returns a symbolic output without building the layer', () => {
    const x = input({ shape: [3] });
    const dense = layers.dense({ units: 2 });
    const y = dense.apply(x);
    expect(y).toBeInstanceOf(SymbolicTensor);
    expect(y.shape).toEqual([null, 2]);
    expect(dense.built).toBe(false);
    expect(dense.inboundNodes).toHaveLength(1);
    expect(dense.inboundNodes[0]?.inputs).toEqual([x]);
    expect(y.node).toBe(dense.inboundNodes[0]);
  });

  it('records a second call of the same layer as a second node', () => {
    const dense = layers.dense({ units: 2 });
    const a = dense.apply(input({ shape: [3] }));
    const b = dense.apply(input({ shape: [3] }));
    expect([a.nodeIndex, b.nodeIndex]).toEqual([0, 1]);
  });

  it('checks shapes at graph time, naming the layer', () => {
    expect(() => layers.dense({ units: 2, name: 'dense_sym_bad' }).apply(input({ shape: [] }))).toThrow('dense_sym_bad: expected input shape [*, features], received [null]');
  });

  it('returns one symbolic tensor per output of a multi-output layer', () => {
    const outs = new TwoOutputs().apply(input({ shape: [2] }));
    expect(Array.isArray(outs)).toBe(true);
    expect((outs as SymbolicTensor[]).map((o) => o.tensorIndex)).toEqual([0, 1]);
  });

  it('computes on concrete tensors, a list from a multi-output layer', () => {
    const outs = new TwoOutputs().apply(ones([1, 2])) as Tensor[];
    expect(outs.map((t) => Array.from(t.values))).toEqual([[1, 1], [2, 2]]);
  });

  it('refuses a list mixing symbolic and concrete tensors', () => {
    expect(() => layers.dense({ units: 1, name: 'dense_mix' }).apply([input({ shape: [1] }), ones([1, 1])] as unknown as Tensor[])).toThrow('dense_mix: apply received a list mixing symbolic and concrete tensors');
  });
});
