import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layers, loadLayersModel, sequential, setRandomSeed, tensor2d } from '../../src/node.js';
import { bytesOf } from '../helpers/bits.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model.save (TF.js API) and loadLayersModel', () => {
  it('round-trips through file:// with identical weight bytes and predictions', async () => {
    setRandomSeed(4);
    const model = sequential({ layers: [layers.dense({ units: 4, activation: 'relu', inputShape: [3] }), layers.dense({ units: 2 })] });
    const result = await model.save(`file://${dir}`);
    expect(result.modelArtifactsInfo.modelTopologyType).toBe('JSON');
    const loaded = await loadLayersModel(`file://${dir}/model.json`);
    const x = tensor2d([[1, 2, 3], [-1, 0, 0.5]]);
    expect(Buffer.from(bytesOf(loaded.predict(x)))).toEqual(Buffer.from(bytesOf(model.predict(x))));
    loaded.weights.forEach((v, i) => expect(Buffer.from(bytesOf(v))).toEqual(Buffer.from(bytesOf((model.weights[i] as typeof v)))));
  });
});
