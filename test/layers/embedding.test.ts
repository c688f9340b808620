import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { tensor, tensor2d } from '../../src/ops/create.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

const EMBEDDING_KEYS = [
  'input_dim', 'output_dim', 'embeddings_initializer', 'embeddings_regularizer', 'activity_regularizer', 'embeddings_constraint',
  'mask_zero', 'input_length', 'name', 'trainable',
];

/** Row x[i] of the embeddings for every index, in float64. */
function embeddingRef(x: Ref, [embeddings]: readonly Ref[]): Ref {
  const e = embeddings as Ref;
  const outputDim = e.shape[1] as number;
  const data = new Float64Array(x.data.length * outputDim);
  x.data.forEach((index, i) => {
    for (let j = 0; j < outputDim; j++) data[i * outputDim + j] = e.data[index * outputDim + j] as number;
  });
  return { shape: [...x.shape, outputDim], data };
}

// Index 4 appears twice: its gradient row is the sum of both uses.
const indices = (): ReturnType<typeof tensor2d> => tensor2d([[0, 4, 4], [1, 2, 0]]);

describe('Embedding layer contract', () => {
  runLayerTest('embedding of float32 indices', {
    make: () => layers.embedding({ inputDim: 5, outputDim: 3 }), input: indices, inputShape: [2, 3], expectedOutputShape: [2, 3, 3],
    expectedWeights: [{ name: 'embeddings', shape: [5, 3] }], configKeys: EMBEDDING_KEYS,
    gradient: { reference: embeddingRef, wrtInput: false }, // indices have no gradient
  });
  runLayerTest('embedding of int32 indices with inputLength', {
    make: () => layers.embedding({ inputDim: 6, outputDim: 2, inputLength: 3 }), input: () => tensor([[5, 0, 3], [3, 3, 1]], [2, 3], 'int32'),
    inputShape: [2, 3], expectedOutputShape: [2, 3, 2], expectedWeights: [{ name: 'embeddings', shape: [6, 2] }],
    configKeys: [...EMBEDDING_KEYS, 'batch_input_shape', 'dtype'], gradient: { reference: embeddingRef, wrtInput: false },
  });
});

describe('Embedding', () => {
  it('draws its default embeddings from randomUniform(±0.05)', () => {
    const layer = layers.embedding({ inputDim: 50, outputDim: 8 });
    layer.apply(indices());
    const values = Array.from(layer.weights[0]?.values ?? []);
    expect(values.length).toBe(400);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(new Set(values).size).toBeGreaterThan(390);
  });

  it('turns inputLength into batchInputShape [null, inputLength]', () => {
    expect(layers.embedding({ inputDim: 3, outputDim: 2, inputLength: 7 }).batchInputShape).toEqual([null, 7]);
  });
});

describe('Embedding bad input', () => {
  it('rejects an index ≥ inputDim, naming the layer, the element, the value and the valid range', () => {
    const layer = layers.embedding({ inputDim: 5, outputDim: 3, name: 'embedding_range' });
    expect(() => layer.apply(tensor2d([[0, 5]]))).toThrow('embedding_range: input element 1 is 5; expected integer indices in [0, 4] (inputDim=5)');
  });

  it('rejects a negative or fractional index', () => {
    const layer = layers.embedding({ inputDim: 5, outputDim: 3, name: 'embedding_frac' });
    expect(() => layer.apply(tensor2d([[-1, 0]]))).toThrow('embedding_frac: input element 0 is -1; expected integer indices in [0, 4]');
    expect(() => layer.apply(tensor2d([[1, 2.5]]))).toThrow('embedding_frac: input element 1 is 2.5;');
  });

  it('rejects inputDim or outputDim that is not a positive integer, quoting it', () => {
    expect(() => layers.embedding({ inputDim: 0, outputDim: 3 })).toThrow(/inputDim must be a positive integer\. Received: inputDim=0/);
    expect(() => layers.embedding({ inputDim: 3, outputDim: 1.5 })).toThrow(/outputDim must be a positive integer\. Received: outputDim=1\.5/);
  });
});
