import type { Optimizer, GradientPair } from '../optimizers/index.js';
import type { OptimizerStep, StepObserver } from '../optimizers/step-observer.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import type { LogHeader, LogRecord, RecordKind, TensorPrint } from './log-format.js';
import { lossForJson } from './log-format.js';
import { fingerprint } from './model-fingerprint.js';
import { getRandomSeed } from './seed.js';
import type { Sha256 } from './tensor-print.js';
import { fastSha256, printTensor, pureSha256 } from './tensor-print.js';

/** Options of `LoopLogger`: those of `fingerprintLogger`, with lines going to `onLine`. */
export interface LoopLoggerArgs {
  /** Receives each JSON line. */
  onLine: (line: string) => void;
  /** 'epoch' and 'batch' (no epochs without fit): every step; n: every n steps. The end record is always written. */
  every?: 'epoch' | 'batch' | number;
  /** Also log each logged step's gradients. */
  gradients?: boolean;
  /** Also log the optimizers' state (`iter` and the slots). */
  optimizerSlots?: boolean;
  /** Store each tensor's bytes: true, or only for tensors of at most this many elements. */
  values?: boolean | number;
}

/**
 * The fingerprint log of a custom training loop (`minimize` or `applyGradients`, no `fit`), as
 * a step observer: the variables the optimizers updated, in order of their first update. It
 * writes the format `fingerprintLogger` writes, so `samebits diff` and `check` compare loops
 * step by step: a `header` (params `{ loop: 'custom' }`), `begin` (the variables of the first
 * step, before it), a `batch` record per logged step (`batch: null`; step counts every
 * optimizer step of the process from 0) and, from `finish`, `end` with their fingerprint.
 * @example installStepObserver(new LoopLogger({ onLine: (l) => lines.push(l) }));
 */
export class LoopLogger implements StepObserver {
  readonly every: 'epoch' | 'batch' | number;
  private readonly options: LoopLoggerArgs;
  private sha256: Sha256 = pureSha256;
  private readonly variables: Variable[] = [];
  private readonly optimizers: Optimizer[] = [];
  private gradients: readonly GradientPair[] = [];
  private step = -1;
  private started = false;

  constructor(args: LoopLoggerArgs) {
    const e = args.every ?? 'batch';
    if (e !== 'epoch' && e !== 'batch' && !(typeof e === 'number' && Number.isInteger(e) && e >= 1)) throw new Error(`LoopLogger: every must be 'epoch', 'batch' or a positive integer. Received: every=${JSON.stringify(args.every)}`);
    this.every = e;
    this.options = args;
    // The same hex either way; Node's hash is faster once loaded.
    void fastSha256().then((f) => { this.sha256 = f; });
  }

  /** Optimizer steps seen so far. */
  get steps(): number {
    return this.step + 1;
  }

  /** The fingerprint of the updated variables (as `fingerprint` of a model holding them, in order of first update). */
  fingerprint(): string {
    return fingerprint({ weights: this.variables, trainableWeights: this.variables });
  }

  /** The first optimizer used, for the run manifest. */
  get optimizer(): Optimizer | undefined {
    return this.optimizers[0];
  }

  beforeStep(step: OptimizerStep): void {
    this.track(step);
    if (this.started) return;
    this.started = true;
    this.header();
    this.write('begin', undefined);
  }

  afterStep(step: OptimizerStep): void {
    this.step++;
    this.gradients = step.pairs;
    const logged = typeof this.every === 'number' ? (this.step + 1) % this.every === 0 : true;
    if (logged) this.write('batch', step.loss);
  }

  /** Writes a header again: another writer (a fit's logger) wrote into the same log since this one's last line. */
  header(): void {
    const header: LogHeader = { kind: 'header', format: 'samebits-fingerprint-log', version: 1, seed: getRandomSeed(), every: this.every, params: { loop: 'custom' } };
    this.options.onLine(JSON.stringify(header));
  }

  /** Writes the `end` record (nothing when no step was taken) and returns the final fingerprint. */
  finish(): string | undefined {
    if (!this.started) return undefined;
    this.write('end', undefined);
    return this.fingerprint();
  }

  private track({ optimizer, pairs }: OptimizerStep): void {
    if (!this.optimizers.includes(optimizer)) this.optimizers.push(optimizer);
    for (const { variable } of pairs) if (!this.variables.includes(variable)) this.variables.push(variable);
  }

  private write(kind: RecordKind, loss: Tensor | undefined): void {
    const value = loss !== undefined && loss.size === 1 ? Number(loss.values[0]) : undefined;
    const record: LogRecord = { kind, epoch: 0, batch: null, step: this.step, loss: lossForJson(value), tensors: this.prints(kind) };
    if (kind === 'end') record.fingerprint = this.fingerprint();
    this.options.onLine(JSON.stringify(record));
  }

  /** Gradients, then optimizer state, then the variables: the order in which a step produces them. */
  private prints(kind: RecordKind): TensorPrint[] {
    const out: TensorPrint[] = [];
    const print = (tensor: Tensor, group: TensorPrint['group'], layer: string, name: string): void => {
      out.push(printTensor(tensor, { group, layer, name, sha256: this.sha256, withValues: this.storesValues(tensor) }));
    };
    if (this.options.gradients && kind === 'batch') for (const { variable, gradient } of this.gradients) print(gradient, 'gradient', '', variable.name);
    if (this.options.optimizerSlots) {
      this.optimizers.forEach((o, i) => {
        const owner = this.optimizers.length > 1 ? `optimizer ${i + 1}` : '';
        for (const w of o.getWeights()) print(w.tensor, 'optimizer', owner, w.name);
      });
    }
    for (const v of this.variables) print(v, 'weight', '', v.name);
    return out;
  }

  private storesValues(tensor: Tensor): boolean {
    const v = this.options.values;
    return v === true || (typeof v === 'number' && tensor.size <= v);
  }
}
