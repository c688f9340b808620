import type { Tensor } from '../ops/tensor.js';
import type { Optimizer } from '../optimizers/index.js';
import type { FitParams, Logs } from './history.js';

/** What a callback can see and steer of the model being trained. */
export interface TrainingModel {
  stopTraining: boolean;
  /** The compiled optimizer; callbacks that change the learning rate use it. */
  readonly optimizer?: Optimizer | undefined;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
}

/** The TF.js callback hooks; any of them may be async (fit awaits them in order). */
export interface CallbackHooks {
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  /**
   * SameBits (not in TF.js or Keras): called instead of the remaining hooks when fit fails
   * after `onTrainBegin` started (a hook, a layer or the loss threw); fit then rethrows the
   * error. The place to close files and undo what `onTrainBegin` set up. It may come to a
   * callback whose `onTrainBegin` never ran, or after its `onTrainEnd`, so it must check what
   * it opened.
   */
  onTrainError?(error: unknown): void | Promise<void>;
}

/** The names of the hooks fit calls, in the order of a training's life. */
export const CALLBACK_HOOKS: readonly (keyof CallbackHooks)[] = ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd', 'onTrainError'];

/** Base class of callbacks that need the model or the fit parameters. */
export abstract class BaseCallback implements CallbackHooks {
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  onTrainError?(error: unknown): void | Promise<void>;
  model: TrainingModel | undefined;
  params: FitParams | undefined;
  /** Called by fit before training starts. */
  setModel(model: TrainingModel): void {
    this.model = model;
  }
  /** Called by fit before training starts. */
  setParams(params: FitParams): void {
    this.params = params;
  }
}

/**
 * A callback from plain hook functions (TF.js `CustomCallback`).
 * @example new CustomCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) })
 */
export class CustomCallback extends BaseCallback {
  constructor(hooks: CallbackHooks) {
    super();
    for (const name of CALLBACK_HOOKS) {
      const hook = hooks[name] as ((...args: unknown[]) => unknown) | undefined;
      if (hook !== undefined) Object.defineProperty(this, name, { value: hook.bind(hooks), enumerable: true });
    }
  }
}

/**
 * Stops training at the first batch whose loss is NaN or infinite, printing
 * `Batch N: Invalid loss, terminating training` (Keras `TerminateOnNaN`). The epoch still ends
 * (its logs, with the bad loss, go to History and to onEpochEnd); no further epoch starts.
 * @example model.fit(x, y, { epochs: 10, callbacks: [callbacks.terminateOnNaN()] })
 */
export class TerminateOnNaN extends BaseCallback {
  override onBatchEnd(batch: number, logs?: Logs): void {
    const loss = logs?.['loss'];
    if (loss === undefined || Number.isFinite(loss)) return;
    console.log(`Batch ${batch}: Invalid loss, terminating training`);
    if (this.model) this.model.stopTraining = true;
  }
}

/** Runs a list of callbacks' hooks in order, awaiting each. */
export class CallbackList {
  constructor(readonly list: readonly CallbackHooks[]) {}

  async call<K extends keyof CallbackHooks>(hook: K, ...args: Parameters<NonNullable<CallbackHooks[K]>>): Promise<void> {
    for (const cb of this.list) {
      const fn = cb[hook] as ((...a: unknown[]) => void | Promise<void>) | undefined;
      if (fn) await fn.apply(cb, args);
    }
  }

  /**
   * The failure path: every callback's `onTrainError`, in order, each one run even when an
   * earlier one throws (a cleanup that fails is reported with console.warn, so that the error
   * fit rethrows stays the one that stopped training).
   */
  async fail(error: unknown): Promise<void> {
    for (const cb of this.list) {
      try {
        await cb.onTrainError?.(error);
      } catch (cleanupError) {
        console.warn(`fit: a callback's onTrainError failed while handling '${String(error)}': ${String(cleanupError)}`);
      }
    }
  }
}
