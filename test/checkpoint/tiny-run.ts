// In-process helpers for the checkpoint validation tests: a tiny model, its data, a run that
// stops after a few steps (leaving checkpoints on disk), and a forger that rewrites a
// checkpoint's header and recomputes a valid SHA-256 (a hostile file, not a damaged one).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packCheckpoint, unpackCheckpoint } from '../../src/io/checkpoint-format.js';
import { BackupAndRestore, checkpointFiles } from '../../src/io/checkpoint.js';
import type { BackupAndRestoreArgs } from '../../src/io/checkpoint.js';
import { CustomCallback, cast, layers, oneHot, randomNormal, randomUniformInt, sequential, setRandomSeed } from '../../src/node.js';
import type { CallbackHooks, Sequential, Tensor } from '../../src/node.js';
import type { FitArgs } from '../../src/models/fit.js';

const dirs: string[] = [];

/** A fresh temporary directory, removed by `removeDirs`. */
export function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'samebits-ckpt-'));
  dirs.push(d);
  return d;
}

export function removeDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Dense(3, softmax) on 4 features, Adam, with accuracy unless `metrics` is false. */
export function tinyModel(seed = 9, metrics = true): Sequential {
  setRandomSeed(seed);
  const m = sequential({ layers: [layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })] });
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', ...(metrics ? { metrics: ['accuracy'] } : {}) });
  return m;
}

/** 20 rows of 4 features and one-hot labels of 3 classes. */
export function tinyData(seed = 1): { x: Tensor; y: Tensor } {
  return { x: randomNormal([20, 4], 0, 1, 'float32', seed), y: cast(oneHot(randomUniformInt([20], 0, 3, { seed: seed + 100 }), 3), 'float32') };
}

/** Fits 3 epochs of 4 steps (batch 5) with a checkpoint every step, stopping after `stopAfter` steps. */
export async function fitTiny(model: Sequential, dir: string, data = tinyData(), options: { stopAfter?: number; fit?: FitArgs; backup?: Partial<BackupAndRestoreArgs> } = {}): Promise<void> {
  let steps = 0;
  const callbacks: CallbackHooks[] = [new BackupAndRestore({ backupDir: dir, saveFreq: 1, keep: 2, ...options.backup })];
  if (options.stopAfter !== undefined) {
    const stopAfter = options.stopAfter;
    callbacks.push(new CustomCallback({ onBatchEnd: () => { if (++steps === stopAfter) model.stopTraining = true; } }));
  }
  await model.fit(data.x, data.y, { epochs: 3, batchSize: 5, verbose: 0, callbacks, ...options.fit });
}

/** The newest checkpoint file in `dir`. */
export async function newest(dir: string): Promise<string> {
  const files = await checkpointFiles(dir);
  const f = files[files.length - 1];
  if (f === undefined) throw new Error(`no checkpoint in ${dir}`);
  return f;
}

/** Rewrites the header of checkpoint `file` with `edit` and stores it with a valid checksum. */
export function forge(file: string, edit: (header: Record<string, any>) => void): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { header, payload } = unpackCheckpoint(new Uint8Array(readFileSync(file)), file);
  edit(header as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  writeFileSync(file, packCheckpoint(header, payload));
}

/** The bytes of the model's weights and its optimizer's state, to compare before and after. */
export function stateBytes(model: Sequential): string[] {
  const opt = model.compiled?.optimizer;
  return [
    ...model.weights.map((v) => `${v.name}:${Buffer.from(v.values.buffer, v.values.byteOffset, v.values.byteLength).toString('hex')}`),
    ...(opt ? opt.getWeights().map((w) => `${w.name}:${w.tensor.shape.join(',')}:${Buffer.from(w.tensor.values.buffer, w.tensor.values.byteOffset, w.tensor.values.byteLength).toString('hex')}`) : []),
  ];
}
