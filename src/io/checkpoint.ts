import type { FitSnapshot, ResumableCallback } from '../models/fit-state.js';
import { BaseCallback } from '../models/callbacks.js';
import type { Sequential } from '../models/sequential.js';
import type { Logs } from '../models/history.js';
import type { DataType } from '../tensor/dtype.js';
import { allocate } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { writeFileAtomic } from './atomic-file.js';
import { modelToJSON } from './topology.js';
import type { ModelTopologyJSON } from './topology.js';
import { packCheckpoint, unpackCheckpoint } from './checkpoint-format.js';

/** One tensor stored in a checkpoint's payload. */
interface StoredTensor {
  name: string;
  shape: number[];
  dtype: DataType;
  byteOffset: number;
}

/** The JSON header of a checkpoint file. */
export interface CheckpointHeader {
  format: 'samebits-checkpoint';
  version: 1;
  /** Position, seed, options, history and partial sums of the run. */
  snapshot: FitSnapshot;
  /** The model's class names, in order, to refuse a checkpoint of another architecture. */
  layers: string[];
  /** The model's topology in the TF.js model.json form (`modelFromJSON` rebuilds it). */
  topology: ModelTopologyJSON;
  weights: StoredTensor[];
  optimizer: { className: string; iterations: number; weights: StoredTensor[] } | null;
}

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

function decode(stored: StoredTensor[], payload: Uint8Array, file: string): Tensor[] {
  return stored.map((s) => {
    const size = s.shape.reduce((p, d) => p * d, 1);
    const width = s.dtype === 'bool' ? 1 : 4;
    if (!Number.isSafeInteger(size) || size < 0 || s.byteOffset < 0 || s.byteOffset + size * width > payload.length) {
      throw new Error(`checkpoint ${file}: tensor '${s.name}' of shape [${s.shape.join(',')}] does not fit in the payload of ${payload.length} bytes`);
    }
    const bytes = payload.slice(s.byteOffset, s.byteOffset + size * width);
    if (!LITTLE_ENDIAN && s.dtype !== 'bool') swap32(bytes);
    const values = allocate(s.dtype, size);
    new Uint8Array(values.buffer).set(bytes);
    return new Tensor(values, s.shape, s.dtype);
  });
}

/**
 * Serializes the model's weights, its optimizer's state and the fit snapshot into checkpoint
 * bytes (see `packCheckpoint` for the container and its SHA-256 trailer).
 */
export function checkpointBytes(model: Sequential, snapshot: FitSnapshot): Uint8Array {
  const chunks: Uint8Array[] = [];
  const offset = { at: 0 };
  const weights = encode(model.weights.map((v) => ({ name: v.name, tensor: v })), chunks, offset);
  const opt = model.compiled?.optimizer;
  const optimizer = opt ? { className: opt.getClassName(), iterations: opt.iterations, weights: encode(opt.getWeights(), chunks, offset) } : null;
  const header: CheckpointHeader = { format: 'samebits-checkpoint', version: 1, snapshot, layers: model.layers.map((l) => l.className), topology: modelToJSON(model), weights, optimizer };
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
  const { header, payload } = unpackCheckpoint(bytes, file);
  const h = header as Partial<CheckpointHeader>;
  if (h.format !== 'samebits-checkpoint' || h.version !== 1 || !h.snapshot || !Array.isArray(h.weights) || !Array.isArray(h.layers)) {
    throw new Error(`checkpoint ${file}: the header is not a SameBits checkpoint of version 1`);
  }
  const weights = decode(h.weights, payload, file);
  const optimizerWeights = h.optimizer ? decode(h.optimizer.weights, payload, file).map((tensor, i) => ({ name: (h.optimizer as NonNullable<CheckpointHeader['optimizer']>).weights[i]?.name as string, tensor })) : [];
  return { header: h as CheckpointHeader, weights, optimizerWeights };
}

/** Puts a checkpoint's weights and optimizer state into `model`, checking that they fit. */
export function restoreCheckpoint(model: Sequential, checkpoint: LoadedCheckpoint, file: string): void {
  const classes = model.layers.map((l) => l.className);
  if (classes.join(',') !== checkpoint.header.layers.join(',')) {
    throw new Error(`checkpoint ${file}: it holds a model with layers [${checkpoint.header.layers.join(', ')}], but this model has [${classes.join(', ')}]`);
  }
  const vars = model.weights;
  checkpoint.header.weights.forEach((s, i) => {
    const v = vars[i];
    if (!v || v.shape.join(',') !== s.shape.join(',')) {
      throw new Error(`checkpoint ${file}: weight ${i} ('${s.name}') has shape [${s.shape.join(',')}], but the model's is ${v ? `[${v.shape.join(',')}]` : 'missing'}`);
    }
  });
  if (vars.length !== checkpoint.weights.length) throw new Error(`checkpoint ${file}: it holds ${checkpoint.weights.length} weights, the model has ${vars.length}`);
  model.setWeights(checkpoint.weights);
  const opt = model.compiled?.optimizer;
  if (checkpoint.header.optimizer && opt) {
    if (opt.getClassName() !== checkpoint.header.optimizer.className) {
      throw new Error(`checkpoint ${file}: it was written with optimizer ${checkpoint.header.optimizer.className}, but the model is compiled with ${opt.getClassName()}`);
    }
    // Slot names carry the variable names of the run that wrote them; map them by position.
    const rename = new Map(checkpoint.header.weights.map((s, i) => [s.name, (vars[i] as { name: string }).name]));
    opt.setWeights(checkpoint.optimizerWeights.map(({ name, tensor }) => {
      const cut = name.lastIndexOf('/');
      const owner = cut < 0 ? undefined : rename.get(name.slice(0, cut));
      return { name: owner === undefined ? name : `${owner}${name.slice(cut)}`, tensor };
    }));
  }
}

/** Arguments of `callbacks.backupAndRestore` (Keras `BackupAndRestore`). */
export interface BackupAndRestoreArgs {
  /** Directory for the checkpoint files (created if missing). */
  backupDir: string;
  /** `'epoch'` (default) or a number of training steps between checkpoints. */
  saveFreq?: 'epoch' | number;
  /** How many checkpoints to keep, newest first (default 1). */
  keep?: number;
  /** Delete the checkpoints when fit finishes (Keras's default is true; here false). */
  deleteOnTrainEnd?: boolean;
}

const FILE = /^ckpt-(\d{8})-(\d{8})\.sbckpt$/;

/**
 * Checkpoints training and resumes it (Keras `BackupAndRestore`): writes the model, the
 * optimizer state and the training position to `backupDir` every epoch or every n steps, and
 * when a later `fit` with this callback starts, restores the newest checkpoint and continues
 * from that exact batch — to the same bits as a run that was never interrupted, mid-epoch
 * included (shuffles and dropout masks are pure functions of the seed and position).
 * Files are written atomically; the checksum is verified on load, and a damaged file is refused
 * with an error that names it.
 * @example await model.fit(x, y, { epochs: 10, callbacks: [callbacks.backupAndRestore({ backupDir: './backup', saveFreq: 50 })] });
 */
export class BackupAndRestore extends BaseCallback implements ResumableCallback {
  readonly backupDir: string;
  readonly saveFreq: 'epoch' | number;
  readonly keep: number;
  readonly deleteOnTrainEnd: boolean;
  private source: (() => FitSnapshot) | undefined;
  private owner: Sequential | undefined;

  constructor(args: BackupAndRestoreArgs) {
    super();
    if (typeof args?.backupDir !== 'string' || args.backupDir.length === 0) throw new Error(`backupAndRestore: backupDir must be a directory path. Received: backupDir=${String(args?.backupDir)}`);
    const freq = args.saveFreq ?? 'epoch';
    if (freq !== 'epoch' && (!Number.isInteger(freq) || freq < 1)) throw new Error(`backupAndRestore: saveFreq must be 'epoch' or a positive integer. Received: saveFreq=${String(args.saveFreq)}`);
    const keep = args.keep ?? 1;
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`backupAndRestore: keep must be a positive integer. Received: keep=${String(args.keep)}`);
    this.backupDir = args.backupDir;
    this.saveFreq = freq;
    this.keep = keep;
    this.deleteOnTrainEnd = args.deleteOnTrainEnd ?? false;
  }

  /** Called by fit: how to read the run's current snapshot. */
  setSnapshotSource(source: () => FitSnapshot): void {
    this.source = source;
  }

  /** Called by fit before training: restores the newest checkpoint, if any. */
  async restoreTraining(model: Sequential): Promise<FitSnapshot | undefined> {
    this.owner = model;
    await removeStaleTemporaries(this.backupDir);
    const files = await checkpointFiles(this.backupDir);
    const newest = files[files.length - 1];
    if (newest === undefined) return undefined;
    const checkpoint = await loadCheckpoint(newest);
    restoreCheckpoint(model, checkpoint, newest);
    return checkpoint.header.snapshot;
  }

  override async onBatchEnd(): Promise<void> {
    if (this.saveFreq === 'epoch' || !this.source) return;
    const s = this.source();
    const step = s.epoch * s.options.steps + s.batch;
    if (step % this.saveFreq === 0) await this.save(s);
  }

  override async onEpochEnd(_epoch: number, _logs?: Logs): Promise<void> {
    if (this.saveFreq === 'epoch' && this.source) await this.save(this.source());
  }

  override async onTrainEnd(): Promise<void> {
    if (!this.deleteOnTrainEnd) return;
    const fs = await import('node:fs/promises');
    for (const f of await checkpointFiles(this.backupDir)) await fs.rm(f, { force: true });
  }

  private async save(snapshot: FitSnapshot): Promise<void> {
    const model = this.owner ?? (this.model as Sequential | undefined);
    if (!model) return;
    const fs = await import('node:fs/promises');
    const { join } = await import('node:path');
    await fs.mkdir(this.backupDir, { recursive: true });
    const name = `ckpt-${String(snapshot.epoch).padStart(8, '0')}-${String(snapshot.batch).padStart(8, '0')}.sbckpt`;
    await writeFileAtomic(join(this.backupDir, name), checkpointBytes(model, snapshot));
    const files = await checkpointFiles(this.backupDir);
    for (const old of files.slice(0, Math.max(0, files.length - this.keep))) await fs.rm(old, { force: true });
  }
}

/** The names in `dir`, or none when it does not exist. */
async function namesIn(dir: string): Promise<string[]> {
  const fs = await import('node:fs/promises');
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

/** The checkpoint files in `dir`, oldest first (by position in training). */
export async function checkpointFiles(dir: string): Promise<string[]> {
  const { join } = await import('node:path');
  return (await namesIn(dir)).filter((n) => FILE.test(n)).sort().map((n) => join(dir, n));
}

/** Deletes temporary files that a process killed mid-save left behind. */
async function removeStaleTemporaries(dir: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const { join } = await import('node:path');
  for (const n of await namesIn(dir)) if (/^\.ckpt-\d{8}-\d{8}\.sbckpt\.tmp-\d+$/.test(n)) await fs.rm(join(dir, n), { force: true });
}

/** Reads and verifies one checkpoint file. */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  const fs = await import('node:fs/promises');
  const bytes = await fs.readFile(path);
  return parseCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}
