// A resume that is refused must change nothing: not the weights, not the optimizer state.
import { afterAll, describe, expect, it } from 'vitest';
import { fitTiny, freshDir, removeDirs, stateBytes, tinyData, tinyModel } from './tiny-run.js';

afterAll(removeDirs);

/** A model with trained weights and optimizer slots of its own (one epoch, no checkpoints). */
async function trainedElsewhere(metrics = true) {
  const model = tinyModel(3, metrics);
  const { x, y } = tinyData(5);
  await model.fit(x, y, { epochs: 1, batchSize: 5, verbose: 0 });
  return model;
}

describe('a refused resume leaves the model as it was', () => {
  it.each([
    ['another batch size', true, { fit: { batchSize: 4 } }, /batchSize=5.*batchSize=4/],
    ['other training data', true, { data: tinyData(2) }, /training data x differs/],
    ['fewer metrics than the checkpoint holds', false, {}, /1 metric state.*0 metrics/],
  ] as const)('%s: weight bytes and optimizer state are identical to before', async (_what, metrics, change, message) => {
    const dir = freshDir();
    await fitTiny(tinyModel(), dir, undefined, { stopAfter: 6 });
    const model = await trainedElsewhere(metrics);
    const before = stateBytes(model);
    const data = 'data' in change ? change.data : undefined;
    const fit = 'fit' in change ? { fit: change.fit } : {};
    await expect(fitTiny(model, dir, data, fit)).rejects.toThrow(message);
    expect(stateBytes(model)).toEqual(before);
  });
});
