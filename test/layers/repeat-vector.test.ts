import { describe, expect, it } from 'vitest';
import { RepeatVector, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { at, build } from '../helpers/reference.js';
import { runLayerTest } from '../helpers/layer-harness.js';

describe('RepeatVector layer contract', () => {
  runLayerTest('n = 3', {
    make: () => layers.repeatVector({ n: 3 }), inputShape: [2, 4], expectedOutputShape: [2, 3, 4],
    configKeys: ['n', 'name', 'trainable'], gradient: { reference: (x) => build([2, 3, 4], ([b, , f]) => at(x, [b as number, f as number])) },
  });
  runLayerTest('n = 1, first layer', {
    make: () => layers.repeatVector({ n: 1, inputShape: [5] }), inputShape: [3, 5], expectedOutputShape: [3, 1, 5],
    gradient: { reference: (x) => build([3, 1, 5], ([b, , f]) => at(x, [b as number, f as number])) },
  });
});

describe('RepeatVector configuration and bad input', () => {
  it('requires n in its config', () => {
    expect(RepeatVector.fromConfig(RepeatVector, { n: 4 }).n).toBe(4);
    expect(() => RepeatVector.fromConfig(RepeatVector, { name: 'r' })).toThrow(/RepeatVector config: n must be an integer >= 1 \(the key is required\)/);
  });

  it('refuses n that is not a positive integer and inputs not of rank 2', () => {
    expect(() => layers.repeatVector({ n: 0 })).toThrow(/n must be a positive integer\. Received: n=0/);
    expect(() => layers.repeatVector({ n: 2, name: 'rv_rank' }).apply(ones([2, 3, 4]))).toThrow('rv_rank: expected input of rank 2 [batch, features], received [2, 3, 4]');
  });
});
