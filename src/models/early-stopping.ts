import type { Tensor } from '../ops/tensor.js';
import type { CallbackState, StatefulCallback } from './callback-state.js';
import { StateReader } from './callback-state.js';
import { BaseCallback } from './callbacks.js';
import type { Logs } from './history.js';
import type { MonitorMode } from './monitor.js';
import { countOption, finiteOption, isImprovement, monitorMode, monitoredValue } from './monitor.js';
import { received } from '../util/received.js';
import { checkOptions } from '../util/options.js';

/** Arguments of `callbacks.earlyStopping` (TF.js / Keras names). */
export interface EarlyStoppingArgs {
  /** Log key to watch (default `val_loss`). */
  monitor?: string;
  /** Smallest change that counts as an improvement (default 0; its absolute value is used). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Print when stopping and when restoring weights (default 0). */
  verbose?: number;
  /** `min`, `max`, or `auto` (Keras 3 rule: losses min, accuracies max, else an error). */
  mode?: 'auto' | 'min' | 'max';
  /** Value the monitored key must beat for the patience count to restart (Keras 3). */
  baseline?: number;
  /** Put back the weights of the best epoch at the end of training (Keras 3; not in TF.js). */
  restoreBestWeights?: boolean;
  /** Epochs to train before watching at all (Keras 3 `start_from_epoch`, default 0). */
  startFromEpoch?: number;
}

/**
 * Stops training when the monitored value stops improving: TF.js `tf.callbacks.earlyStopping`'s
 * interface with Keras 3's rules (`keras/src/callbacks/early_stopping.py`), which differ from
 * TF.js: the first watched epoch sets `best` (TF.js starts from `baseline` or ±Infinity);
 * `baseline` only decides whether an improvement restarts the patience count; training never
 * stops at epoch 0; `restoreBestWeights` and `startFromEpoch` exist; the message is
 * `Epoch <stopped + 1>: early stopping`; the comparison is Keras's float32 one (see `isImprovement`).
 * Its state (wait, best, the best weights) goes into checkpoints, so a resumed fit stops where
 * the uninterrupted one would.
 * @example model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [callbacks.earlyStopping({ patience: 3, restoreBestWeights: true })] })
 */
export class EarlyStopping extends BaseCallback implements StatefulCallback {
  readonly stateKind: string = 'EarlyStopping';
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: MonitorMode;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  private wait = 0;
  private best: number | null = null;
  private bestWeights: Tensor[] | null = null;
  private bestEpoch = 0;
  /** Epoch at which training was stopped, or 0. */
  stoppedEpoch = 0;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    const owner = 'earlyStopping';
    checkOptions(owner, args, ['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch']);
    this.monitor = args.monitor ?? 'val_loss';
    this.mode = monitorMode(this.monitor, args.mode ?? 'auto', owner);
    this.minDelta = Math.abs(finiteOption(owner, 'minDelta', args.minDelta, 0));
    this.patience = countOption(owner, 'patience', args.patience, 0);
    this.verbose = countOption(owner, 'verbose', args.verbose, 0);
    this.baseline = args.baseline === undefined || args.baseline === null ? undefined : finiteOption(owner, 'baseline', args.baseline, 0);
    if (args.restoreBestWeights !== undefined && typeof args.restoreBestWeights !== 'boolean') throw new Error(`${owner}: restoreBestWeights must be true or false. Received: restoreBestWeights=${received(args.restoreBestWeights)}`);
    this.restoreBestWeights = args.restoreBestWeights ?? false;
    this.startFromEpoch = countOption(owner, 'startFromEpoch', args.startFromEpoch, 0);
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestWeights = null;
    this.bestEpoch = 0;
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const current = monitoredValue('earlyStopping', this.monitor, logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.bestWeights = this.model?.getWeights() ?? null;
      this.bestEpoch = epoch;
    }
    this.wait++;
    if (isImprovement(this.mode, this.minDelta, current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.model?.getWeights() ?? null;
      if (this.baseline === undefined || isImprovement(this.mode, this.minDelta, current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0 && this.model) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  /** Keras 3: the best epoch's weights come back at the end of training, stopped early or not. */
  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights && this.model) {
      if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.model.setWeights(this.bestWeights);
    }
  }

  /** wait, best, the best epoch and its weights, and whether it stopped training. */
  saveState(): CallbackState {
    const values = { wait: this.wait, best: this.best, bestEpoch: this.bestEpoch, stoppedEpoch: this.stoppedEpoch, hasBestWeights: this.bestWeights !== null };
    return { values, tensors: this.bestWeights?.map((t) => t.clone()) ?? [] };
  }

  /** Takes back `saveState`'s output; a run it had stopped stays stopped. */
  restoreState(state: CallbackState): void {
    const r = new StateReader('earlyStopping', state);
    const hasBestWeights = r.boolean('hasBestWeights');
    if (!hasBestWeights && state.tensors.length > 0) throw new Error(`earlyStopping: the saved state holds ${state.tensors.length} tensors but no best weights`);
    this.wait = r.int('wait');
    this.best = r.numberOrNull('best');
    this.bestEpoch = r.int('bestEpoch');
    this.stoppedEpoch = r.int('stoppedEpoch');
    this.bestWeights = hasBestWeights ? state.tensors.slice() : null;
    if (this.stoppedEpoch > 0 && this.model) this.model.stopTraining = true;
  }
}
