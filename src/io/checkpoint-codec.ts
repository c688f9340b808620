import type { FitSnapshot } from '../models/fit-state.js';
import type { SavableModel } from '../models/saving.js';
import { allocate } from '../tensor/dtype.js';
import { Tensor } from '../ops/tensor.js';
import { packCheckpoint, unpackCheckpoint } from './checkpoint-format.js';
import type { CheckpointHeader, StoredTensor } from './checkpoint-validate.js';
import { validateHeader } from './checkpoint-validate.js';
import { modelToJSON } from './functional-topology.js';
import { storeValues } from './checkpoint-callbacks.js';

/** A checkpoint read back from disk and verified. */
export interface LoadedCheckpoint {
  header: CheckpointHeader;
  weights: Tensor[];
  optimizerWeights: { name: string; tensor: Tensor }[];
}

function encode(named: { name: string; tensor: Tensor }[], chunks: Uint8Array[], offset: { at: number }): StoredTensor[] {
  return named.map(({ name, tensor }) => {
    const bytes = new Uint8Array(tensor.values.buffer, tensor.values.byteOffset, tensor.values.byteLength).slice();
    // NOTE: typed arrays hold host byte order; the format is little-endian, as TF.js weights.
    if (!LITTLE_ENDIAN && tensor.dtype !== 'bool') swap32(bytes);
    const stored = { name, shape: tensor.shape.slice(), dtype: tensor.dtype, byteOffset: offset.at };
    chunks.push(bytes);
    offset.at += bytes.length;
    return stored;
  });
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swap32(bytes: Uint8Array): void {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    bytes[i] = bytes[i + 3] as number;
    bytes[i + 1] = bytes[i + 2] as number;
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}

/** The tensors of `stored`, whose byte ranges `validateHeader` has checked. */
function decode(stored: StoredTensor[], payload: Uint8Array): Tensor[] {
  return stored.map((s) => {
    const size = s.shape.reduce((p, d) => p * d, 1);
    const width = s.dtype === 'bool' ? 1 : 4;
    const bytes = payload.slice(s.byteOffset, s.byteOffset + size * width);
    if (!LITTLE_ENDIAN && s.dtype !== 'bool') swap32(bytes);
    const values = allocate(s.dtype, size);
    new Uint8Array(values.buffer, values.byteOffset, values.byteLength).set(bytes);
    return new Tensor(values, s.shape, s.dtype);
  });
}

/**
 * Serializes the model's weights, its optimizer's state and the fit snapshot into checkpoint
 * bytes (see `packCheckpoint` for the container and its SHA-256 trailer).
 */
export function checkpointBytes(model: SavableModel, snapshot: FitSnapshot): Uint8Array {
  const chunks: Uint8Array[] = [];
  const offset = { at: 0 };
  const weights = encode(model.weights.map((v) => ({ name: v.name, tensor: v })), chunks, offset);
  const opt = model.compiled?.optimizer;
  // The learning rate goes in too: callbacks such as reduceLROnPlateau change it during the fit.
  const optimizer = opt ? { className: opt.getClassName(), iterations: opt.iterations, weights: encode(opt.getWeights(), chunks, offset), learningRate: opt.learningRateSchedule ? null : opt.learningRate } : null;
  const callbacks = snapshot.callbacks.map((c) => ({ kind: c.kind, values: storeValues(c), tensors: encode(c.tensors.map((tensor, i) => ({ name: `${c.kind}/${i}`, tensor })), chunks, offset) }));
  // Version 4 only where it is needed (a later training call): first calls' checkpoints stay version 3, byte for byte.
  const header = { format: 'samebits-checkpoint', version: snapshot.call ? 4 : 3, snapshot: { ...snapshot, callbacks: undefined }, layers: model.layers.map((l) => l.className), topology: modelToJSON(model), weights, optimizer, callbacks };
  const payload = new Uint8Array(offset.at);
  let at = 0;
  for (const c of chunks) {
    payload.set(c, at);
    at += c.length;
  }
  return packCheckpoint(header, payload);
}

/**
 * Reads and verifies checkpoint bytes (checksum first, then structure); throws an error naming
 * `file` when anything is wrong.
 */
export function parseCheckpoint(bytes: Uint8Array, file: string): LoadedCheckpoint {
  const { header: raw, payload } = unpackCheckpoint(bytes, file);
  const header = validateHeader(raw, payload.length, file);
  const weights = decode(header.weights, payload);
  const stored = header.optimizer?.weights ?? [];
  const optimizerWeights = decode(stored, payload).map((tensor, i) => ({ name: (stored[i] as StoredTensor).name, tensor }));
  header.snapshot.callbacks = header.callbacks.map((c) => ({ kind: c.kind, values: c.values, tensors: decode(c.tensors, payload) }));
  if (header.optimizer && optimizerWeights[0]?.tensor.values[0] !== header.optimizer.iterations) {
    throw new Error(`checkpoint ${file}: optimizer.weights[0] ('iter') holds ${String(optimizerWeights[0]?.tensor.values[0])}, but optimizer.iterations is ${header.optimizer.iterations}`);
  }
  return { header, weights, optimizerWeights };
}

/** Reads and verifies one checkpoint file (checksum, then every field of the header). */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  const fs = await import('node:fs/promises');
  const bytes = await fs.readFile(path);
  return parseCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}
