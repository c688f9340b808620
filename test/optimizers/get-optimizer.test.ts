import { describe, expect, it } from 'vitest';
import { Adadelta } from '../../src/optimizers/adadelta.js';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { Adam, AdamW } from '../../src/optimizers/adam.js';
import { Adamax } from '../../src/optimizers/adamax.js';
import { getOptimizer, optimizerFromConfig } from '../../src/optimizers/get-optimizer.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { RMSProp } from '../../src/optimizers/rmsprop.js';
import { Momentum, SGD } from '../../src/optimizers/sgd.js';
import { train } from '../../src/optimizers/train.js';

// Keras 3 defaults (REFERENCE.md §2 table, right column).
const ADAM = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const DEFAULTS: [string[], string, object][] = [
  [['sgd', 'SGD'], 'SGD', { learningRate: 0.01 }],
  [['adam', 'Adam'], 'Adam', ADAM],
  [['adamw', 'AdamW'], 'AdamW', { learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false }],
  [['adamax', 'Adamax'], 'Adamax', { ...ADAM, decay: 0 }],
  [['rmsprop', 'RMSProp', 'RMSprop'], 'RMSProp', { learningRate: 0.001, decay: 0.9, momentum: 0, epsilon: 1e-7, centered: false }],
  [['adagrad', 'Adagrad'], 'Adagrad', { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 }],
  [['adadelta', 'Adadelta'], 'Adadelta', { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 }],
];

describe('getOptimizer', () => {
  for (const [ids, className, config] of DEFAULTS) {
    it(`resolves ${ids.map((id) => `'${id}'`).join(', ')} to a new ${className} with Keras 3 defaults`, () => {
      for (const id of ids) {
        const opt = getOptimizer(id);
        expect(opt.getClassName()).toBe(className);
        expect(opt.getConfig()).toEqual(config);
      }
      expect(getOptimizer(ids[0] as string)).not.toBe(getOptimizer(ids[0] as string));
    });
  }

  it('passes an Optimizer instance through', () => {
    const opt = new Adam();
    expect(getOptimizer(opt)).toBe(opt);
  });

  it('rejects an unknown id with a suggestion and the valid ids', () => {
    expect(() => getOptimizer('rmsprp')).toThrow(/^Unknown optimizer 'rmsprp'\. Did you mean '(RMSProp|RMSprop|rmsprop)'\? Valid optimizer ids: .*adadelta.*sgd/);
    expect(() => getOptimizer('momentum')).toThrow("Unknown optimizer 'momentum'");
    expect(() => getOptimizer('toString')).toThrow("Unknown optimizer 'toString'");
    expect(() => getOptimizer(3 as never)).toThrow("getOptimizer: expected an Optimizer or a string id such as 'adam', received number");
  });
});

describe('optimizerFromConfig', () => {
  const optimizers: Optimizer[] = [
    new SGD({ learningRate: 0.1, momentum: 0.5, nesterov: true, clipNorm: 1 }),
    new Momentum({ learningRate: 0.1, momentum: 0.9, useNesterov: true }),
    new Adam({ amsgrad: true, weightDecay: 0.01 }),
    new AdamW({ learningRate: 0.01, weightDecay: 0.1, globalClipNorm: 2 }),
    new Adamax({ decay: 0.01 }),
    new RMSProp({ rho: 0.8, momentum: 0.1, centered: true, clipValue: 3 }),
    new Adagrad({ initialAccumulatorValue: 0.2, epsilon: 1e-6 }),
    new Adadelta({ learningRate: 1, rho: 0.9 }),
  ];
  for (const opt of optimizers) {
    it(`rebuilds ${opt.getClassName()} from its getConfig`, () => {
      const copy = optimizerFromConfig(opt.getClassName(), opt.getConfig());
      expect(copy.getClassName()).toBe(opt.getClassName());
      expect(copy.getConfig()).toEqual(opt.getConfig());
    });
  }

  it('reads a TF.js training config optimizer entry', () => {
    const opt = optimizerFromConfig('Adam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(opt).toBeInstanceOf(Adam);
  });

  it('rejects an unknown class name', () => {
    expect(() => optimizerFromConfig('Nadam', {})).toThrow("Unknown optimizer class 'Nadam'");
  });
});

describe('train', () => {
  it('sgd(lr) and momentum(lr, momentum, useNesterov) as in TF.js', () => {
    expect(train.sgd(0.1).getConfig()).toEqual({ learningRate: 0.1 });
    expect(train.sgd().getConfig()).toEqual({ learningRate: 0.01 });
    const m = train.momentum(0.1, 0.9, true);
    expect([m.getClassName(), m.getConfig()]).toEqual(['Momentum', { learningRate: 0.1, momentum: 0.9, useNesterov: true }]);
  });

  it('adam(lr, beta1, beta2, epsilon, options) with Keras defaults for omitted or null arguments', () => {
    expect(train.adam().getConfig()).toEqual(ADAM);
    expect(train.adam(0.01, undefined, undefined, null).getConfig()).toEqual({ ...ADAM, learningRate: 0.01 });
    expect(train.adam(0.001, 0.9, 0.999, 1e-7, { clipNorm: 1, amsgrad: true }).getConfig()).toEqual({ ...ADAM, amsgrad: true, clipNorm: 1 });
  });

  it('adamax(lr, beta1, beta2, epsilon, decay)', () => {
    expect(train.adamax(0.002, 0.8, 0.99, null, 0.1).getConfig()).toEqual({ learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-7, decay: 0.1 });
  });

  it('rmsprop(lr, decay, momentum, epsilon, centered)', () => {
    expect(train.rmsprop(0.01, 0.8, 0.1, 1e-6, true, { clipValue: 1 }).getConfig()).toEqual({ learningRate: 0.01, decay: 0.8, momentum: 0.1, epsilon: 1e-6, centered: true, clipValue: 1 });
  });

  it('adagrad(lr, initialAccumulatorValue, {epsilon}) and adadelta(lr, rho, epsilon)', () => {
    expect(train.adagrad(0.1, 0.2, { epsilon: 1e-3 }).getConfig()).toEqual({ learningRate: 0.1, initialAccumulatorValue: 0.2, epsilon: 1e-3 });
    expect(train.adadelta(1).getConfig()).toEqual({ learningRate: 1, rho: 0.95, epsilon: 1e-7 });
  });

  it('adamw(lr, weightDecay, beta1, beta2, epsilon, amsgrad)', () => {
    expect(train.adamw(0.01, 0.1, undefined, undefined, undefined, true).getConfig()).toEqual({ learningRate: 0.01, weightDecay: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: true });
  });

  it('names the optimizer and the argument in errors', () => {
    expect(() => train.sgd(-1)).toThrow('SGD: learningRate must be a finite number >= 0, received -1');
    expect(() => train.adam(0.001, 1.2)).toThrow('Adam: beta1 must be a number in [0, 1), received 1.2');
    expect(() => train.rmsprop(0.01, 2)).toThrow('RMSProp: decay must be a number in [0, 1], received 2');
    expect(() => train.adagrad(0.01, -0.1)).toThrow('Adagrad: initialAccumulatorValue must be a finite number >= 0, received -0.1');
    expect(() => train.momentum(0.01, -0.5)).toThrow('Momentum: momentum must be a number in [0, 1], received -0.5');
  });
});
