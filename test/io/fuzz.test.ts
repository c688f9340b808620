import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../../src/node.js';
import type { FileOps } from '../../src/io/node.js';
import { ModelFileError, loadLayersModel, saveModel } from '../../src/io/index.js';
import { fileSystem } from '../../src/io/node.js';
import { fullModel, fullModelInput, fullModelTargets } from './helpers.js';

/**
 * Fuzzing: valid model files, mutated (bytes of model.json and weights.bin, values inside the
 * JSON), go through the real file:// loader over an in-memory file system. Each must either
 * load or be refused with a ModelFileError that names a file; any other error is a bug. The
 * runs are seeded, so a failure reproduces.
 */

const DIR = '/models/m';
const RUNS = 300;

/** An in-memory file system behind the FileOps interface. */
function memoryFs(files: Map<string, Uint8Array>): FileOps {
  const dirs = new Set(['/', '/models', DIR]);
  return {
    mkdir: async (path) => void dirs.add(path),
    stat: async (path) => (files.has(path) ? { isFile: true, isDirectory: false, size: (files.get(path) as Uint8Array).length } : dirs.has(path) ? { isFile: false, isDirectory: true, size: 0 } : null),
    readFile: async (path) => {
      const data = files.get(path);
      if (!data) throw new Error(`ENOENT ${path}`);
      return data.slice();
    },
    writeFileSynced: async (path, data) => void files.set(path, data.slice()),
    rename: async (from, to) => {
      files.set(to, files.get(from) as Uint8Array);
      files.delete(from);
    },
    syncDirectory: async () => undefined,
    remove: async (path) => void files.delete(path),
  };
}

let modelJson = '';
let weightsBin: Uint8Array = new Uint8Array(0);

beforeAll(async () => {
  const model = fullModel(9);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(fullModelInput(6), fullModelTargets(6), { epochs: 1, batchSize: 3, verbose: 0 });
  const files = new Map<string, Uint8Array>();
  await saveModel(model, fileSystem(DIR, { fileOps: memoryFs(files) }), { includeOptimizer: true });
  modelJson = new TextDecoder().decode(files.get(`${DIR}/model.json`));
  weightsBin = files.get(`${DIR}/weights.bin`) as Uint8Array;
});

/** Loads the given file contents; returns the model or the ModelFileError, and fails on anything else. */
async function loadOrRefuse(json: Uint8Array, weights: Uint8Array): Promise<Sequential | ModelFileError> {
  const files = new Map([[`${DIR}/model.json`, json], [`${DIR}/weights.bin`, weights]]);
  try {
    const model = await loadLayersModel(fileSystem(DIR, { fileOps: memoryFs(files) }));
    expect(model).toBeInstanceOf(Sequential);
    return model;
  } catch (error) {
    if (!(error instanceof ModelFileError)) throw new Error(`not a ModelFileError: ${String(error)}`, { cause: error });
    expect(error.file.startsWith(DIR)).toBe(true);
    return error;
  }
}

/** Byte edits: overwrite, truncate, cut a range, or append. */
const byteEdit = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), values: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('append' as const), values: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
);
type ByteEdit = typeof byteEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const at = 'at' in edit ? edit.at % Math.max(1, bytes.length) : 0;
  if (edit.kind === 'set') {
    const out = bytes.slice();
    edit.values.forEach((v, i) => { if (at + i < out.length) out[at + i] = v; });
    return out;
  }
  if (edit.kind === 'truncate') return bytes.slice(0, at);
  if (edit.kind === 'cut') return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + edit.length)]);
  return Uint8Array.from([...bytes, ...edit.values]);
}

/** Every path (keys and indices) to a value inside `value`, in document order. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

const deep = JSON.parse(`${'['.repeat(200)}0${']'.repeat(200)}`) as unknown;
const hostileValue = fc.constantFrom<unknown>(
  null, 0, -1, 1, 2.5, 1e12, -1e300, Number.MAX_SAFE_INTEGER, true, '', 'x', '../weights.bin', '/etc/passwd', 'float64', 'int32', 'Dense',
  [], [0], [-1], [1e6, 1e6], [null], {}, { class_name: 'Dense', config: {} }, { __proto__: null, polluted: 1 }, deep,
);

describe('fuzzed model files load or are refused with a ModelFileError, never another crash', () => {
  it('the unmutated files load (control)', async () => {
    expect(await loadOrRefuse(new TextEncoder().encode(modelJson), weightsBin)).not.toBeInstanceOf(ModelFileError);
  });

  it(`byte edits of model.json (${RUNS} cases)`, async () => {
    const json = new TextEncoder().encode(modelJson);
    await fc.assert(fc.asyncProperty(fc.array(byteEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
      await loadOrRefuse(edits.reduce(applyEdit, json), weightsBin);
    }), { numRuns: RUNS, seed: 1 });
  });

  it(`byte edits of weights.bin (${RUNS} cases)`, async () => {
    const json = new TextEncoder().encode(modelJson);
    await fc.assert(fc.asyncProperty(fc.array(byteEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
      await loadOrRefuse(json, edits.reduce(applyEdit, weightsBin));
    }), { numRuns: RUNS, seed: 2 });
  });

  it(`values replaced, removed or renamed anywhere in the JSON (${RUNS} cases)`, async () => {
    const edit = fc.tuple(fc.nat(), hostileValue, fc.constantFrom('replace', 'remove', 'rename'));
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
      const doc = JSON.parse(modelJson) as Record<string, unknown>;
      for (const [pick, value, how] of edits) {
        const all = paths(doc).slice(1);
        const path = all[pick % all.length] as (string | number)[];
        const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, k) => node[k] as Record<string | number, unknown>, doc);
        const last = path[path.length - 1] as string | number;
        if (how === 'replace' || Array.isArray(parent)) parent[last] = structuredClone(value);
        else {
          if (how === 'rename') parent[`${String(last)}_`] = parent[last];
          delete parent[last];
        }
      }
      await loadOrRefuse(new TextEncoder().encode(JSON.stringify(doc)), weightsBin);
    }), { numRuns: RUNS, seed: 3 });
  });
});
