import { pythonFloat } from '../util/python-float.js';
import type { CallbackState, StatefulCallback } from './callback-state.js';
import { StateReader } from './callback-state.js';
import { BaseCallback } from './callbacks.js';
import type { TrainingModel } from './callbacks.js';
import type { Logs } from './history.js';
import type { MonitorMode } from './monitor.js';
import { countOption, finiteOption, isImprovement, monitorMode, monitoredValue } from './monitor.js';
import { received } from '../util/received.js';
import { checkOptions } from '../util/options.js';

/** Arguments of `callbacks.reduceLROnPlateau` (Keras 3 `ReduceLROnPlateau`, camelCase). */
export interface ReduceLROnPlateauArgs {
  /** Log key to watch (default `val_loss`). */
  monitor?: string;
  /** Multiplies the learning rate at each reduction, in [0, 1) (default 0.1). */
  factor?: number;
  /** Epochs without improvement before a reduction (default 10). */
  patience?: number;
  /** Print a line at each reduction (default 0). */
  verbose?: number;
  /** `min`, `max`, or `auto` (as earlyStopping). */
  mode?: 'auto' | 'min' | 'max';
  /** Smallest change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs after a reduction during which no epoch counts towards patience (default 0). */
  cooldown?: number;
  /** The learning rate is never reduced below this (default 0). */
  minLR?: number;
}

/**
 * Multiplies the optimizer's learning rate by `factor` when the monitored value has not
 * improved for `patience` epochs (Keras 3 `ReduceLROnPlateau`; TF.js has none), then waits
 * `cooldown` epochs before counting again. As in Keras the rate is read as float32, multiplied
 * in float64, floored at `minLR` and stored as float32, and only reduced while above
 * float32(minLR). Keras also writes `learning_rate` into the epoch logs; SameBits does not
 * (History is recorded before onEpochEnd): read `model.optimizer.learningRate`.
 * Wait, best and cooldown go into checkpoints, and the rate with the optimizer.
 * @example model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks: [callbacks.reduceLROnPlateau({ factor: 0.5, patience: 3 })] })
 */
export class ReduceLROnPlateau extends BaseCallback implements StatefulCallback {
  readonly stateKind: string = 'ReduceLROnPlateau';
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: MonitorMode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLR: number;
  private wait = 0;
  private best: number | null = null;
  private cooldownCounter = 0;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    const owner = 'reduceLROnPlateau';
    checkOptions(owner, args, ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLR']);
    this.monitor = args.monitor ?? 'val_loss';
    this.mode = monitorMode(this.monitor, args.mode ?? 'auto', owner);
    const factor = args.factor ?? 0.1;
    if (typeof factor !== 'number' || !(factor >= 0 && factor < 1)) throw new Error(`${owner}: factor must be a number in [0, 1) (a reduction). Received: factor=${received(args.factor)}`);
    this.factor = factor;
    this.patience = countOption(owner, 'patience', args.patience, 10);
    this.verbose = countOption(owner, 'verbose', args.verbose, 0);
    this.minDelta = Math.abs(finiteOption(owner, 'minDelta', args.minDelta, 1e-4));
    this.cooldown = countOption(owner, 'cooldown', args.cooldown, 0);
    const minLR = finiteOption(owner, 'minLR', args.minLR, 0);
    if (minLR < 0) throw new Error(`${owner}: minLR must be a finite number >= 0. Received: minLR=${received(args.minLR)}`);
    this.minLR = minLR;
  }

  override onTrainBegin(): void {
    settableOptimizer(this.model, 'reduceLROnPlateau');
    this.wait = 0;
    this.best = null;
    this.cooldownCounter = 0;
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const current = monitoredValue('reduceLROnPlateau', this.monitor, logs);
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (isImprovement(this.mode, this.minDelta, current, this.best)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait++;
    if (this.wait >= this.patience && this.reduce(epoch)) {
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }

  private reduce(epoch: number): boolean {
    const optimizer = settableOptimizer(this.model, 'reduceLROnPlateau');
    const old = Math.fround(optimizer.learningRate);
    if (!(old > Math.fround(this.minLR))) return false;
    const next = Math.max(old * this.factor, this.minLR);
    optimizer.learningRate = Math.fround(next); // Keras assigns to a float32 variable
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${pythonFloat(next)}.`);
    return true;
  }

  /** wait, best and the cooldown counter. */
  saveState(): CallbackState {
    return { values: { wait: this.wait, best: this.best, cooldownCounter: this.cooldownCounter }, tensors: [] };
  }

  restoreState(state: CallbackState): void {
    const r = new StateReader('reduceLROnPlateau', state);
    this.wait = r.int('wait');
    this.best = r.numberOrNull('best');
    this.cooldownCounter = r.int('cooldownCounter');
  }
}

/**
 * The model's optimizer, checked to have a settable (number) learning rate.
 * @example settableOptimizer(this.model, 'reduceLROnPlateau').learningRate = 0.01;
 */
export function settableOptimizer(model: TrainingModel | undefined, owner: string): NonNullable<TrainingModel['optimizer']> {
  const optimizer = model?.optimizer;
  if (!optimizer) throw new Error(`${owner}: the model has no optimizer; compile it before fit`);
  const schedule = optimizer.learningRateSchedule;
  if (schedule) throw new Error(`${owner}: the optimizer's learning rate follows a ${schedule.className} schedule, which cannot be changed; create the optimizer with a number learning rate to use ${owner}`);
  return optimizer;
}
