import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { reshapeRef } from '../helpers/reference.js';

describe('Reshape', () => {
  runLayerTest('reshape with an inferred (−1) extent', {
    make: () => layers.reshape({ targetShape: [3, -1] }), inputShape: [2, 6], expectedOutputShape: [2, 3, 2],
    configKeys: ['target_shape', 'name', 'trainable'], gradient: { reference: (x) => reshapeRef(x, [2, 3, 2]) },
  });
  runLayerTest('reshape to an explicit shape', {
    make: () => layers.reshape({ targetShape: [4, 3] }), inputShape: [2, 2, 6], expectedOutputShape: [2, 4, 3],
    gradient: { reference: (x) => reshapeRef(x, [2, 4, 3]) },
  });

  it('leaves the inferred extent unknown when an input extent is unknown', () => {
    expect(layers.reshape({ targetShape: [3, -1] }).computeOutputShape([null, null, 4])).toEqual([null, 3, null]);
  });

  it('rejects a targetShape with two −1 or a non-positive extent, quoting it', () => {
    expect(() => layers.reshape({ targetShape: [-1, -1] })).toThrow(/targetShape must be positive integers with at most one -1\. Received: targetShape=\[-1,-1\]/);
    expect(() => layers.reshape({ targetShape: [0, 2] })).toThrow(/Received: targetShape=\[0,2\]/);
  });

  it('refuses samples whose size does not fit the targetShape, naming sizes and shapes', () => {
    expect(() => layers.reshape({ targetShape: [4, -1], name: 'reshape_bad' }).apply(ones([2, 6]))).toThrow('reshape_bad: cannot reshape samples of shape [6] (6 values) to targetShape [4, -1]');
    expect(() => layers.reshape({ targetShape: [5], name: 'reshape_bad2' }).apply(ones([2, 6]))).toThrow('reshape_bad2: cannot reshape samples of shape [6] (6 values) to targetShape [5]');
  });
});
