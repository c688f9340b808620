import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ACTIVATION_IDS, activationRef, runLayerTest } from '../helpers/layer-harness.js';

describe('Activation layer', () => {
  for (const activation of ACTIVATION_IDS) {
    runLayerTest(`activation '${activation}'`, {
      make: () => layers.activation({ activation }), inputShape: [3, 5], expectedOutputShape: [3, 5],
      configKeys: ['activation', 'name', 'trainable'], gradient: { reference: (x) => activationRef(activation, x) },
    });
  }

  it('accepts Keras snake_case ids and stores the TF.js name', () => {
    expect(layers.activation({ activation: 'log_softmax' }).getConfig()['activation']).toBe('logSoftmax');
    expect(layers.activation({ activation: 'hard_sigmoid' }).activation).toBe('hardSigmoid');
  });

  it('rejects an unknown activation id, listing the valid ids and suggesting the closest', () => {
    expect(() => layers.activation({ activation: 'sigmod' })).toThrow(/Unknown activation 'sigmod'\. Did you mean 'sigmoid'\? Valid activation ids: .*relu/);
  });
});
