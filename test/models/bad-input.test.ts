import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import type { Sequential } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { ones, tensor, tensor2d, zeros } from '../../src/ops/create.js';

/** dense_in (3 → 2) then dense_out (2 → 1), compiled with SGD and MSE; its name is `model_<tag>`. */
function model(tag: string, compile = true): Sequential {
  setRandomSeed(1);
  const m = sequential({ name: `model_${tag}`, layers: [layers.dense({ units: 2, inputShape: [3], name: `dense_in_${tag}` }), layers.dense({ units: 1, name: `dense_out_${tag}` })] });
  if (compile) m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return m;
}

const x = (rows = 4): ReturnType<typeof ones> => ones([rows, 3]);
const y = (rows = 4): ReturnType<typeof ones> => ones([rows, 1]);

describe('shapes that do not fit', () => {
  it('fit with a wrong feature count names the first layer, the expected and the received shape', async () => {
    await expect(model('a').fit(ones([32, 4]), y(32), { verbose: 0 })).rejects.toThrow('dense_in_a: expected input shape [*, 3], received [32, 4]');
  });

  it('predict with a wrong feature count names the first layer, the expected and the received shape', () => {
    expect(() => model('b').predict(ones([50, 2]), { batchSize: 8 })).toThrow('dense_in_b: expected input shape [*, 3], received [50, 2]');
  });

  it('a layer given a wrong shape directly names itself, the expected and the received shape', () => {
    const m = model('c');
    expect(() => m.getLayer('dense_out_c').apply(ones([8, 3]))).toThrow('dense_out_c: expected input shape [*, 2], received [8, 3]');
  });

  it('labels whose shape does not fit the loss name the loss and both shapes', async () => {
    await expect(model('d').fit(x(), ones([4, 3]), { verbose: 0 })).rejects.toThrow('meanSquaredError: yTrue has shape [4,3] but yPred has shape [4,1]; expected the same shape');
  });

  it('x and y with different numbers of rows are refused, naming both counts', async () => {
    await expect(model('e').fit(x(4), y(3), { verbose: 0 })).rejects.toThrow('model_e.fit: x has 4 samples but y has 3; expected the same number of samples (rows) in both');
  });

  it('evaluate with a wrong feature count quotes the whole input shape, not a batch', () => {
    expect(() => model('ev').evaluate(ones([40, 5]), y(40), { batchSize: 7 })).toThrow('dense_in_ev: expected input shape [*, 3], received [40, 5]');
  });

  it('evaluate refuses x and y with different numbers of rows', () => {
    expect(() => model('f').evaluate(x(2), y(5))).toThrow('model_f.evaluate: x has 2 samples but y has 5');
  });

  it('validationData with different numbers of rows is refused, naming it', async () => {
    await expect(model('g').fit(x(), y(), { validationData: [x(2), y(3)], verbose: 0 })).rejects.toThrow('model_g.fit (validationData): x has 2 samples but y has 3');
  });

  it('sampleWeight of the wrong length is refused, naming both counts', async () => {
    await expect(model('h').fit(x(), y(), { sampleWeight: tensor([1, 2, 3]), verbose: 0 })).rejects.toThrow('model_h.fit: sampleWeight has 3 values for 4 samples; expected one weight per sample');
  });

  it('classWeight without a weight for a class present in y is refused, naming the class and sample', async () => {
    await expect(model('i').fit(x(), tensor2d([[0], [1], [2], [1]]), { classWeight: { 0: 1, 1: 2 }, verbose: 0 })).rejects.toThrow('model_i.fit: classWeight has no weight for class 2 (sample 2); give a weight for every class');
  });
});

describe('non-finite values', () => {
  it('NaN in x is refused by default, naming the argument, the first bad row and column', async () => {
    const bad = tensor2d([[1, 2, 3], [4, 5, 6], [7, NaN, 9], [NaN, 0, 0]]);
    await expect(model('j').fit(bad, y(), { verbose: 0 })).rejects.toThrow('model_j.fit: x has NaN at row 2, column 1; expected finite numbers (pass allowNonFinite: true to accept NaN and Infinity)');
  });

  it('Infinity in y is refused by default, naming the first bad row and column', async () => {
    await expect(model('k').fit(x(), tensor2d([[0], [1], [-Infinity], [1]]), { verbose: 0 })).rejects.toThrow('model_k.fit: y has -Infinity at row 2, column 0');
  });

  it('NaN in predict input is refused by default, naming predict', () => {
    expect(() => model('l').predict(tensor2d([[1, 2, Infinity]]))).toThrow('model_l.predict: x has Infinity at row 0, column 2');
  });

  it('allowNonFinite: true lets NaN and Infinity through', async () => {
    const m = model('m');
    const history = await m.fit(tensor2d([[1, NaN, 3], [1, 1, 1]]), tensor2d([[Infinity], [0]]), { allowNonFinite: true, verbose: 0 });
    expect(Number.isNaN(history.history['loss']?.[0])).toBe(true);
    expect(Number.isNaN(m.predict(tensor2d([[NaN, 0, 0]]), { allowNonFinite: true }).values[0])).toBe(true);
  });
});

describe('empty data', () => {
  it('an empty array is refused, naming the method and argument', async () => {
    await expect(model('n').fit([], [], { verbose: 0 })).rejects.toThrow('model_n.fit: x is empty (shape [0]); expected at least one sample');
  });

  it('a tensor with zero rows is refused', () => {
    expect(() => model('o').predict(zeros([0, 3]))).toThrow('model_o.predict: x is empty (shape [0,3]); expected at least one sample');
  });
});

describe('arguments out of range', () => {
  it('batchSize 0 is refused, quoting it', async () => {
    await expect(model('p').fit(x(), y(), { batchSize: 0, verbose: 0 })).rejects.toThrow('model_p.fit: batchSize must be a positive integer. Received: batchSize=0');
  });

  it('a negative batchSize is refused by evaluate', () => {
    expect(() => model('q').evaluate(x(), y(), { batchSize: -4 })).toThrow('model_q.evaluate: batchSize must be a positive integer. Received: batchSize=-4');
  });

  it('a fractional batchSize is refused by predict', () => {
    expect(() => model('r').predict(x(), { batchSize: 2.5 })).toThrow('model_r.predict: batchSize must be a positive integer. Received: batchSize=2.5');
  });

  it('validationSplit outside [0, 1) is refused, quoting it', async () => {
    for (const split of [1, 1.5, -0.1, NaN]) {
      await expect(model('s').fit(x(), y(), { validationSplit: split, verbose: 0 })).rejects.toThrow(`model_s.fit: validationSplit must be a number in [0, 1). Received: validationSplit=${split}`);
    }
  });

  it('a validationSplit that leaves no training rows is refused, with both counts', async () => {
    await expect(model('t').fit(x(3), y(3), { validationSplit: 0.9, verbose: 0 })).rejects.toThrow('model_t.fit: validationSplit=0.9 of 3 samples leaves 0 for training and 3 for validation; both must be at least 1');
  });

  it('a validationSplit that leaves no validation rows is refused', async () => {
    await expect(model('u').fit(x(3), y(3), { validationSplit: 1e-20, verbose: 0 })).rejects.toThrow('model_u.fit: validationSplit=1e-20 of 3 samples leaves 3 for training and 0 for validation');
  });

  it('a negative or fractional epochs is refused, quoting it', async () => {
    await expect(model('v').fit(x(), y(), { epochs: -1, verbose: 0 })).rejects.toThrow('model_v.fit: epochs must be a non-negative integer. Received: epochs=-1');
    await expect(model('v2').fit(x(), y(), { epochs: 1.5, verbose: 0 })).rejects.toThrow('Received: epochs=1.5');
  });

  it('an unknown verbose level is refused, quoting it', async () => {
    await expect(model('w').fit(x(), y(), { verbose: 3 as never })).rejects.toThrow('fit: verbose must be 0, 1 or 2. Received: verbose=3');
  });
});

describe('missing compile', () => {
  it('fit before compile is refused, saying what to call', async () => {
    await expect(model('x', false).fit(x(), y(), { verbose: 0 })).rejects.toThrow('model_x.fit: the model must be compiled first; call model.compile({optimizer, loss}) before fit');
  });

  it('evaluate before compile is refused', () => {
    expect(() => model('y', false).evaluate(x(), y())).toThrow('model_y.evaluate: the model must be compiled first');
  });

  it('trainOnBatch before compile is refused', async () => {
    await expect(Promise.resolve().then(() => model('z', false).trainOnBatch(x(), y()))).rejects.toThrow('model_z.trainOnBatch: the model must be compiled first');
  });

  it('compile without a loss is refused, naming the model', () => {
    expect(() => model('aa', false).compile({ optimizer: 'sgd' } as never)).toThrow('model_aa.compile: loss is missing');
  });
});

describe('unknown string ids list the valid ids and suggest the closest', () => {
  it('optimizer', () => {
    expect(() => model('ab', false).compile({ optimizer: 'adamm', loss: 'mse' })).toThrow(/Unknown optimizer 'adamm'\. Did you mean '[Aa]dam'\? Valid optimizer ids: .*rmsprop.*sgd/);
  });

  it('loss', () => {
    expect(() => model('ac', false).compile({ optimizer: 'sgd', loss: 'meanSquaredEror' })).toThrow(/Unknown loss 'meanSquaredEror'\. Did you mean 'meanSquaredError'\? Valid loss ids: .*mse/);
  });

  it('metric, already at compile', () => {
    expect(() => model('ad', false).compile({ optimizer: 'sgd', loss: 'mse', metrics: ['acuracy'] })).toThrow(/Unknown metric 'acuracy'\. Did you mean 'accuracy'\? Valid metric ids: .*mae/);
  });

  it('activation', () => {
    expect(() => layers.dense({ units: 1, activation: 'softmx' })).toThrow(/Unknown activation 'softmx'\. Did you mean 'softmax'\? Valid activation ids: .*tanh/);
  });

  it('initializer', () => {
    expect(() => layers.dense({ units: 1, biasInitializer: 'zeroes' as never })).toThrow(/Unknown initializer 'zeroes'\. Did you mean 'zeros'\? Valid initializer ids: .*ones/);
  });
});

describe('model structure', () => {
  it('two layers with the same name are refused when added, naming the name', () => {
    const m = sequential({ name: 'model_dup', layers: [layers.dense({ units: 2, inputShape: [3], name: 'twin' })] });
    expect(() => m.add(layers.dense({ units: 1, name: 'twin' }))).toThrow("model_dup.add: the model already has a layer named 'twin'; layer names must be unique within a model");
  });

  it('adding something that is not a layer is refused', () => {
    expect(() => sequential({ name: 'model_nl' }).add({} as never)).toThrow('model_nl.add: expected a layer (e.g. layers.dense({units: 1})), received [object Object]');
  });

  it('an inputShape on a layer other than the first is refused, naming the layer', () => {
    const m = sequential({ name: 'model_is', layers: [layers.dense({ units: 2, inputShape: [3] })] });
    expect(() => m.add(layers.dense({ units: 1, inputShape: [2], name: 'late' }))).toThrow("model_is.add: only the first layer may declare inputShape; layer 'late' declares (None, 2)");
  });

  it('getLayer with an unknown name lists the layers', () => {
    expect(() => model('ae').getLayer('nope')).toThrow("model_ae.getLayer: no layer named 'nope'; layers: dense_in_ae, dense_out_ae");
  });
});
