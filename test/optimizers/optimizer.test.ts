import { describe, expect, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { square, sub, sum } from '../../src/ops/index.js';
import { scalar, tensor1d, tensor2d, variable } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import type { Variable } from '../../src/ops/tensor.js';
import { Adadelta } from '../../src/optimizers/adadelta.js';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { Adam, AdamW } from '../../src/optimizers/adam.js';
import { Adamax } from '../../src/optimizers/adamax.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { RMSProp } from '../../src/optimizers/rmsprop.js';
import { Momentum, SGD } from '../../src/optimizers/sgd.js';

const FACTORIES: [string, () => Optimizer][] = [
  ['SGD', () => new SGD({ learningRate: 0.1 })],
  ['Momentum (Nesterov)', () => new Momentum({ learningRate: 0.1, momentum: 0.9, useNesterov: true })],
  ['Adam', () => new Adam({ learningRate: 0.05 })],
  ['Adam (amsgrad, clipNorm)', () => new Adam({ learningRate: 0.05, amsgrad: true, clipNorm: 0.5 })],
  ['AdamW', () => new AdamW({ learningRate: 0.05, weightDecay: 0.1 })],
  ['Adamax (decay)', () => new Adamax({ learningRate: 0.05, decay: 0.1 })],
  ['RMSProp (centered, momentum)', () => new RMSProp({ learningRate: 0.01, momentum: 0.5, centered: true })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.1, globalClipNorm: 1 })],
  ['Adadelta', () => new Adadelta({ learningRate: 1, clipValue: 0.7 })],
];

/** Two variables, names unique per call, so runs never share optimizer state by accident. */
let runId = 0;
function makeVariables(): Variable[] {
  runId++;
  return [variable(tensor2d([[1, -2], [0.5, 3]]), true, `run${runId}/kernel`), variable(tensor1d([0.25, -0.75]), true, `run${runId}/bias`)];
}

/** A step's gradient: 2(w − target) plus a step-dependent wobble, all in float32. */
function step(opt: Optimizer, vars: readonly Variable[], k: number): void {
  opt.apply(vars.map((v, j) => {
    const g = new Float32Array(v.size);
    for (let i = 0; i < v.size; i++) g[i] = Math.fround(2 * (v.values[i] as number) - 0.3 * ((i + j + k) % 3) + 0.1);
    return { variable: v, gradient: new Tensor(g, v.shape, 'float32') };
  }));
}

function train(opt: Optimizer, vars: readonly Variable[], from: number, to: number): void {
  for (let k = from; k < to; k++) step(opt, vars, k);
}

describe('Optimizer state', () => {
  it('counts iterations from 0, one per apply; an empty apply changes nothing', () => {
    const opt = new SGD();
    expect(opt.iterations).toBe(0);
    opt.apply([]);
    expect(opt.iterations).toBe(0);
    train(opt, makeVariables(), 0, 3);
    expect(opt.iterations).toBe(3);
  });

  it('creates slots lazily: before training getWeights holds only iter, an int32 scalar', () => {
    const weights = new Adam().getWeights();
    expect(weights.map((w) => w.name)).toEqual(['iter']);
    expect(weights[0]?.tensor.dtype).toBe('int32');
    expect(weights[0]?.tensor.shape).toEqual([]);
  });

  it('lists Adam slots in the TF.js layout: iter, all m, then all v', () => {
    const opt = new Adam();
    const vars = makeVariables();
    train(opt, vars, 0, 2);
    const [a, b] = vars.map((v) => v.name);
    expect(opt.getWeights().map((w) => w.name)).toEqual(['iter', `${a}/m`, `${b}/m`, `${a}/v`, `${b}/v`]);
    expect(opt.getWeights()[0]?.tensor.values[0]).toBe(2);
  });

  it('returns copies from getWeights', () => {
    const opt = new Adagrad();
    const vars = makeVariables();
    train(opt, vars, 0, 1);
    const before = opt.getWeights()[1]?.tensor.dataSync();
    train(opt, vars, 1, 2);
    expect(Array.from(before ?? [])).not.toEqual(Array.from(opt.getWeights()[1]?.tensor.values ?? []));
  });

  for (const [name, make] of FACTORIES) {
    it(`${name}: the same steps twice give identical weight bytes`, () => {
      const a = makeVariables();
      const b = makeVariables();
      train(make(), a, 0, 5);
      train(make(), b, 0, 5);
      a.forEach((v, i) => expectSameBits(v.values, (b[i] as Variable).values, v.name));
    });

    it(`${name}: resuming with getWeights/setWeights in a new optimizer gives the bits of straight training`, () => {
      const straight = makeVariables();
      train(make(), straight, 0, 6);
      const resumed = makeVariables();
      const first = make();
      train(first, resumed, 0, 3);
      const second = make();
      second.setWeights(first.getWeights());
      expect(second.iterations).toBe(3);
      train(second, resumed, 3, 6);
      straight.forEach((v, i) => expectSameBits((resumed[i] as Variable).values, v.values, v.name));
    });
  }
});

describe('Optimizer.setWeights', () => {
  it('needs iter first', () => {
    expect(() => new Adam().setWeights([{ name: 'w/m', tensor: tensor1d([0]) }])).toThrow("Adam.setWeights: the first weight must be 'iter' (the iteration count), received 'w/m'");
    expect(() => new Adam().setWeights([])).toThrow('received an empty list');
    expect(() => new Adam().setWeights([{ name: 'iter', tensor: scalar(-1, 'int32') }])).toThrow("'iter' must hold one integer >= 0");
  });

  it('rejects a slot the optimizer does not have, listing the expected ones', () => {
    expect(() => new Adam().setWeights([{ name: 'iter', tensor: scalar(1, 'int32') }, { name: 'w/accumulator', tensor: tensor1d([0]) }]))
      .toThrow("Adam.setWeights: unexpected weight 'w/accumulator'; slots expected: '<variable>/m', '<variable>/v'");
  });

  it('rejects a variable with a missing slot', () => {
    expect(() => new Adam().setWeights([{ name: 'iter', tensor: scalar(1, 'int32') }, { name: 'w/m', tensor: tensor1d([0]) }])).toThrow("Adam.setWeights: missing 'w/v'");
  });

  it('rejects slots of different shapes for one variable', () => {
    expect(() => new Adam().setWeights([{ name: 'iter', tensor: scalar(1, 'int32') }, { name: 'w/m', tensor: tensor1d([0]) }, { name: 'w/v', tensor: tensor1d([0, 0]) }]))
      .toThrow("weight 'w/v' has shape [2], but other slots of 'w' have [1]");
  });

  it('makes apply reject a variable whose shape differs from its restored slots', () => {
    const opt = new Adagrad();
    opt.setWeights([{ name: 'iter', tensor: scalar(1, 'int32') }, { name: 'setw_shape/accumulator', tensor: tensor1d([0.1, 0.1]) }]);
    const w = variable(tensor1d([1, 2, 3]), true, 'setw_shape');
    expect(() => opt.apply([{ variable: w, gradient: tensor1d([1, 1, 1]) }])).toThrow("the slots of 'setw_shape' have shape [2] but the variable has shape [3]");
  });
});

describe('Optimizer.apply', () => {
  it('checks every pair before changing any variable', () => {
    const a = variable(tensor1d([1]), true, 'apply_check_a');
    const b = variable(tensor1d([1, 2]), true, 'apply_check_b');
    const opt = new SGD();
    expect(() => opt.apply([{ variable: a, gradient: tensor1d([1]) }, { variable: b, gradient: tensor1d([1]) }]))
      .toThrow("SGD.apply: the gradient of 'apply_check_b' has shape [1], expected the variable's shape [2]");
    expect(a.values[0]).toBe(1);
    expect(opt.iterations).toBe(0);
  });

  it('rejects a variable given twice, an int32 variable and a non-tensor gradient', () => {
    const a = variable(tensor1d([1]), true, 'apply_twice');
    expect(() => new SGD().apply([{ variable: a, gradient: tensor1d([1]) }, { variable: a, gradient: tensor1d([1]) }])).toThrow("variable 'apply_twice' appears twice");
    const i = variable(tensor1d([1], 'int32'), true, 'apply_int');
    expect(() => new SGD().apply([{ variable: i, gradient: tensor1d([1]) }])).toThrow("variable 'apply_int' has dtype int32");
    expect(() => new SGD().apply([{ variable: a, gradient: [1] as never }])).toThrow("the gradient of 'apply_twice' must be a Tensor");
  });

  it('does not modify the gradient tensors, even when clipping', () => {
    const w = variable(tensor1d([0, 0]));
    const g = tensor1d([3, 4]);
    new SGD({ clipNorm: 1 }).apply([{ variable: w, gradient: g }]);
    expect(Array.from(g.values)).toEqual([3, 4]);
  });
});

describe('Optimizer.applyGradients', () => {
  it('resolves names to live variables, in the order of the keys given', () => {
    const a = variable(tensor1d([1]), true, 'ag_names_a');
    const b = variable(tensor1d([1]), true, 'ag_names_b');
    const opt = new Adagrad({ learningRate: 1, initialAccumulatorValue: 0, epsilon: 0 });
    opt.applyGradients({ ag_names_b: tensor1d([2]), ag_names_a: tensor1d([-3]) });
    expect([a.values[0], b.values[0]]).toEqual([2, 0]);
    expect(opt.getWeights().map((w) => w.name)).toEqual(['iter', 'ag_names_b/accumulator', 'ag_names_a/accumulator']);
  });

  it('takes a {name, tensor} list and follows its order', () => {
    variable(tensor1d([1]), true, 'ag_list_a');
    variable(tensor1d([1]), true, 'ag_list_b');
    const opt = new Adam();
    opt.applyGradients([{ name: 'ag_list_b', tensor: tensor1d([1]) }, { name: 'ag_list_a', tensor: tensor1d([1]) }]);
    expect(opt.getWeights().map((w) => w.name)).toEqual(['iter', 'ag_list_b/m', 'ag_list_a/m', 'ag_list_b/v', 'ag_list_a/v']);
  });

  it('with varList resolves names there and follows varList order', () => {
    const a = variable(tensor1d([1]), true, 'ag_varlist_a');
    const b = variable(tensor1d([1]), true, 'ag_varlist_b');
    const opt = new Adam();
    opt.applyGradients({ ag_varlist_b: tensor1d([1]), ag_varlist_a: tensor1d([1]) }, [a, b]);
    expect(opt.getWeights().map((w) => w.name)).toEqual(['iter', 'ag_varlist_a/m', 'ag_varlist_b/m', 'ag_varlist_a/v', 'ag_varlist_b/v']);
  });

  it('skips null gradients and variables of varList without a gradient', () => {
    const a = variable(tensor1d([1]), true, 'ag_skip_a');
    const b = variable(tensor1d([1]), true, 'ag_skip_b');
    const opt = new SGD({ learningRate: 1 });
    opt.applyGradients({ ag_skip_a: tensor1d([0.5]), ag_skip_b: null as never }, [a, b]);
    expect([a.values[0], b.values[0]]).toEqual([0.5, 1]);
  });

  it('gives clear errors for an unknown name, a name not in varList and a duplicate', () => {
    const a = variable(tensor1d([1]), true, 'ag_err_a');
    expect(() => new SGD().applyGradients({ no_such_variable_xyz: tensor1d([1]) })).toThrow("SGD.applyGradients: no live variable is named 'no_such_variable_xyz'");
    expect(() => new SGD().applyGradients({ other: tensor1d([1]) }, [a])).toThrow("SGD.applyGradients: the gradient 'other' matches no variable in varList ('ag_err_a')");
    expect(() => new SGD().applyGradients([{ name: 'ag_err_a', tensor: tensor1d([1]) }, { name: 'ag_err_a', tensor: tensor1d([1]) }])).toThrow("the gradient 'ag_err_a' is given twice");
  });
});

describe('Optimizer.minimize', () => {
  it('takes one step on f: w = 3, f = Σ(w − 1)², lr = 0.25 → w = 2, cost 4', () => {
    const w = variable(tensor1d([3]), true, 'minimize_w');
    const cost = new SGD({ learningRate: 0.25 }).minimize(() => sum(square(sub(w, 1))), true);
    expect(w.values[0]).toBe(2);
    expect(cost?.values[0]).toBe(4);
  });

  it('returns null without returnCost and updates only varList', () => {
    const a = variable(tensor1d([3]), true, 'minimize_a');
    const b = variable(tensor1d([3]), true, 'minimize_b');
    const out = new SGD({ learningRate: 0.25 }).minimize(() => sum(square(sub(a, b))), false, [b]);
    expect(out).toBeNull();
    expect([a.values[0], b.values[0]]).toEqual([3, 3]);
    new SGD({ learningRate: 0.25 }).minimize(() => sum(square(sub(a, 1))), false, [a]);
    expect(a.values[0]).toBe(2);
  });
});

describe('Optimizer options', () => {
  it('rejects an unknown option with a suggestion', () => {
    expect(() => new Adam({ learningrate: 0.1 } as never)).toThrow("Adam: Unknown option 'learningrate'. Did you mean 'learningRate'?");
    expect(() => new SGD({ beta1: 0.9 } as never)).toThrow("SGD: Unknown option 'beta1'");
  });

  it('rejects a non-object, a wrongly typed value and a name given in both spellings', () => {
    expect(() => new Adam(0.1 as never)).toThrow('Adam: options must be an object');
    expect(() => new Adam({ amsgrad: 1 as never })).toThrow('Adam: amsgrad must be a boolean, received 1');
    expect(() => new Adam({ learningRate: '0.1' as never })).toThrow("Adam: learningRate must be a finite number >= 0, received '0.1'");
    expect(() => new Adam({ learningRate: 0.1, learning_rate: 0.1 })).toThrow('Adam: option given twice, as learningRate and as learning_rate');
  });

  it('validates the learning rate when it is set later', () => {
    const opt = new SGD();
    opt.setLearningRate(0.5);
    expect(opt.learningRate).toBe(0.5);
    expect(() => { opt.learningRate = -0.1; }).toThrow('SGD: learningRate must be a finite number >= 0, received -0.1');
  });

  it('names its class and disposes as a no-op', () => {
    const opt = new RMSProp();
    expect([opt.getClassName(), opt.className]).toEqual(['RMSProp', 'RMSProp']);
    opt.dispose();
  });
});
