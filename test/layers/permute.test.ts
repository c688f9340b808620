import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { transposeRef } from '../helpers/reference.js';

describe('Permute', () => {
  runLayerTest('permute swapping two axes (1-based dims [2, 1])', {
    make: () => layers.permute({ dims: [2, 1] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 4, 3],
    configKeys: ['dims', 'name', 'trainable'], gradient: { reference: (x) => transposeRef(x, [0, 2, 1]) },
  });
  runLayerTest('permute rotating three axes (dims [3, 1, 2])', {
    make: () => layers.permute({ dims: [3, 1, 2] }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 5, 3, 4],
    gradient: { reference: (x) => transposeRef(x, [0, 3, 1, 2]) },
  });

  it('rejects dims that are not a 1-based permutation, quoting them', () => {
    expect(() => layers.permute({ dims: [0, 1] })).toThrow(/dims must be a permutation of 1…2 \(1-based, batch axis excluded\)\. Received: dims=\[0,1\]/);
    expect(() => layers.permute({ dims: [1, 1] })).toThrow(/Received: dims=\[1,1\]/);
  });

  it('refuses an input of another rank, naming the dims and the shape', () => {
    expect(() => layers.permute({ dims: [2, 1], name: 'permute_rank' }).apply(ones([2, 3]))).toThrow('permute_rank: dims [2,1] expect inputs of rank 3, received shape [2, 3]');
  });
});
