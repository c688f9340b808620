import { pythonFloat } from '../util/python-float.js';
import type { CallbackState, StatefulCallback } from './callback-state.js';
import { StateReader } from './callback-state.js';
import { BaseCallback } from './callbacks.js';
import { settableOptimizer } from './reduce-lr-on-plateau.js';
import { received } from '../util/received.js';

/** The function `learningRateScheduler` calls: the epoch (0-based) and the current rate (float32) give the epoch's rate. */
export type LearningRateSchedulerFunction = (epoch: number, learningRate: number) => number;

/**
 * Sets the optimizer's learning rate at the beginning of every epoch to
 * `schedule(epoch, currentRate)` (Keras 3 `LearningRateScheduler`; TF.js has none). As in Keras
 * the current rate is read as float32 and the result stored as float32. Unlike Keras it does
 * not write `learning_rate` into the logs (read `model.optimizer.learningRate`).
 * A fit resumed in the middle of an epoch keeps the rate that epoch began with (the checkpoint
 * holds it) instead of applying the schedule to it a second time.
 * @example callbacks.learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * 0.9))
 */
export class LearningRateScheduler extends BaseCallback implements StatefulCallback {
  readonly stateKind: string = 'LearningRateScheduler';
  readonly schedule: LearningRateSchedulerFunction;
  readonly verbose: number;
  private lastEpoch = -1;

  constructor(schedule: LearningRateSchedulerFunction, args: { verbose?: number } = {}) {
    super();
    if (typeof schedule !== 'function') throw new Error(`learningRateScheduler: schedule must be a function (epoch, learningRate) => number. Received: schedule=${typeof schedule}`);
    const verbose = args.verbose ?? 0;
    if (!Number.isSafeInteger(verbose) || verbose < 0) throw new Error(`learningRateScheduler: verbose must be a non-negative integer. Received: verbose=${received(args.verbose)}`);
    this.schedule = schedule;
    this.verbose = verbose;
  }

  override onTrainBegin(): void {
    settableOptimizer(this.model, 'learningRateScheduler');
    this.lastEpoch = -1;
  }

  override onEpochBegin(epoch: number): void {
    if (epoch === this.lastEpoch) return; // resumed mid-epoch: this epoch's rate is already set
    const optimizer = settableOptimizer(this.model, 'learningRateScheduler');
    const current = Math.fround(optimizer.learningRate);
    const next: unknown = this.schedule(epoch, current);
    if (typeof next !== 'number' || !Number.isFinite(next) || next < 0) {
      throw new Error(`learningRateScheduler: schedule(${epoch}, ${current}) returned ${typeof next === 'number' ? String(next) : typeof next}; expected a finite number >= 0`);
    }
    optimizer.learningRate = Math.fround(next);
    this.lastEpoch = epoch;
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${pythonFloat(next)}.`);
  }

  /** The last epoch whose rate was set. */
  saveState(): CallbackState {
    return { values: { lastEpoch: this.lastEpoch }, tensors: [] };
  }

  restoreState(state: CallbackState): void {
    this.lastEpoch = new StateReader('learningRateScheduler', state).int('lastEpoch', -1);
  }
}
