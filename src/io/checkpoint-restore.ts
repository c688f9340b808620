import type { SavableModel } from '../models/saving.js';
import type { LoadedCheckpoint } from './checkpoint-codec.js';
import { loadCheckpoint } from './checkpoint-codec.js';

/**
 * Checks that a checkpoint fits `model`: layer classes, weight count, shapes and dtypes, the
 * optimizer's class, and that every optimizer slot belongs to one of the checkpoint's weights.
 * Changes nothing; throws an error naming `file`.
 */
export function checkFitsModel(model: SavableModel, checkpoint: LoadedCheckpoint, file: string): void {
  const { header } = checkpoint;
  const classes = model.layers.map((l) => l.className);
  if (classes.join(',') !== header.layers.join(',')) {
    throw new Error(`checkpoint ${file}: it holds a model with layers [${header.layers.join(', ')}], but this model has [${classes.join(', ')}]`);
  }
  const vars = model.weights;
  header.weights.forEach((s, i) => {
    const v = vars[i];
    if (!v || v.shape.join(',') !== s.shape.join(',')) {
      throw new Error(`checkpoint ${file}: weight ${i} ('${s.name}') has shape [${s.shape.join(',')}], but the model's is ${v ? `[${v.shape.join(',')}]` : 'missing'}`);
    }
    if (v.dtype !== s.dtype) throw new Error(`checkpoint ${file}: weight ${i} ('${s.name}') has dtype ${s.dtype}, but the model's is ${v.dtype}`);
  });
  if (vars.length !== header.weights.length) throw new Error(`checkpoint ${file}: it holds ${header.weights.length} weights, the model has ${vars.length}`);
  const opt = model.compiled?.optimizer;
  if (header.optimizer && opt && opt.getClassName() !== header.optimizer.className) {
    throw new Error(`checkpoint ${file}: it was written with optimizer ${header.optimizer.className}, but the model is compiled with ${opt.getClassName()}`);
  }
  const lr = header.optimizer?.learningRate;
  if (opt && lr !== undefined && (lr === null) !== (opt.learningRateSchedule !== null)) {
    throw new Error(`checkpoint ${file}: it was written by an optimizer whose learning rate ${lr === null ? 'follows a schedule' : `is a number (${lr})`}, but this model's optimizer ${opt.learningRateSchedule ? `follows a ${opt.learningRateSchedule.className} schedule` : 'has a number learning rate'}`);
  }
  const names = new Set(header.weights.map((s) => s.name));
  header.optimizer?.weights.slice(1).forEach((s, i) => {
    const owner = s.name.slice(0, Math.max(0, s.name.lastIndexOf('/')));
    if (!names.has(owner)) throw new Error(`checkpoint ${file}: optimizer.weights[${i + 1}] ('${s.name}') is the slot of no weight in the checkpoint`);
  });
}

/**
 * Puts a checkpoint's weights and optimizer state into `model`, all or nothing: the optimizer
 * (whose `setWeights` checks everything before it changes anything) first, then the weights; if
 * the weights are refused, the optimizer's previous state is put back.
 */
export function applyCheckpoint(model: SavableModel, checkpoint: LoadedCheckpoint, file: string): void {
  const { header } = checkpoint;
  const vars = model.weights;
  const opt = model.compiled?.optimizer;
  const previous = opt?.getWeights();
  if (header.optimizer && opt) {
    // Slot names carry the variable names of the run that wrote them; map them by position.
    const rename = new Map(header.weights.map((s, i) => [s.name, (vars[i] as { name: string }).name]));
    try {
      opt.setWeights(checkpoint.optimizerWeights.map(({ name, tensor }) => {
        const cut = name.lastIndexOf('/');
        const owner = cut < 0 ? undefined : rename.get(name.slice(0, cut));
        return { name: owner === undefined ? name : `${owner}${name.slice(cut)}`, tensor };
      }));
    } catch (error) {
      throw new Error(`checkpoint ${file}: the optimizer state does not fit: ${(error as Error).message}`, { cause: error });
    }
  }
  try {
    model.setWeights(checkpoint.weights);
  } catch (error) {
    if (previous && opt) opt.setWeights(previous);
    throw new Error(`checkpoint ${file}: the weights do not fit: ${(error as Error).message}`, { cause: error });
  }
  // The rate a callback (reduceLROnPlateau, learningRateScheduler) had set; checkFitsModel made sure it is a number here.
  const lr = header.optimizer?.learningRate;
  if (opt && typeof lr === 'number') opt.learningRate = lr;
}

/** Checks that a checkpoint fits `model` and puts its weights and optimizer state into it. */
export function restoreCheckpoint(model: SavableModel, checkpoint: LoadedCheckpoint, file: string): void {
  checkFitsModel(model, checkpoint, file);
  applyCheckpoint(model, checkpoint, file);
}

/**
 * The newest checkpoint of `files` (oldest first) that loads and validates. When the newest is
 * damaged, throws its error saying which older file is valid, unless `fallbackToOlder`: then
 * warns and returns the older one.
 */
export async function newestValid(files: readonly string[], fallbackToOlder: boolean): Promise<{ file: string; checkpoint: LoadedCheckpoint } | undefined> {
  const newest = files[files.length - 1];
  if (newest === undefined) return undefined;
  let firstError: Error | undefined;
  for (let i = files.length - 1; i >= 0; i--) {
    const file = files[i] as string;
    try {
      const checkpoint = await loadCheckpoint(file);
      if (!firstError) return { file, checkpoint };
      if (!fallbackToOlder) {
        firstError.message += `. An older checkpoint, ${file}, is valid: pass fallbackToOlder: true to backupAndRestore to resume from it (the steps after it are trained again), or delete ${newest}`;
        throw firstError;
      }
      console.warn(`backupAndRestore: ${firstError.message}; resuming from the older valid checkpoint ${file} (fallbackToOlder: true)`);
      return { file, checkpoint };
    } catch (error) {
      if (error === firstError) throw error;
      firstError ??= error as Error;
    }
  }
  throw firstError as Error;
}
