import type { RandomKey } from '../random/index.js';
import { foldIn, foldInPath, permutation } from '../random/index.js';
import type { Tensor } from '../ops/tensor.js';
import { rowRange, takeRows } from './data.js';

/** One batch: its index in the epoch, its number of rows, and those rows of each tensor (one per model input, one per output). */
export interface Batch {
  index: number;
  size: number;
  x: Tensor[];
  y: Tensor[] | null;
  w: Tensor | null;
}

/**
 * Where fit's loop gets its batches, epoch by epoch: an `EpochIterator` over arrays, or a
 * dataset's batches (fitDataset). `steps` is the number of batches per epoch when known.
 */
export interface BatchSource {
  readonly steps: number | null;
  /**
   * The batches of `epoch`, from batch `firstBatch` on (a resumed epoch starts mid-way), in
   * the model's training call `call` (`seedKey` is already that call's key).
   */
  epoch(epoch: number, options: { seedKey?: RandomKey; firstBatch?: number; call?: number }): Iterable<Batch> | AsyncIterable<Batch>;
}

/** How an `EpochIterator` cuts its data. */
export interface EpochIteratorOptions {
  batchSize: number;
  /** Batches per epoch, at most the number the data gives (default: all of them). */
  stepsPerEpoch?: number;
  /** Whether each epoch takes the rows in its own random order (default false: in order). */
  shuffle?: boolean;
}

/**
 * Batches of samples, epoch by epoch, shared by fit, evaluate and predict (Keras 3's epoch
 * iterator): batch k holds rows [kB, min((k+1)B, N)) of the epoch's order, the last partial
 * batch kept. The order is the rows' own, or, when shuffling, the permutation of epoch e drawn
 * from (the training call's key, 'fit/shuffle', e) alone, so any epoch and batch can be
 * recomputed to resume.
 * In-order batches are views of the data; shuffled ones are gathered.
 * Every input and target is cut by the same rows.
 * @example for (const b of new EpochIterator({ x, y }, { batchSize: 32, shuffle: true }).epoch(3, { seedKey })) use(b.x[0], b.y?.[0]);
 */
export class EpochIterator implements BatchSource {
  /** Rows per epoch. */
  readonly samples: number;
  readonly batchSize: number;
  /** Batches per epoch. */
  readonly steps: number;
  private readonly data: { x: Tensor[]; y: Tensor[] | null; w: Tensor | null };
  readonly shuffle: boolean;

  /** `x` and `y` are one tensor per model input / output (a single tensor stands for a list of one). */
  constructor(data: { x: Tensor | Tensor[]; y?: Tensor | Tensor[] | null; w?: Tensor | null }, options: EpochIteratorOptions) {
    const list = (t: Tensor | Tensor[]): Tensor[] => (Array.isArray(t) ? t : [t]);
    this.data = { x: list(data.x), y: data.y ? list(data.y) : null, w: data.w ?? null };
    this.samples = (this.data.x[0] as Tensor).shape[0] as number;
    this.batchSize = options.batchSize;
    const batchesInData = Math.ceil(this.samples / this.batchSize);
    this.steps = Math.min(batchesInData, options.stepsPerEpoch ?? batchesInData);
    this.shuffle = options.shuffle ?? false;
  }

  /**
   * The batches of `epoch`, from batch `firstBatch` on (a resumed epoch starts mid-way);
   * `seedKey`, the run's key, is needed when shuffling.
   */
  *epoch(epoch: number, options: { seedKey?: RandomKey; firstBatch?: number } = {}): Generator<Batch, void, undefined> {
    const { seedKey, firstBatch = 0 } = options;
    if (this.shuffle && !seedKey) throw new Error('EpochIterator.epoch: shuffled batches need the run\'s seedKey');
    const order = this.shuffle ? permutation(foldIn(foldInPath(seedKey as RandomKey, 'fit/shuffle'), epoch), this.samples) : null;
    const { x, y, w } = this.data;
    for (let index = firstBatch; index < this.steps; index++) {
      const start = index * this.batchSize;
      const end = Math.min(start + this.batchSize, this.samples);
      const rows = order?.subarray(start, end);
      const take = (t: Tensor): Tensor => (rows ? takeRows(t, rows) : rowRange(t, start, end));
      yield { index, size: end - start, x: x.map(take), y: y ? y.map(take) : null, w: w ? take(w) : null };
    }
  }
}
