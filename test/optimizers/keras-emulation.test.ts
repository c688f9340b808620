import { describe, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { run } from './helpers.js';
import { Adadelta } from '../../src/optimizers/adadelta.js';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { Adam, AdamW } from '../../src/optimizers/adam.js';
import { Adamax } from '../../src/optimizers/adamax.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { RMSProp } from '../../src/optimizers/rmsprop.js';
import { SGD } from '../../src/optimizers/sgd.js';

// Expected bits come from testdata/keras-emulation.py: the Keras 3 `update_step` source of each
// optimizer evaluated line by line with NumPy float32 (NEP 50 weak Python scalars, as JAX
// treats them), an implementation independent of ours. It checks our order of operations and
// our float32 constants against Keras's formula as written. β^t there is the correctly rounded
// float32 power (the script asserts NumPy's powf agrees on these steps). The steps are W0 and
// the four GRADS of helpers.ts.
const CASES: [string, () => Optimizer, string][] = [
  ['SGD', () => new SGD({ learningRate: 0.1 }), '3f7d70a4 bf147ae2 3e6147b0 3fffae14'],
  ['SGD with momentum', () => new SGD({ learningRate: 0.1, momentum: 0.9 }), '3f648e8b bf0e7d57 3e1eecc3 40015a1c'],
  ['SGD with Nesterov momentum', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), '3f64bdb9 bf218549 3e09e991 40010e8b'],
  ['Adam', () => new Adam({ learningRate: 0.1 }), '3f50c31a bee02c75 3e30bf09 3ffc09f0'],
  ['Adam with amsgrad, β2 = 0.5', () => new Adam({ learningRate: 0.1, beta2: 0.5, amsgrad: true }), '3f513fcf bedb93dd 3e2fe29c 3ffc0819'],
  ['Adam with β2 = 0.5', () => new Adam({ learningRate: 0.1, beta2: 0.5 }), '3f4db701 bedd9f12 3e2df6d8 3ffc0819'],
  ['AdamW', () => new AdamW({ learningRate: 0.1 }), '3f5066d7 bedfd423 3e307059 3ffba277'],
  ['Adamax', () => new Adamax({ learningRate: 0.1 }), '3f551be1 bed89355 3e2de626 3ffc8ab3'],
  ['RMSProp', () => new RMSProp({ learningRate: 0.1 }), '3f42f21d bf0e6f95 3da949db 3fe53bbf'],
  ['RMSProp centered with momentum', () => new RMSProp({ learningRate: 0.05, rho: 0.8, momentum: 0.3, epsilon: 1e-3, centered: true }), '3f583a05 bf041d57 3e1ca702 3ff7021d'],
  ['Adagrad', () => new Adagrad({ learningRate: 0.1 }), '3f7143b3 bf0429af 3e4c4ea2 3ffed11e'],
  ['Adadelta', () => new Adadelta({ learningRate: 1 }), '3f7fc777 bf003f1d 3e7f4f18 3fffd8ba'],
];

function fromHex(words: string): Float32Array {
  return new Float32Array(Uint32Array.from(words.split(' '), (h) => parseInt(h, 16)).buffer);
}

describe('update rules against a NumPy float32 emulation of Keras 3', () => {
  for (const [name, make, expected] of CASES) {
    it(`${name}: four steps give the emulation's bits`, () => {
      expectSameBits(run(make()), fromHex(expected), name);
    });
  }
});
