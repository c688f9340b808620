// A checkpoint records digests of the data it was trained on; a resume on other data is refused,
// naming what differs.
import { afterAll, describe, expect, it } from 'vitest';
import { add, fingerprint, ones, scalar } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import type { FitArgs } from '../../src/models/fit.js';
import { digestFitData, digestTensor } from '../../src/models/fit-digest.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fitTiny, freshDir, removeDirs, tinyData, tinyModel } from './tiny-run.js';

afterAll(removeDirs);

const data = tinyData(1);
const valid = tinyData(7);
const w = ones([20]);

describe('resume on other data', () => {
  it.each([
    ['x', { x: add(data.x, scalar(1e-3)), y: data.y }, {}, /training data x differs/],
    ['y', { x: data.x, y: tinyData(4).y }, {}, /training data y differs/],
    ['sample weights', data, { sampleWeight: add(w, scalar(1)) }, /sample weights differ/],
    ['validation data', data, { validationData: [valid.x, tinyData(8).y] }, /validation data y differs/],
  ] as [string, { x: Tensor; y: Tensor }, FitArgs, RegExp][])('refuses other %s, naming it', async (_what, resumeData, resumeFit, message) => {
    const dir = freshDir();
    const fit = { sampleWeight: w, validationData: [valid.x, valid.y] as [typeof valid.x, typeof valid.y] };
    await fitTiny(tinyModel(), dir, data, { stopAfter: 6, fit });
    await expect(fitTiny(tinyModel(3), dir, resumeData, { fit: { ...fit, ...resumeFit } })).rejects.toThrow(message);
  });

  it('accepts the same data (as new tensors) and ends with the uninterrupted bits', async () => {
    const straight = tinyModel();
    await fitTiny(straight, freshDir(), data);
    const dir = freshDir();
    await fitTiny(tinyModel(), dir, data, { stopAfter: 6 });
    const resumed = tinyModel(3);
    await fitTiny(resumed, dir, { x: add(data.x, scalar(0)), y: add(data.y, scalar(0)) });
    expect(fingerprint(resumed)).toBe(fingerprint(straight));
  });
});

describe('data digests', () => {
  it('are the same with node:crypto and @noble/hashes (browsers)', async () => {
    const noble = digestTensor(data.x, () => sha256.create());
    expect((await digestFitData({ x: data.x, y: data.y, w: null, validation: undefined })).x).toBe(noble);
    expect(noble).not.toBe(digestTensor(data.y, () => sha256.create()));
  });
});
