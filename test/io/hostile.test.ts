import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError, loadLayersModel, saveModel } from '../../src/io/index.js';
import { fullModel, tempDir } from './helpers.js';

/**
 * Broken and hostile model files: each is refused with a ModelFileError that names the file
 * and says what was wrong, before any memory is allocated for what the file only claims.
 */

type Json = Record<string | number, unknown>;

/** The object at `path` inside a parsed model.json. */
function node(json: Json, ...path: (string | number)[]): Json {
  return path.reduce<Json>((n, k) => n[k] as Json, json);
}

const root = tempDir();
const good = join(root, 'good');
let counter = 0;

beforeAll(async () => {
  const model = fullModel(1);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await saveModel(model, `file://${good}`, { includeOptimizer: true });
});

/** A copy of the good model, with model.json and/or weights.bin changed. */
function variant(edit: { json?: (j: Json) => void; weights?: (b: Buffer) => Buffer }): string {
  const dir = join(root, `case-${counter++}`);
  cpSync(good, dir, { recursive: true });
  if (edit.json) {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Json;
    edit.json(json);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  }
  if (edit.weights) writeFileSync(join(dir, 'weights.bin'), edit.weights(readFileSync(join(dir, 'weights.bin'))));
  return dir;
}

/** Loads `dir` and returns the error, which must be a ModelFileError naming `file`. */
async function refusal(dir: string, file = 'model.json'): Promise<ModelFileError> {
  const error = await loadLayersModel(`file://${dir}`).then(() => null, (e: unknown) => e);
  expect(error, 'the load should fail').toBeInstanceOf(ModelFileError);
  const e = error as ModelFileError;
  expect(e.file.endsWith(file) || e.file === dir, `${e.message} should name ${file}`).toBe(true);
  expect(e.message.startsWith(e.file)).toBe(true);
  return e;
}

const manifest = (j: Json): Json => node(j, 'weightsManifest', 0, 'weights');
const layer = (j: Json, i: number): Json => node(j, 'modelTopology', 'config', 'layers', i, 'config');

describe('hostile and broken model files are refused with a clear error', () => {
  it('the good copy loads (control)', async () => {
    await expect(loadLayersModel(`file://${variant({})}`)).resolves.toBeDefined();
  });

  it('a truncated weights.bin', async () => {
    const e = await refusal(variant({ weights: (b) => b.subarray(0, b.length - 7) }), 'weights.bin');
    expect(e.message).toMatch(/truncated/);
  });

  it('a weights.bin longer than its manifest', async () => {
    const e = await refusal(variant({ weights: (b) => Buffer.concat([b, Buffer.alloc(4)]) }), 'weights.bin');
    expect(e.message).toMatch(/longer than its manifest/);
  });

  it('a shape whose element count is absurd (1e12), without allocating it', async () => {
    const e = await refusal(variant({ json: (j) => void (node(manifest(j), 0)['shape'] = [1e6, 1e6]) }), 'weights.bin');
    expect(e.message).toMatch(/too few for weight 0 'embedding\/embeddings' \[1000000, 1000000\] float32/);
  });

  for (const [what, shape] of [['negative', [-10, 4]], ['non-integer', [2.5, 16]], ['non-numeric', ['10', 4]], ['unsafe-integer', [2 ** 60, 0]]] as const) {
    it(`a ${what} shape`, async () => {
      const e = await refusal(variant({ json: (j) => void (node(manifest(j), 0)['shape'] = shape) }));
      expect(e.message).toMatch(/shape must be an array of non-negative integers/);
    });
  }

  for (const path of ['../weights.bin', '/etc/passwd', 'http://example.com/w.bin', 'file:///etc/passwd', 'C:/w.bin', 'sub//w.bin', 'a/../../w.bin', '..\\w.bin', '']) {
    it(`a manifest path that leaves the model directory: ${JSON.stringify(path)}`, async () => {
      const e = await refusal(variant({ json: (j) => void (node(j, 'weightsManifest', 0)['paths'] = [path]) }));
      expect(e.message).toMatch(/weight files must lie in the model's directory/);
    });
  }

  it('a weight file listed twice', async () => {
    const e = await refusal(variant({ json: (j) => void (node(j, 'weightsManifest', 0)['paths'] = ['weights.bin', 'weights.bin']) }));
    expect(e.message).toMatch(/lists "weights.bin" twice/);
  });

  it('a missing weight file', async () => {
    const e = await refusal(variant({ json: (j) => void (node(j, 'weightsManifest', 0)['paths'] = ['gone.bin']) }), 'gone.bin');
    expect(e.message).toMatch(/is missing/);
  });

  it('a weight path that is a directory', async () => {
    const dir = variant({ json: (j) => void (node(j, 'weightsManifest', 0)['paths'] = ['sub']) });
    mkdirSync(join(dir, 'sub'));
    expect((await refusal(dir, 'sub')).message).toMatch(/not a regular file/);
  });

  it('an unknown layer class, named, with how to register one', async () => {
    const e = await refusal(variant({ json: (j) => void (node(j, 'modelTopology', 'config', 'layers', 4)['class_name'] = 'MyDense') }));
    expect(e.message).toMatch(/layer 4 \(MyDense 'dense'\): Unknown layer class 'MyDense'/);
    expect(e.message).toMatch(/serialization\.registerClass\(MyDense\)/);
  });

  for (const name of ['__proto__', 'constructor', 'toString']) {
    it(`a layer class named ${name} is just unknown`, async () => {
      const e = await refusal(variant({ json: (j) => void (node(j, 'modelTopology', 'config', 'layers', 3)['class_name'] = name) }));
      expect(e.message).toMatch(new RegExp(`Unknown layer class '${name}'`));
    });
  }

  for (const dtype of ['string', 'complex64', 'float64', 7]) {
    it(`an unsupported dtype ${JSON.stringify(dtype)}`, async () => {
      const e = await refusal(variant({ json: (j) => void (node(manifest(j), 1)['dtype'] = dtype) }));
      expect(e.message).toMatch(/unsupported dtype/);
    });
  }

  it('a weight whose dtype is not the model weight\'s (int32 for a float32 kernel)', async () => {
    const e = await refusal(variant({ json: (j) => void (node(manifest(j), 1)['dtype'] = 'int32') }));
    expect(e.message).toMatch(/weight 'dense\/kernel' is int32 \[24,8\] in the file, but the model's weight 'dense\/kernel' is float32 \[24,8\]/);
  });

  it('invalid JSON', async () => {
    const dir = variant({});
    writeFileSync(join(dir, 'model.json'), '{"modelTopology": {"class_name": "Sequential",');
    expect((await refusal(dir)).message).toMatch(/is not valid JSON/);
  });

  it('JSON that is not an object', async () => {
    const dir = variant({});
    writeFileSync(join(dir, 'model.json'), '[1, 2]');
    expect((await refusal(dir)).message).toMatch(/must hold a JSON object/);
  });

  it('a missing model.json', async () => {
    expect((await refusal(join(root, 'nothing-here'))).message).toMatch(/no such file/);
  });

  const missing: [string, (j: Json) => void, RegExp][] = [
    ['modelTopology', (j) => void delete j['modelTopology'], /missing key 'modelTopology'/],
    ['the layer list', (j) => void delete node(j, 'modelTopology', 'config')['layers'], /config.layers must be an array/],
    ["a layer's class_name", (j) => void delete node(j, 'modelTopology', 'config', 'layers', 2)['class_name'], /layer 2 must be \{class_name, config\}/],
    ["Dense's units", (j) => void delete layer(j, 4)['units'], /units must be an integer >= 1 \(the key is required\)/],
    ["Reshape's target_shape", (j) => void delete layer(j, 1)['target_shape'], /target_shape must be an array of integers/],
    ["a group's paths", (j) => void delete node(j, 'weightsManifest', 0)['paths'], /weightsManifest\[0\] must be \{paths/],
    ["a weight's name", (j) => void delete node(manifest(j), 2)['name'], /weight 2: name must be a non-empty string/],
    ["the optimizer's class", (j) => void delete node(j, 'trainingConfig', 'optimizer_config')['class_name'], /optimizer_config must be \{class_name, config\}/],
  ];
  for (const [what, edit, message] of missing) {
    it(`a missing key: ${what}`, async () => {
      expect((await refusal(variant({ json: edit }))).message).toMatch(message);
    });
  }

  it('weights the model lacks and model weights the file lacks, by name', async () => {
    const e = await refusal(variant({ json: (j) => void (node(manifest(j), 2)['name'] = 'dense/not_bias') }));
    expect(e.message).toMatch(/1 of the model's 5 weights are not in the file \(dense\/bias\); the file has weights the model lacks \(dense\/not_bias\)/);
  });

  it('a weight whose shape differs from the model\'s (same byte count)', async () => {
    const e = await refusal(variant({ json: (j) => void (node(manifest(j), 1)['shape'] = [8, 24]) }));
    expect(e.message).toMatch(/'dense\/kernel' is float32 \[8,24\] in the file, but the model's weight 'dense\/kernel' is float32 \[24,8\]/);
  });

  it('a topology asking for far more weights than the file holds (units 1e9), without allocating them', async () => {
    const e = await refusal(variant({ json: (j) => void (layer(j, 4)['units'] = 1e9) }));
    expect(e.message).toMatch(/the topology needs \d+ weight values \(layer 'dense' needs 25000000000\) but the weight data holds \d+/);
  });

  it('invalid layer arguments, named with the layer', async () => {
    const e = await refusal(variant({ json: (j) => void (layer(j, 5)['rate'] = 'half') }));
    expect(e.message).toMatch(/layer 5 \(Dropout 'dropout'\): Dropout config: rate must be a number in \[0, 1\], received rate="half"/);
  });

  it('a regularizer or constraint SameBits lacks is refused rather than ignored', async () => {
    const e = await refusal(variant({ json: (j) => void (layer(j, 4)['kernel_regularizer'] = { class_name: 'OrthogonalRegularizer', config: { factor: 0.01 } }) }));
    expect(e.message).toMatch(/Unknown regularizer 'OrthogonalRegularizer'/);
    const c = await refusal(variant({ json: (j) => void (layer(j, 4)['bias_constraint'] = { class_name: 'MaxNorn', config: {} }) }));
    expect(c.message).toMatch(/Unknown constraint 'MaxNorn'\. Did you mean 'maxNorm'\?/);
  });

  it('a config nested absurdly deep', async () => {
    const dir = variant({});
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    writeFileSync(join(dir, 'model.json'), readFileSync(join(dir, 'model.json'), 'utf8').replace('"units":8', `"extra":${deep},"units":8`));
    const e = await refusal(dir);
    expect(e.message).toMatch(/nests objects and arrays more than 64 levels deep/);
  });

  it('a graph model', async () => {
    expect((await refusal(variant({ json: (j) => void (j['format'] = 'graph-model') }))).message).toMatch(/Layers models .* only/);
  });

  it('a functional model (Functional) without input_layers', async () => {
    expect((await refusal(variant({ json: (j) => void (node(j, 'modelTopology')['class_name'] = 'Functional') }))).message).toMatch(/modelTopology\.config\.input_layers must be a non-empty list/);
  });

  it('an unknown optimizer in trainingConfig', async () => {
    const e = await refusal(variant({ json: (j) => void (node(j, 'trainingConfig', 'optimizer_config')['class_name'] = 'Lion') }));
    expect(e.message).toMatch(/trainingConfig.optimizer_config: Unknown optimizer class 'Lion'/);
  });

  it('quantization without its scale', async () => {
    const e = await refusal(variant({ json: (j) => void (node(manifest(j), 0)['quantization'] = { dtype: 'uint8' }) }));
    expect(e.message).toMatch(/uint8 quantization needs finite numbers scale and min/);
  });

  it('a duplicated weight name', async () => {
    const e = await refusal(variant({ json: (j) => void (node(manifest(j), 3)['name'] = node(manifest(j), 1)['name']) }));
    expect(e.message).toMatch(/weight name 'dense\/kernel' appears twice/);
  });

  it('a __proto__ key in a layer config pollutes nothing', async () => {
    const dir = variant({});
    const text = readFileSync(join(dir, 'model.json'), 'utf8').replace('"units":8', '"__proto__":{"units":99,"polluted":true},"units":8');
    writeFileSync(join(dir, 'model.json'), text);
    const model = await loadLayersModel(`file://${dir}`);
    expect((model.layers[4] as unknown as { units: number }).units).toBe(8);
    expect(({} as Json)['polluted']).toBeUndefined();
  });
});
