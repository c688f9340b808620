import { closeSync, mkdirSync, openSync, symlinkSync, renameSync, truncateSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers, sequential } from '../../src/node.js';
import { DEFAULT_LOAD_LIMITS, ModelFileError, fromMemory, loadLayersModel, saveModel } from '../../src/io/index.js';
import { tempDir } from '../io/helpers.js';

/**
 * What a model file may declare is bounded (layers, weight elements and bytes, size of
 * model.json), each limit named in the error with the option that raises it; weight files are
 * read only from the model's directory, also through symlinks. Huge files are sparse, so the
 * tests use no disk and read nothing.
 */

const root = tempDir();
const good = join(root, 'good');

beforeAll(async () => {
  const model = sequential({ layers: [layers.dense({ units: 2, inputShape: [3], name: 'd' })] });
  await saveModel(model, `file://${good}`);
});

async function refusal(url: string, options?: Parameters<typeof loadLayersModel>[1]): Promise<ModelFileError> {
  const error = await loadLayersModel(url, options).then(() => null, (e: unknown) => e);
  expect(error, 'the load should fail').toBeInstanceOf(ModelFileError);
  return error as ModelFileError;
}

function copyOfGood(name: string): string {
  const dir = join(root, name);
  cpSync(good, dir, { recursive: true });
  return dir;
}

/** A sparse file of `bytes` bytes (no disk blocks). */
function sparse(path: string, bytes: number): void {
  closeSync(openSync(path, 'w'));
  truncateSync(path, bytes);
}

function denseStack(n: number): object {
  const list = Array.from({ length: n }, (_, i) => ({ class_name: 'Dense', config: { name: `d${i}`, units: 1, ...(i === 0 ? { batch_input_shape: [null, 1] } : {}) } }));
  return { class_name: 'Sequential', config: { name: 'stack', layers: list } };
}

describe('limits on what a model file may declare', () => {
  it('the defaults: 100,000 layers, 2^31 - 1 weight elements and bytes, 64 MiB of model.json', () => {
    expect(DEFAULT_LOAD_LIMITS).toEqual({ maxLayers: 100_000, maxWeightElements: 2 ** 31 - 1, maxWeightBytes: 2 ** 31 - 1, maxModelJsonBytes: 64 * 2 ** 20 });
  });

  it('more layers than maxLayers are refused before any layer is built, naming the limit', async () => {
    const error = await refusal(fromMemory({ modelTopology: denseStack(11) }) as never, { limits: { maxLayers: 10 } });
    expect(error.message).toMatch(/11 layers.*limit of 10.*limits\.maxLayers/);
  });

  it('a model at the layer limit loads', async () => {
    await expect(loadLayersModel(fromMemory({ modelTopology: denseStack(10) }), { limits: { maxLayers: 10 } })).resolves.toBeDefined();
  });

  it('weights with more elements than maxWeightElements are refused, naming the limit', async () => {
    const error = await refusal(`file://${good}`, { limits: { maxWeightElements: 7 } });
    expect(error.message).toMatch(/8 weight elements.*limit of 7.*limits\.maxWeightElements/);
    await expect(loadLayersModel(`file://${good}`, { limits: { maxWeightElements: 8 } })).resolves.toBeDefined();
  });

  it('weight files larger than maxWeightBytes are refused before they are read', async () => {
    const error = await refusal(`file://${good}`, { limits: { maxWeightBytes: 31 } });
    expect(error.message).toMatch(/32 bytes.*limit of 31.*limits\.maxWeightBytes/);
  });

  it('in-memory artifacts obey the element limit too', async () => {
    const weightData = new Float32Array(8).buffer;
    const weightSpecs = [{ name: 'd/kernel', shape: [3, 2], dtype: 'float32' as const }, { name: 'd/bias', shape: [2], dtype: 'float32' as const }];
    const modelTopology = { class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } }] } };
    const error = await refusal(fromMemory({ modelTopology, weightData, weightSpecs }) as never, { limits: { maxWeightElements: 5 } });
    expect(error.message).toMatch(/limits\.maxWeightElements/);
  });

  it('an unknown limit or a bad value is refused naming it', async () => {
    await expect(loadLayersModel(`file://${good}`, { limits: { maxLayer: 3 } as never })).rejects.toThrow(/unknown limit 'maxLayer'/);
    await expect(loadLayersModel(`file://${good}`, { limits: { maxLayers: -1 } })).rejects.toThrow(/maxLayers must be a positive integer, received -1/);
  });
});

describe('huge files are refused from their size, before they are read', () => {
  it('a 3 GB model.json (sparse) is refused with the limit named, not ERR_FS_FILE_TOO_LARGE', async () => {
    const dir = join(root, 'huge-json');
    mkdirSync(dir);
    sparse(join(dir, 'model.json'), 3 * 2 ** 30);
    const error = await refusal(`file://${dir}`);
    expect(error.message).toMatch(/3221225472 bytes.*limit of 67108864.*limits\.maxModelJsonBytes/);
  });

  it('a 300 MB model.json (sparse) is refused without being read', async () => {
    const dir = join(root, 'big-json');
    mkdirSync(dir);
    sparse(join(dir, 'model.json'), 300 * 2 ** 20);
    const started = performance.now();
    const error = await refusal(`file://${dir}`);
    expect(error.message).toMatch(/limits\.maxModelJsonBytes/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a small model.json is refused when maxModelJsonBytes is lowered below its size', async () => {
    await expect(loadLayersModel(`file://${good}`, { limits: { maxModelJsonBytes: 100 } })).rejects.toThrow(/limits\.maxModelJsonBytes/);
  });

  it('a 3 GB weights.bin (sparse) is refused by size, naming the limit', async () => {
    const dir = copyOfGood('huge-weights');
    sparse(join(dir, 'weights.bin'), 3 * 2 ** 30);
    const error = await refusal(`file://${dir}`);
    expect(error.message).toMatch(/3221225472 bytes.*limits\.maxWeightBytes/);
  });
});

describe('weight files must lie in the model directory, also through symlinks', () => {
  it('a weights.bin that is a symlink to a file outside the directory is refused', async () => {
    const dir = copyOfGood('symlink-out');
    const outside = join(root, 'outside.bin');
    renameSync(join(dir, 'weights.bin'), outside);
    symlinkSync(outside, join(dir, 'weights.bin'));
    const error = await refusal(`file://${dir}`);
    expect(error.message).toMatch(/weights\.bin.*resolves to .*outside\.bin.*outside the model's directory/);
  });

  it('a weights.bin that is a symlink to a file inside the directory loads', async () => {
    const dir = copyOfGood('symlink-in');
    mkdirSync(join(dir, 'shards'));
    renameSync(join(dir, 'weights.bin'), join(dir, 'shards', 'real.bin'));
    symlinkSync(join('shards', 'real.bin'), join(dir, 'weights.bin'));
    await expect(loadLayersModel(`file://${dir}`)).resolves.toBeDefined();
  });

  it('a model directory reached through a symlink loads', async () => {
    const link = join(root, 'link-to-good');
    symlinkSync(good, link);
    await expect(loadLayersModel(`file://${link}`)).resolves.toBeDefined();
  });

  it('a directory symlink inside the model directory pointing out is refused', async () => {
    const dir = copyOfGood('dir-symlink');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    renameSync(join(dir, 'weights.bin'), join(elsewhere, 'weights.bin'));
    symlinkSync(elsewhere, join(dir, 'sub'));
    const json = join(dir, 'model.json');
    const text = (await import('node:fs')).readFileSync(json, 'utf8').replace('"weights.bin"', '"sub/weights.bin"');
    writeFileSync(json, text);
    const error = await refusal(`file://${dir}`);
    expect(error.message).toMatch(/outside the model's directory/);
  });
});
