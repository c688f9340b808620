import { describe, expect, it } from 'vitest';
import { losses, Reduction, tensor2d, train, variable, scalar, mul } from '../../src/index.js';

// Expected values were computed with TF.js 4.22 (cpu backend), tf.losses.*.
const y = [[1, 2], [3, 4]];
const p = [[1, 3], [5, 4]];

describe('losses (TF.js core tf.losses)', () => {
  it('meanSquaredError reduces to the mean over all elements by default', () => {
    const loss = losses.meanSquaredError(tensor2d(y), tensor2d(p));
    expect(loss.shape).toEqual([]);
    expect(loss.dataSync()[0]).toBe(1.25);
  });

  it('Reduction.NONE keeps the elementwise losses; weights follow TF.js formulas', () => {
    expect(losses.meanSquaredError(y, p, null, Reduction.NONE).arraySync()).toEqual([[0, 1], [4, 0]]);
    expect(losses.meanSquaredError(y, p, [2, 0], Reduction.MEAN).dataSync()[0]).toBe(2);
    expect(losses.meanSquaredError(y, p, [[2], [0]]).dataSync()[0]).toBe(1);
    expect(losses.meanSquaredError(y, p, null, Reduction.SUM).dataSync()[0]).toBe(5);
    expect(Reduction).toEqual({ NONE: 0, MEAN: 1, SUM: 2, SUM_BY_NONZERO_WEIGHTS: 3 });
  });

  it('every core loss matches TF.js', () => {
    const close = (t: { dataSync(): ArrayLike<number> }, v: number): void => { expect(t.dataSync()[0]).toBeCloseTo(v, 6); };
    close(losses.softmaxCrossEntropy([[0, 1], [1, 0]], [[1, 2], [3, -1]], null, 0.1), 0.2907058000564575);
    close(losses.sigmoidCrossEntropy([[0, 1]], [[1, -2]], null, 0.2), 1.5700948238372803);
    close(losses.huberLoss([[0, 3]], [[0.5, 0]]), 1.3125);
    close(losses.logLoss([[0, 1]], [[0.3, 0.6]]), 0.43375009298324585);
    close(losses.hingeLoss([[0, 1]], [[0.3, 0.6]]), 0.8499999642372131);
    close(losses.cosineDistance([[0, 1]], [[0.6, 0.8]], 1), 0.19999998807907104);
    close(losses.absoluteDifference([[0, 1]], [[0.6, 0.8]], [[1, 0]]), 0.6000000238418579);
  });

  it('optimizer.minimize accepts it as the scalar cost', () => {
    const w = variable(scalar(0));
    const optimizer = train.sgd(0.1);
    const cost = optimizer.minimize(() => losses.meanSquaredError(tensor2d([[2]]), mul(w, tensor2d([[1]]))), true);
    expect(cost?.dataSync()[0]).toBe(4);
    expect(w.dataSync()[0]).toBeCloseTo(0.4, 6);
  });

  it('names mismatched shapes', () => {
    expect(() => losses.meanSquaredError([[1, 2]], [1, 2])).toThrow('meanSquaredError: labels shape [1,2] and predictions shape [2] must match');
  });
});
