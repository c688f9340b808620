import type { Dataset } from '../data/index.js';
import { CHAIN_START, chainDigest } from '../data/index.js';
import type { Tensor } from '../ops/tensor.js';
import type { Batch, BatchSource } from './epoch-iterator.js';
import type { DatasetPosition, FitSnapshot } from './fit-state.js';
import { standardizeBatch } from './dataset-element.js';
import type { EngineModel } from './engine.js';
import { sampleWeights } from './weights.js';

/**
 * fitDataset's batch source: pass e of the dataset for epoch e, or, with `batchesPerEpoch`,
 * one pass across all epochs (TF.js). It knows its position (pass, batches taken) and, when
 * `tracking`, a hash chain of the batches taken, so a checkpoint can record where it stands and
 * a resume can replay the pass to that point and check that it got the same batches.
 */
export class DatasetBatches implements BatchSource {
  readonly steps: number | null;
  private it: AsyncIterator<unknown> | undefined;
  private pass = -1;
  /** The model's training call whose passes are open: call c > 0 opens pass path [c, pass], so each fitDataset call reshuffles (as a new TF.js iterator does). */
  private call = 0;
  private taken = 0;
  private chain = CHAIN_START;
  private pending: IteratorResult<unknown> | undefined;
  /** The batches the last completed pass gave (epochs without batchesPerEpoch). */
  private lastPass: { pass: number; batches: number } | undefined;

  constructor(
    private readonly model: EngineModel,
    private readonly dataset: Dataset<unknown>,
    private readonly batchesPerEpoch: number | null,
    private readonly method: string,
    private readonly tracking: boolean,
    private readonly classWeight: Record<number, number> | null = null,
    private readonly allowNonFinite = false,
  ) {
    const size = dataset.size;
    this.steps = batchesPerEpoch ?? (size !== null && Number.isFinite(size) ? size : null);
  }

  private where(position: { epoch: number; batch: number }): { pass: number; element: number } {
    const bpe = this.batchesPerEpoch;
    return bpe === null ? { pass: position.epoch, element: position.batch } : { pass: 0, element: position.epoch * bpe + position.batch };
  }

  private open(pass: number, call: number): AsyncIterator<unknown> {
    return this.dataset.open(call === 0 ? [pass] : [call, pass]);
  }

  /** Puts the stream at batch `element` of pass `pass`: the current stream if already there, else the pass replayed from its start. */
  private async seek(pass: number, element: number, call: number): Promise<void> {
    if (this.it && this.pass === pass && this.call === call && this.taken === element) return;
    this.it = this.open(pass, call);
    this.pass = pass;
    this.call = call;
    this.taken = 0;
    this.chain = CHAIN_START;
    this.pending = undefined;
    while (this.taken < element) {
      if ((await this.pull()).done) throw new Error(`${this.method}: the dataset ended after ${this.taken} batches of pass ${pass}, before batch ${element}, where training is to resume; resume with the same dataset`);
    }
  }

  private async pull(): Promise<IteratorResult<unknown>> {
    const r = this.pending ?? (await (this.it as AsyncIterator<unknown>).next());
    this.pending = undefined;
    if (!r.done) {
      this.taken++;
      if (this.tracking) this.chain = chainDigest(this.chain, r.value);
    }
    return r;
  }

  /** The first batch training will take from `start`, without taking it (fit reads its shapes to resolve the metrics). */
  async peek(start: { epoch: number; batch: number; call?: number }): Promise<{ x: Tensor[]; y: Tensor[] }> {
    const { pass, element } = this.where(start);
    await this.seek(pass, element, start.call ?? 0);
    this.pending ??= await (this.it as AsyncIterator<unknown>).next();
    let first = this.pending;
    // Resumed at an epoch's very end: the next pass's first batch stands for the shapes, read
    // from a stream of its own so this one stays where training resumes.
    if (first.done && element > 0 && this.batchesPerEpoch === null) first = await this.open(pass + 1, this.call).next();
    if (first.done) throw new Error(`${this.method}: the dataset gave no batch (pass ${pass}${element > 0 ? `, after batch ${element}` : ''}); expected at least one element {xs, ys}`);
    return standardizeBatch(this.model, first.value, this.method, this.allowNonFinite, first === this.pending ? { batch: element, pass } : { batch: 0, pass: pass + 1 });
  }

  async *epoch(epoch: number, options: { firstBatch?: number; call?: number } = {}): AsyncGenerator<Batch> {
    const firstBatch = options.firstBatch ?? 0;
    const { pass, element } = this.where({ epoch, batch: firstBatch });
    await this.seek(pass, element, options.call ?? 0);
    const bpe = this.batchesPerEpoch;
    for (let index = firstBatch; bpe === null || index < bpe; index++) {
      const r = await this.pull();
      if (r.done) {
        if (bpe !== null) {
          // TF.js warns and goes on with empty epochs; training stops here instead.
          console.warn(`${this.method}: batchesPerEpoch is ${bpe}, but the dataset ran out of data after ${this.taken} batches; training stops. Make sure the dataset gives at least batchesPerEpoch × epochs batches (repeat() it)`);
          this.model.stopTraining = true;
        } else if (this.taken === 0 && this.lastPass) {
          // An empty epoch would log NaN and train nothing: a source drained by an earlier pass.
          throw new Error(`${this.method}: pass ${pass} of the dataset (epoch ${epoch}) gave no batch, but pass ${this.lastPass.pass} gave ${this.lastPass.batches}; every epoch reads a new pass, so a data.generator must give its elements again on each call (not from a shared, drained iterator)`);
        } else {
          this.lastPass = { pass, batches: this.taken };
        }
        return;
      }
      const { x, y } = standardizeBatch(this.model, r.value, this.method, this.allowNonFinite, { batch: this.taken - 1, pass: this.pass });
      // classWeight reads the classes of the one output (fitDataset refuses it for several).
      yield { index, size: x[0]?.shape[0] as number, x, y, w: sampleWeights(y[0] as Tensor, undefined, this.classWeight, this.method) };
    }
  }

  /** Where the dataset stands when the loop stands at `position` (a new epoch without batchesPerEpoch is a new pass). */
  position(identity: string, position: { epoch: number; batch: number }): Omit<DatasetPosition, 'step'> {
    const at = this.where(position);
    const fresh = at.pass !== this.pass || at.element === 0;
    return { identity, batchesPerEpoch: this.batchesPerEpoch, pass: at.pass, element: at.element, chain: fresh ? CHAIN_START : this.chain };
  }

  /** Replays the dataset to the checkpoint's position; why it cannot resume there, or undefined. */
  async verify(snapshot: FitSnapshot): Promise<string | undefined> {
    const ds = snapshot.dataset;
    if (!ds) return undefined;
    this.it = undefined; // always replay: the chain must be recomputed from the pass's start
    try {
      await this.seek(ds.pass, ds.element, snapshot.call ?? 0);
    } catch (error) {
      return (error as Error).message.replace(`${this.method}: `, '');
    }
    if (this.chain !== ds.chain) return `the dataset gives other batches than the run that wrote it (the first ${ds.element} batches of pass ${ds.pass} differ); a generator must give the same elements on every pass to resume`;
    return undefined;
  }
}
