import type { Tensor } from '../ops/tensor.js';
import type { FitParams, Logs } from './history.js';

/** What a callback can see and steer of the model being trained. */
export interface TrainingModel {
  stopTraining: boolean;
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

/** Arguments of `callbacks.earlyStopping` (TF.js / Keras names). */
export interface EarlyStoppingArgs {
  /** Log key to watch (default `val_loss`). */
  monitor?: string;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Print a line when stopping (default 0). */
  verbose?: number;
  /** `min`, `max`, or `auto` (max for keys containing `acc`, else min). */
  mode?: 'auto' | 'min' | 'max';
  /** Value the monitored key must beat. */
  baseline?: number;
  /** Restore the weights of the best epoch at the end (Keras). */
  restoreBestWeights?: boolean;
}

/**
 * Stops training when the monitored value stops improving (TF.js `tf.callbacks.earlyStopping`).
 * @example model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [callbacks.earlyStopping({ patience: 3 })] })
 */
export class EarlyStopping extends BaseCallback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: 'min' | 'max';
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  private wait = 0;
  private best = Infinity;
  private bestWeights: Tensor[] | undefined;
  /** Epoch at which training was stopped, or 0. */
  stoppedEpoch = 0;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.minDelta = Math.abs(args.minDelta ?? 0);
    this.patience = args.patience ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0) throw new Error(`earlyStopping: patience must be a non-negative integer. Received: patience=${String(args.patience)}`);
    this.verbose = args.verbose ?? 0;
    const mode = args.mode ?? 'auto';
    if (mode !== 'auto' && mode !== 'min' && mode !== 'max') throw new Error(`earlyStopping: mode must be 'auto', 'min' or 'max'. Received: mode=${JSON.stringify(mode)}`);
    this.mode = mode === 'auto' ? (this.monitor.includes('acc') ? 'max' : 'min') : mode;
    this.baseline = args.baseline;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
  }

  private score(value: number): number {
    return this.mode === 'min' ? value : -value;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.baseline !== undefined ? this.score(this.baseline) : Infinity;
    this.bestWeights = undefined;
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const value = logs?.[this.monitor];
    if (value === undefined) {
      console.warn(`earlyStopping: monitored key '${this.monitor}' is not in the logs (available: ${Object.keys(logs ?? {}).join(', ')})`);
      return;
    }
    const s = this.score(value);
    if (s < this.best - this.minDelta) {
      this.best = s;
      this.wait = 0;
      if (this.restoreBestWeights) this.bestWeights = this.model?.getWeights();
      return;
    }
    this.wait++;
    if (this.wait >= this.patience && epoch > 0 && this.model) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
      if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: early stopping`);
    }
  }

  /** Keras 3: the best epoch's weights come back at the end of training, stopped early or not. */
  override onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights && this.model) this.model.setWeights(this.bestWeights);
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

/** Callback factories with TF.js names. */
export const callbacks: { earlyStopping: (args?: EarlyStoppingArgs) => EarlyStopping; terminateOnNaN: () => TerminateOnNaN } = {
  earlyStopping: (args) => new EarlyStopping(args),
  terminateOnNaN: () => new TerminateOnNaN(),
};

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
