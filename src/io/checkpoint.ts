import type { FitSnapshot, ResumableCallback, ResumeExpectation } from '../models/fit-state.js';
import { resumeMismatch } from '../models/fit-state.js';
import { BaseCallback } from '../models/callbacks.js';
import type { SavableModel } from '../models/saving.js';
import type { Logs } from '../models/history.js';
import { writeFileAtomic } from './atomic-file.js';
import { checkpointBytes } from './checkpoint-codec.js';
import type { DirectoryLock } from './checkpoint-lock.js';
import { checkLock, lockDirectory, removeStaleTemporaries, unlockDirectory } from './checkpoint-lock.js';
import { applyCheckpoint, checkFitsModel, newestValid } from './checkpoint-restore.js';

export { checkpointBytes, loadCheckpoint, parseCheckpoint } from './checkpoint-codec.js';
export type { LoadedCheckpoint } from './checkpoint-codec.js';
export type { CheckpointHeader } from './checkpoint-validate.js';
export { restoreCheckpoint } from './checkpoint-restore.js';

/** Arguments of `callbacks.backupAndRestore` (Keras `BackupAndRestore`). */
export interface BackupAndRestoreArgs {
  /** Directory for the checkpoint files (created if missing); one training run at a time (locked). */
  backupDir: string;
  /** `'epoch'` (default) or a number of training steps between checkpoints. */
  saveFreq?: 'epoch' | number;
  /** How many checkpoints to keep, newest first (default 1). */
  keep?: number;
  /** Delete the checkpoints when fit finishes (Keras's default is true; here false). */
  deleteOnTrainEnd?: boolean;
  /** When the newest checkpoint is damaged, resume from the newest valid older one with a warning instead of refusing (default false). */
  fallbackToOlder?: boolean;
}

const FILE = /^ckpt-(\d{8})-(\d{8})\.sbckpt$/;

/** The training call of the last checkpoint each model wrote, per backupDir, in this process. */
const wroteLast = new WeakMap<SavableModel, Map<string, number>>();


/**
 * Checkpoints training and resumes it (Keras `BackupAndRestore`): writes the model, the
 * optimizer state and the training position to `backupDir` every epoch or every n steps, and
 * when a later `fit` with this callback starts, restores the newest checkpoint and continues
 * from that exact batch — to the same bits as a run that was never interrupted, mid-epoch
 * included (shuffles and dropout masks are pure functions of the seed and position).
 * Files are written atomically; on load the checksum and every field are verified, and the
 * checkpoint is checked against the model, the fit's options and data digests before anything
 * is restored. One run at a time holds `backupDir` (a lock file).
 * @example await model.fit(x, y, { epochs: 10, callbacks: [callbacks.backupAndRestore({ backupDir: './backup', saveFreq: 50 })] });
 */
export class BackupAndRestore extends BaseCallback implements ResumableCallback {
  readonly backupDir: string;
  readonly saveFreq: 'epoch' | number;
  readonly keep: number;
  readonly deleteOnTrainEnd: boolean;
  readonly fallbackToOlder: boolean;
  private source: (() => FitSnapshot) | undefined;
  private owner: SavableModel | undefined;
  private lock: DirectoryLock | undefined;

  constructor(args: BackupAndRestoreArgs) {
    super();
    if (typeof args?.backupDir !== 'string' || args.backupDir.length === 0) throw new Error(`backupAndRestore: backupDir must be a directory path. Received: backupDir=${String(args?.backupDir)}`);
    const freq = args.saveFreq ?? 'epoch';
    if (freq !== 'epoch' && (!Number.isInteger(freq) || freq < 1)) throw new Error(`backupAndRestore: saveFreq must be 'epoch' or a positive integer. Received: saveFreq=${String(args.saveFreq)}`);
    const keep = args.keep ?? 1;
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`backupAndRestore: keep must be a positive integer. Received: keep=${String(args.keep)}`);
    if (args.fallbackToOlder !== undefined && typeof args.fallbackToOlder !== 'boolean') throw new Error(`backupAndRestore: fallbackToOlder must be true or false. Received: fallbackToOlder=${String(args.fallbackToOlder)}`);
    this.backupDir = args.backupDir;
    this.saveFreq = freq;
    this.keep = keep;
    this.deleteOnTrainEnd = args.deleteOnTrainEnd ?? false;
    this.fallbackToOlder = args.fallbackToOlder ?? false;
  }

  /** Called by fit: how to read the run's current snapshot. */
  setSnapshotSource(source: () => FitSnapshot): void {
    this.source = source;
  }

  /**
   * Called by fit before training: takes the directory's lock, then finds the newest valid
   * checkpoint, checks it against the model and `expected`, and only then restores it.
   */
  async restoreTraining(model: SavableModel, expected: ResumeExpectation): Promise<FitSnapshot | undefined> {
    this.owner = model;
    this.lock = await lockDirectory(this.backupDir);
    try {
      await removeStaleTemporaries(this.backupDir, await namesIn(this.backupDir));
      const found = await newestValid(await checkpointFiles(this.backupDir), this.fallbackToOlder);
      if (!found) return undefined;
      const { file, checkpoint } = found;
      const { snapshot } = checkpoint.header;
      // Written by this model, in an earlier call that did not throw (a loop of fit calls): that fit
      // is done, and this one, a later call, starts afresh (Keras deletes such a backup at its end).
      // Another model's or process's checkpoint is checked and resumed (or refused) as ever.
      const written = snapshot.call ?? 0;
      const own = wroteLast.get(model)?.get(this.backupDir) === written;
      if (own && expected.next && written < expected.next.call && written !== expected.next.failed) return undefined;
      const mismatch = resumeMismatch(checkpoint.header.snapshot, expected) ?? (await expected.verify?.(checkpoint.header.snapshot));
      if (mismatch !== undefined) throw new Error(`${model.name}.${expected.dataset ? 'fitDataset' : 'fit'}: cannot resume from checkpoint ${file}: ${mismatch}`);
      checkFitsModel(model, checkpoint, file);
      applyCheckpoint(model, checkpoint, file);
      return checkpoint.header.snapshot;
    } catch (error) {
      await unlockDirectory(this.lock);
      this.lock = undefined;
      throw error;
    }
  }

  override async onBatchEnd(): Promise<void> {
    if (this.saveFreq === 'epoch' || !this.source) return;
    const s = this.source();
    const step = s.dataset?.step ?? s.epoch * s.options.steps + s.batch;
    if (step % this.saveFreq === 0) await this.save(s);
  }

  override async onEpochEnd(_epoch: number, _logs?: Logs): Promise<void> {
    if (this.saveFreq === 'epoch' && this.source) await this.save(this.source());
  }

  override async onTrainEnd(): Promise<void> {
    if (this.deleteOnTrainEnd) {
      const fs = await import('node:fs/promises');
      for (const f of await checkpointFiles(this.backupDir)) await fs.rm(f, { force: true });
    }
    if (this.lock) await unlockDirectory(this.lock);
    this.lock = undefined;
  }

  /** A failed fit releases the directory too; its checkpoints stay, for resuming. */
  override async onTrainError(): Promise<void> {
    if (this.lock) await unlockDirectory(this.lock);
    this.lock = undefined;
  }

  private async save(snapshot: FitSnapshot): Promise<void> {
    const model = this.owner ?? (this.model as SavableModel | undefined);
    if (!model) return;
    if (this.lock) await checkLock(this.lock);
    const fs = await import('node:fs/promises');
    const { join } = await import('node:path');
    await fs.mkdir(this.backupDir, { recursive: true });
    const name = `ckpt-${String(snapshot.epoch).padStart(8, '0')}-${String(snapshot.batch).padStart(8, '0')}.sbckpt`;
    await writeFileAtomic(join(this.backupDir, name), checkpointBytes(model, snapshot));
    const dirs = wroteLast.get(model) ?? new Map<string, number>();
    wroteLast.set(model, dirs.set(this.backupDir, snapshot.call ?? 0));
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
