import { describe, expect, it } from 'vitest';
import { io, loadLayersModel, modelToJSON, saveModel } from '../../src/io/index.js';
import { captureArtifacts, fullModel, weightBytes } from './helpers.js';

describe('browser handlers, outside a browser', () => {
  it('downloads:// throws a clear "not available in this environment" error in Node', async () => {
    await expect(saveModel(fullModel(), 'downloads://my-model')).rejects.toThrow(/^downloads:\/\/ is not available in this environment: it needs a browser/);
  });

  it('indexeddb:// throws a clear "not available in this environment" error in Node, saving and loading', async () => {
    await expect(saveModel(fullModel(), 'indexeddb://my-model')).rejects.toThrow(/^indexeddb:\/\/ is not available in this environment: it needs a browser/);
    await expect(loadLayersModel('indexeddb://my-model')).rejects.toThrow(/^indexeddb:\/\/ is not available in this environment/);
  });
});

describe('URL routing', () => {
  it('an unknown scheme names the URL and lists the supported ones', async () => {
    await expect(saveModel(fullModel(), 'http://example.com/model')).rejects.toThrow(/No save handler for URL 'http:\/\/example.com\/model'; supported: file:\/\/…, indexeddb:\/\/…, downloads:\/\/…/);
    await expect(loadLayersModel('localstorage://m')).rejects.toThrow(/No load handler for URL 'localstorage:\/\/m'/);
  });

  it('downloads:// cannot load, and says what to do instead', async () => {
    await expect(loadLayersModel('downloads://m')).rejects.toThrow(/downloads:\/\/ can only save/);
  });

  it('a handler without the needed method is refused', async () => {
    await expect(loadLayersModel(io.withSaveHandler(async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })))).rejects.toThrow(/has no load method/);
    await expect(saveModel(fullModel(), io.fromMemory({ modelTopology: {} }))).rejects.toThrow(/has no save method/);
  });
});

describe('io.fromMemory and io.withSaveHandler', () => {
  it('the four-argument form of fromMemory (topology, specs, data) loads the same model', async () => {
    const model = fullModel(8);
    const a = await captureArtifacts(model);
    const loaded = await loadLayersModel(io.fromMemory(modelToJSON(model), a.weightSpecs, a.weightData));
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
  });

  it('withSaveHandler hands over the artifacts in TF.js key order', async () => {
    const model = fullModel();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const a = await captureArtifacts(model, true);
    expect(Object.keys(a)).toEqual(['modelTopology', 'format', 'generatedBy', 'convertedBy', 'trainingConfig', 'weightData', 'weightSpecs']);
  });

  it('withSaveHandler refuses a non-function', () => {
    expect(() => io.withSaveHandler('save' as never)).toThrow(/expected a function/);
  });
});
