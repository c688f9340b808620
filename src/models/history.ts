/** Numeric logs of a batch or an epoch, keyed by `loss`, metric names and `val_*`. */
export type Logs = Record<string, number>;

/** Parameters of a `fit` call, as TF.js puts them in `History.params`. */
export interface FitParams {
  epochs: number;
  initialEpoch: number;
  /** Training samples per epoch (null: unknown, as with fitDataset). */
  samples: number | null;
  /** Batches per epoch (null: unknown until the data ends). */
  steps: number | null;
  /** null with fitDataset: the dataset makes the batches. */
  batchSize: number | null;
  verbose: number;
  doValidation: boolean;
  metrics: string[];
}

/**
 * What `fit` returns (TF.js `History`): `epoch` lists the epochs run and `history[key]` the
 * value of each log key per epoch.
 * @example const h = await model.fit(x, y, { epochs: 3 }); h.history.loss // [0.9, 0.5, 0.3]
 */
export class History {
  readonly epoch: number[] = [];
  readonly history: Record<string, number[]> = {};
  params: FitParams | Record<string, never> = {};

  /** Replaces the contents with a saved history (when resuming from a checkpoint). */
  restore(saved: { epoch: readonly number[]; history: Record<string, readonly number[]> }): void {
    this.epoch.splice(0, this.epoch.length, ...saved.epoch);
    for (const k of Object.keys(this.history)) delete this.history[k];
    for (const [k, v] of Object.entries(saved.history)) this.history[k] = v.slice();
  }

  /** Appends one epoch's logs. */
  record(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) {
      (this.history[k] ??= []).push(v);
    }
  }
}
