import type { DatasetPosition, FitSnapshot } from '../models/fit-state.js';
import type { DataDigests } from '../models/fit-digest.js';
import { DATA_DIGEST_LABELS } from '../models/fit-digest.js';
import type { DataType } from '../tensor/dtype.js';
import { isDataType } from '../tensor/dtype.js';
import type { ModelTopologyJSON } from './topology.js';
import type { StateValue } from '../models/callback-state.js';
import { readValue } from './checkpoint-callbacks.js';

/** One tensor stored in a checkpoint's payload. */
export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: DataType;
  byteOffset: number;
}

/** A stateful callback's state in a checkpoint: values in the header, tensors in the payload. */
export interface StoredCallbackState {
  kind: string;
  values: Record<string, StateValue>;
  tensors: StoredTensor[];
}

/**
 * The JSON header of a checkpoint file. Version 3 adds the stateful callbacks' state
 * (`callbacks`, tensors after the optimizer's) and the optimizer's learning rate; version 2
 * files (data digests, no callback state) still load, as a fit without stateful callbacks
 * whose learning rate is the one it was compiled with. fitDataset's checkpoints add
 * `snapshot.dataset` (its position in the dataset); a reader that knows no datasets never sees one
 * from fit over arrays. Version 4 is version 3 plus `snapshot.call`, the model's training call
 * (≥ 1) that wrote it, which keys its randomness; a first call's checkpoint stays version 3
 * (call 0), so a reader of version 3 refuses only what it would resume to other bits.
 */
export interface CheckpointHeader {
  format: 'samebits-checkpoint';
  version: 2 | 3 | 4;
  /** Position, seed, options, data digests, history and partial sums of the run (its `callbacks` filled from `callbacks` when decoded). */
  snapshot: FitSnapshot;
  /** The model's class names, in order, to refuse a checkpoint of another architecture. */
  layers: string[];
  /** The model's topology in the TF.js model.json form (`modelFromJSON` rebuilds it). */
  topology: ModelTopologyJSON;
  weights: StoredTensor[];
  /** The optimizer's state; `learningRate` (version 3) is its number learning rate, or null when it follows a schedule. */
  optimizer: { className: string; iterations: number; weights: StoredTensor[]; learningRate?: number | null } | null;
  /** The stateful callbacks' state, in list order (version 3; none in version 2). */
  callbacks: StoredCallbackState[];
}

type Obj = Record<string, unknown>;

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Checks a checkpoint header as strictly as a model file: every field's type, range,
 * integer-ness and array length, every tensor's dtype and byte range (tensors packed in order,
 * covering the payload exactly), the history's structure. Throws an error naming `file` and the
 * field; returns the header typed, history and partial sums with JSON's null turned back to NaN.
 */
export function validateHeader(raw: unknown, payloadLength: number, file: string): CheckpointHeader {
  const fail = (field: string, expected: string, received: unknown): never => {
    throw new Error(`checkpoint ${file}: ${field} must be ${expected}, received ${show(received)}`);
  };
  const obj = (v: unknown, field: string): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(field, 'an object', v));
  const list = (v: unknown, field: string): unknown[] => (Array.isArray(v) ? v : fail(field, 'an array', v));
  const int = (v: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fail(field, `an integer in [${min}, ${max}]`, v);
  const str = (v: unknown, field: string): string => (typeof v === 'string' && v.length > 0 ? v : fail(field, 'a non-empty string', v));
  // JSON writes NaN and ±Infinity as null; read null back as NaN.
  const nums = (v: unknown, field: string): number[] =>
    list(v, field).map((e, i) => (e === null ? NaN : typeof e === 'number' ? e : fail(`${field}[${i}]`, 'a number', e)));

  const h = obj(raw, 'the header');
  if (h['format'] !== 'samebits-checkpoint') fail('format', "'samebits-checkpoint'", h['format']);
  const version = h['version'] === 2 || h['version'] === 3 || h['version'] === 4 ? h['version'] : fail('version', '4, 3 or 2 (version 1 files hold no data digests and cannot be resumed safely; start the run again)', h['version']);
  const layers = list(h['layers'], 'layers').map((l, i) => str(l, `layers[${i}]`));
  // Only its shape is checked here: restoring uses `layers` and the weights, not the topology.
  const topology = obj(h['topology'], 'topology') as unknown as ModelTopologyJSON;

  let at = 0;
  const tensors = (v: unknown, field: string): StoredTensor[] => list(v, field).map((e, i) => {
    const f = `${field}[${i}]`;
    const t = obj(e, f);
    const name = str(t['name'], `${f}.name`);
    const dtype = isDataType(t['dtype']) ? t['dtype'] : fail(`${f}.dtype`, "'float32', 'int32' or 'bool'", t['dtype']);
    const shape = list(t['shape'], `${f}.shape`).map((d, k) => int(d, `${f}.shape[${k}]`, 0, payloadLength));
    const bytes = shape.reduce((p, d) => p * d, dtype === 'bool' ? 1 : 4);
    const byteOffset = int(t['byteOffset'], `${f}.byteOffset`, at, at); // tensors are packed in order
    if (bytes > payloadLength - at) fail(`${f}.shape`, `a shape whose ${dtype} bytes fit in the ${payloadLength - at} payload bytes left`, shape);
    at = byteOffset + bytes;
    return { name, shape, dtype, byteOffset };
  });
  const weights = tensors(h['weights'], 'weights');
  let optimizer: CheckpointHeader['optimizer'] = null;
  if (h['optimizer'] !== null) {
    const o = obj(h['optimizer'], 'optimizer');
    optimizer = { className: str(o['className'], 'optimizer.className'), iterations: int(o['iterations'], 'optimizer.iterations', 0), weights: tensors(o['weights'], 'optimizer.weights') };
    if (version >= 3) {
      const lr = o['learningRate'];
      if (!(lr === null || (typeof lr === 'number' && Number.isFinite(lr) && lr >= 0))) fail('optimizer.learningRate', 'a finite number >= 0, or null (a schedule)', lr);
      optimizer.learningRate = lr as number | null;
    }
    optimizer.weights.forEach((w, i) => {
      const iter = i === 0;
      if (iter && (w.name !== 'iter' || w.dtype !== 'int32' || w.shape.length !== 0)) fail('optimizer.weights[0]', "'iter', an int32 scalar", w);
      if (!iter && w.dtype !== 'float32') fail(`optimizer.weights[${i}].dtype`, "'float32' (optimizer slots are float32)", w.dtype);
    });
    if (optimizer.weights.length === 0) fail('optimizer.weights', "a list starting with 'iter'", []);
  }
  const callbacks = version === 2 ? [] : list(h['callbacks'], 'callbacks').map((c, i): StoredCallbackState => {
    const f = `callbacks[${i}]`;
    const o = obj(c, f);
    const values = Object.fromEntries(Object.entries(obj(o['values'], `${f}.values`)).map(([k, v]) => [k, readValue(v, `${f}.values.${k}`, fail)]));
    return { kind: str(o['kind'], `${f}.kind`), values, tensors: tensors(o['tensors'], `${f}.tensors`) };
  });
  if (at !== payloadLength) fail('the tensors', `covering the ${payloadLength} payload bytes exactly`, `${at} bytes`);
  return { format: 'samebits-checkpoint', version, snapshot: validateSnapshot(obj(h['snapshot'], 'snapshot')), layers, topology, weights, optimizer, callbacks };

  function validateSnapshot(s: Obj): FitSnapshot {
    const o = obj(s['options'], 'snapshot.options');
    // fitDataset's checkpoints (with `dataset`) record batchSize 0, samples 0 and steps 0 when unknown: the dataset makes the batches.
    const dataset = s['dataset'] === undefined ? undefined : validateDataset(obj(s['dataset'], 'snapshot.dataset'));
    const min = dataset ? 0 : 1;
    const batchSize = int(o['batchSize'], 'snapshot.options.batchSize', min);
    const samples = int(o['samples'], 'snapshot.options.samples', min);
    const steps = int(o['steps'], 'snapshot.options.steps', min, dataset ? Number.MAX_SAFE_INTEGER : Math.ceil(samples / batchSize));
    const shuffle = typeof o['shuffle'] === 'boolean' ? o['shuffle'] : fail('snapshot.options.shuffle', 'true or false', o['shuffle']);
    const epoch = int(s['epoch'], 'snapshot.epoch', 0);
    const batch = int(s['batch'], 'snapshot.batch', 0, dataset && steps === 0 ? Number.MAX_SAFE_INTEGER : steps);
    const seed = int(s['seed'], 'snapshot.seed', Number.MIN_SAFE_INTEGER);
    if (version < 4 && s['call'] !== undefined) fail('snapshot.call', `absent in a version ${version} file (the training call came with version 4)`, s['call']);
    const call = version === 4 ? int(s['call'], 'snapshot.call', 1) : 0;
    const d = obj(s['data'], 'snapshot.data');
    const data = {} as DataDigests;
    for (const [k] of DATA_DIGEST_LABELS) {
      const v = d[k];
      const required = k === 'x' || k === 'y';
      if (!(typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) && !(v === null && !required)) fail(`snapshot.data.${k}`, `a SHA-256 in hex${required ? '' : ' or null'}`, v);
      (data as unknown as Obj)[k] = v;
    }
    const hs = obj(s['history'], 'snapshot.history');
    const epochs = list(hs['epoch'], 'snapshot.history.epoch').map((e, i, all) =>
      int(e, `snapshot.history.epoch[${i}]`, i === 0 ? 0 : (all[i - 1] as number) + 1, epoch - 1));
    const history = Object.fromEntries(Object.entries(obj(hs['history'], 'snapshot.history.history')).map(([k, v]) => {
      const values = nums(v, `snapshot.history.history.${k}`);
      if (values.length !== epochs.length) fail(`snapshot.history.history.${k}`, `one value per recorded epoch (${epochs.length} epoch${epochs.length === 1 ? '' : 's'})`, v);
      return [k, values];
    }));
    let partial: FitSnapshot['partial'] = null;
    if (batch === 0 && s['partial'] !== null) fail('snapshot.partial', 'null at an epoch boundary (batch 0)', s['partial']);
    if (batch > 0) {
      const p = obj(s['partial'], 'snapshot.partial');
      const state = (v: unknown, field: string): Record<string, number[]> =>
        Object.fromEntries(Object.entries(obj(v, field)).map(([k, e]) => [k, nums(e, `${field}.${k}`)]));
      const loss = state(p['loss'], 'snapshot.partial.loss');
      nums(loss['sum'] ?? fail('snapshot.partial.loss.sum', 'an array of numbers', undefined), 'snapshot.partial.loss.sum');
      const count = loss['count'];
      if (count?.length !== 1) fail('snapshot.partial.loss.count', 'one integer', count);
      int(count?.[0], 'snapshot.partial.loss.count[0]', 0);
      partial = { loss, metrics: list(p['metrics'], 'snapshot.partial.metrics').map((m, i) => state(m, `snapshot.partial.metrics[${i}]`)) };
      // A model with several outputs keeps the partial loss of each output after the first.
      if (p['outputLosses'] !== undefined) partial.outputLosses = list(p['outputLosses'], 'snapshot.partial.outputLosses').map((m, i) => state(m, `snapshot.partial.outputLosses[${i}]`));
    }
    return { epoch, batch, seed, ...(call === 0 ? {} : { call }), options: { batchSize, steps, samples, shuffle }, data, history: { epoch: epochs, history }, partial, callbacks: [], ...(dataset ? { dataset } : {}) };
  }

  function validateDataset(d: Obj): DatasetPosition {
    const sha = (v: unknown, field: string): string => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : fail(field, 'a SHA-256 in hex', v));
    const bpe = d['batchesPerEpoch'] === null ? null : int(d['batchesPerEpoch'], 'snapshot.dataset.batchesPerEpoch', 1);
    return {
      identity: sha(d['identity'], 'snapshot.dataset.identity'),
      batchesPerEpoch: bpe,
      pass: int(d['pass'], 'snapshot.dataset.pass', 0),
      element: int(d['element'], 'snapshot.dataset.element', 0),
      chain: sha(d['chain'], 'snapshot.dataset.chain'),
      step: int(d['step'], 'snapshot.dataset.step', 0),
    };
  }
}
