import { describe, expect, it } from 'vitest';
import { getLoss, losses } from '../../src/losses/index.js';
import { tensor, tensor1d, tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import type { ShapeResolvedMetric, TargetKind } from '../../src/metrics/index.js';
import { getMetric, Mean, metrics, Precision, targetKind } from '../../src/metrics/index.js';

describe("'accuracy' resolves by shapes (Keras 3 rule)", () => {
  const cases: [number[], number[], TargetKind][] = [
    [[32, 1], [32, 1], 'binary'],
    [[32], [32, 1], 'binary'],
    [[32], [32, 10], 'sparse'],
    [[32, 1], [32, 10], 'sparse'],
    [[32, 10], [32, 10], 'categorical'],
    [[8, 5, 1], [8, 5, 4], 'sparse'],
  ];
  for (const [yTrueShape, yPredShape, kind] of cases) {
    it(`y ${JSON.stringify(yTrueShape)} with ŷ ${JSON.stringify(yPredShape)} is ${kind}`, () => {
      expect(targetKind(yTrueShape, yPredShape)).toBe(kind);
      expect((getMetric('accuracy', { yTrueShape, yPredShape }) as ShapeResolvedMetric).kind).toBe(kind);
    });
  }

  it('is logged as acc for accuracy, acc, Accuracy (TF.js log keys)', () => {
    for (const id of ['accuracy', 'acc', 'Accuracy']) expect(getMetric(id).name).toBe('acc');
    expect(getMetric('crossentropy').name).toBe('ce');
  });

  it('without shapes, the first batch decides and the choice is kept', () => {
    const m = getMetric('accuracy') as ShapeResolvedMetric;
    expect(m.kind).toBeNull();
    m.update(tensor1d([1, 0]), tensor2d([[0.1, 0.9], [0.8, 0.2]]));
    expect(m.kind).toBe('sparse');
    expect(m.result()).toBe(1);
  });

  it('with only ŷ known, a sparse or categorical crossentropy loss implies the label shape', () => {
    const yPredShape = [null, 10];
    expect((getMetric('acc', { yPredShape, lossName: 'sparse_categorical_crossentropy' }) as ShapeResolvedMetric).kind).toBe('sparse');
    expect((getMetric('acc', { yPredShape, lossId: 'categoricalCrossentropy' }) as ShapeResolvedMetric).kind).toBe('categorical');
    expect((getMetric('acc', { yPredShape, lossId: getLoss({ name: 'sparse_categorical_crossentropy', fromLogits: true }) }) as ShapeResolvedMetric).kind).toBe('sparse');
    expect((getMetric('acc', { yPredShape: [null, 1] }) as ShapeResolvedMetric).kind).toBe('binary');
    expect((getMetric('acc', { yPredShape, lossId: 'mse' }) as ShapeResolvedMetric).kind).toBeNull();
  });

  it("'crossentropy' resolves to the matching loss, as a mean", () => {
    const m = getMetric('ce', { yTrueShape: [2], yPredShape: [2, 3] });
    const y = tensor1d([0, 2]);
    const p = tensor2d([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]]);
    m.update(y, p);
    const expected = losses.sparseCategoricalCrossentropy(y, p).values;
    expect(m.result()).toBe(((expected[0] as number) + (expected[1] as number)) / 2);
  });
});

describe('getMetric ids, names and errors', () => {
  it('string ids keep their spelling as the log name', () => {
    for (const id of ['mse', 'MSE', 'meanSquaredError', 'mean_squared_error', 'mae', 'MAE', 'binaryAccuracy', 'binary_accuracy', 'categorical_accuracy', 'sparseCategoricalAccuracy', 'precision', 'recall', 'kld', 'poisson']) {
      expect(getMetric(id).name).toBe(id);
    }
  });

  it('mse ids compute the mean of the per-sample loss', () => {
    const y = tensor2d([[0, 1], [2, 2]]);
    const p = tensor2d([[1, 1], [2, 0]]);
    for (const id of ['mse', 'MSE', 'meanSquaredError', 'mean_squared_error']) {
      const m = getMetric(id);
      m.update(y, p);
      expect(m.result()).toBe((0.5 + 2) / 2);
    }
  });

  it('precision and recall are the exact running-count metrics', () => {
    expect(getMetric('precision')).toBeInstanceOf(Precision);
    expect(getMetric(metrics.precision)).toBeInstanceOf(Precision);
  });

  it('functions log their TF.js id, or their JavaScript name when custom', () => {
    expect(getMetric(losses.meanSquaredError).name).toBe('meanSquaredError');
    expect(getMetric(metrics.mse).name).toBe('meanSquaredError');
    expect(getMetric(metrics.categoricalAccuracy).name).toBe('categoricalAccuracy');
    expect(getMetric(getLoss({ name: 'bce', fromLogits: true })).name).toBe('binaryCrossentropy');
    function myMetric(y: Tensor, p: Tensor): Tensor { return losses.mae(y, p); }
    expect(getMetric(myMetric).name).toBe('myMetric');
  });

  it('a Metric object is used as it is', () => {
    const m = new Mean('custom', losses.mae);
    expect(getMetric(m)).toBe(m);
  });

  it('configs pass options: threshold, fromLogits', () => {
    const acc = getMetric({ name: 'binaryAccuracy', threshold: 0.8 });
    acc.update(tensor([[1], [1]]), tensor([[0.85], [0.75]]));
    expect(acc.result()).toBe(0.5);
    const bce = getMetric({ name: 'bce', fromLogits: true });
    bce.update(tensor2d([[1]]), tensor2d([[0]]));
    expect(bce.result()).toBeCloseTo(Math.LN2, 6);
    expect(() => getMetric({ name: 'mse', threshold: 0.5 })).toThrow("getMetric: metric 'mse' has no option 'threshold'");
  });

  it('an unknown id throws with the closest valid id', () => {
    expect(() => getMetric('acuracy')).toThrow(/getMetric: Unknown metric 'acuracy'\. Did you mean 'accuracy'\?/);
    expect(() => getMetric('binary_acuracy')).toThrow(/Did you mean 'binary_accuracy'\?/);
  });
});
