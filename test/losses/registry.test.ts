import { describe, expect, it } from 'vitest';
import { tensor1d, tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import type { ConfiguredLoss } from '../../src/losses/index.js';
import { getLoss, losses, lossIds, lossName } from '../../src/losses/index.js';

describe('getLoss resolves TF.js, Keras and alias ids', () => {
  const table: [string[], (a: Tensor, b: Tensor) => Tensor, string][] = [
    [['meanSquaredError', 'mean_squared_error', 'mse', 'MSE'], losses.meanSquaredError, 'mean_squared_error'],
    [['meanAbsoluteError', 'mean_absolute_error', 'mae', 'MAE'], losses.meanAbsoluteError, 'mean_absolute_error'],
    [['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'mape', 'MAPE'], losses.meanAbsolutePercentageError, 'mean_absolute_percentage_error'],
    [['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'msle', 'MSLE'], losses.meanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
    [['binaryCrossentropy', 'binary_crossentropy', 'bce', 'BCE'], losses.binaryCrossentropy, 'binary_crossentropy'],
    [['categoricalCrossentropy', 'categorical_crossentropy'], losses.categoricalCrossentropy, 'categorical_crossentropy'],
    [['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'], losses.sparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'],
    [['kullbackLeiblerDivergence', 'kullback_leibler_divergence', 'kld', 'KLD', 'kl_divergence'], losses.kullbackLeiblerDivergence, 'kullback_leibler_divergence'],
    [['huber', 'huber_loss'], losses.huber, 'huber'],
    [['logcosh', 'logCosh', 'log_cosh'], losses.logCosh, 'logcosh'],
    [['hinge'], losses.hinge, 'hinge'],
    [['squaredHinge', 'squared_hinge'], losses.squaredHinge, 'squared_hinge'],
    [['categoricalHinge', 'categorical_hinge'], losses.categoricalHinge, 'categorical_hinge'],
    [['poisson'], losses.poisson, 'poisson'],
    [['cosineProximity', 'cosine_similarity', 'cosineSimilarity'], losses.cosineSimilarity, 'cosine_proximity'],
  ];
  for (const [ids, fn, snake] of table) {
    it(`${ids.join(', ')} give the same function, named '${snake}' in the model file`, () => {
      for (const id of ids) {
        expect(getLoss(id), id).toBe(fn);
        expect(lossName(id), id).toBe(snake);
      }
      expect(lossName(fn)).toBe(snake);
    });
  }

  it('every canonical snake name maps back to a TF.js id through TF.js toCamelCase (where TF.js has the loss)', () => {
    const toCamelCase = (s: string): string => s.replace(/[_-](\w)/g, (_, c: string) => c.toUpperCase());
    for (const id of lossIds()) {
      const snake = lossName(id) as string;
      expect(getLoss(toCamelCase(snake)), snake).toBe(getLoss(id));
    }
  });

  it('a function passes through; a custom function has no file name', () => {
    const custom = (a: Tensor, b: Tensor): Tensor => losses.mse(a, b);
    expect(getLoss(custom)).toBe(custom);
    expect(lossName(custom)).toBeNull();
  });

  it('an unknown id throws with the closest valid id and the list', () => {
    expect(() => getLoss('mean_sqared_error')).toThrow(/getLoss: Unknown loss 'mean_sqared_error'\. Did you mean 'mean_squared_error'\? Valid loss ids: .*categoricalCrossentropy/);
    expect(() => getLoss('binaryCrossEntropy')).toThrow(/Did you mean 'binaryCrossentropy'\?/);
  });
});

describe('getLoss with a config binds options', () => {
  const y = tensor2d([[1, 0]]);
  const z = tensor2d([[2, -1]]);

  it('gives the loss with those options, carrying its name and options', () => {
    const loss = getLoss({ name: 'binary_crossentropy', fromLogits: true }) as ConfiguredLoss;
    expect(loss(y, z).values).toEqual(losses.binaryCrossentropy(y, z, { fromLogits: true }).values);
    expect(loss.lossName).toBe('binary_crossentropy');
    expect(loss.options).toEqual({ fromLogits: true });
    expect(lossName(loss)).toBe('binary_crossentropy');
    expect(lossName({ name: 'bce', labelSmoothing: 0.1 })).toBe('binary_crossentropy');
  });

  it('sparse crossentropy takes fromLogits and ignoreClass; huber takes delta', () => {
    const sparse = getLoss({ name: 'sparseCategoricalCrossentropy', fromLogits: true, ignoreClass: 0 });
    expect(Array.from(sparse(tensor1d([0]), tensor2d([[1, 2]])).values)).toEqual([0]);
    const h = getLoss({ name: 'huber', delta: 0.5 });
    expect(h(tensor2d([[0]]), tensor2d([[2]])).values[0]).toBeCloseTo(0.5 * 2 - 0.125, 6);
  });

  it('rejects options the loss does not take, and bad option values', () => {
    expect(() => getLoss({ name: 'mse', fromLogits: true })).toThrow("getLoss: loss 'mse' has no option 'fromLogits'; it takes no options");
    expect(() => getLoss({ name: 'huber', fromLogits: true })).toThrow("getLoss: loss 'huber' has no option 'fromLogits'; it takes delta");
    expect(() => getLoss({ name: 'bce', labelSmoothing: 2 })).toThrow(/labelSmoothing must be a number in \[0, 1\], received 2/);
    expect(() => getLoss({ name: 'bce', fromLogits: 'yes' as unknown as boolean })).toThrow(/fromLogits must be true or false/);
  });

  it('rejects identifiers that are neither id, function nor config', () => {
    expect(() => getLoss(42 as unknown as string)).toThrow('getLoss: expected a loss id, a loss function or a config { name, ...options }, received number');
  });
});
