import { BaseCallback } from '../models/callbacks.js';
import type { Logs } from '../models/history.js';
import type { Optimizer } from '../optimizers/index.js';
import type { GradientPair } from '../optimizers/optimizer.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { getRandomSeed } from './seed.js';
import type { LineWriter } from './line-file.js';
import { openLineFile } from './line-file.js';
import type { LogHeader, LogRecord, RecordKind, TensorPrint } from './log-format.js';
import { lossForJson } from './log-format.js';
import { fingerprint } from './model-fingerprint.js';
import type { Sha256 } from './tensor-print.js';
import { fastSha256, printTensor } from './tensor-print.js';

/** Options of `fingerprintLogger`. */
export interface FingerprintLoggerArgs {
  /** JSON-lines file to write (Node, Bun, Deno). Give this or `onLine`. */
  path?: string;
  /** Receives each JSON line instead of a file (browsers, tests). */
  onLine?: (line: string) => void;
  /** Log after every epoch (default), every batch, or every n gradient steps. */
  every?: 'epoch' | 'batch' | number;
  /** Also log the gradients of the logged step (as fit computed them, before clipping). */
  gradients?: boolean;
  /** Also log the optimizer state (`iter` and the slots, e.g. Adam's m and v). */
  optimizerSlots?: boolean;
  /**
   * Also store each tensor's bytes, so that `diffLogs` can measure differences: true for every
   * tensor, or a number to store only tensors of at most that many elements (default false).
   */
  values?: boolean | number;
  /** Append to the file instead of replacing it (default false). */
  append?: boolean;
}

/** The parts of a Sequential model the logger reads. */
interface LoggedModel {
  layers: { name: string; weights: Variable[] }[];
  weights: Variable[];
  trainableWeights: Variable[];
  compiled?: { optimizer: Optimizer } | undefined;
}

function asLoggedModel(model: unknown): LoggedModel {
  const m = model as Partial<LoggedModel> | undefined;
  if (!m || !Array.isArray(m.layers) || !Array.isArray(m.weights)) throw new Error('fingerprintLogger: the model has no layers; use it as a callback of model.fit');
  return m as LoggedModel;
}

function checkEvery(every: FingerprintLoggerArgs['every']): 'epoch' | 'batch' | number {
  const e = every ?? 'epoch';
  if (e === 'epoch' || e === 'batch' || (typeof e === 'number' && Number.isInteger(e) && e >= 1)) return e;
  throw new Error(`fingerprintLogger: every must be 'epoch', 'batch' or a positive integer. Received: every=${JSON.stringify(every)}`);
}

/**
 * A callback that writes, per logged step, the SHA-256 of every weight tensor by layer and
 * name (and optionally of the gradients and optimizer slots) as JSON lines: the record that
 * `samebits diff` compares to find where two runs part. One line is a `header` per fit, then
 * `begin` (the weights before the first step), the logged steps, and `end` (with
 * `fingerprint(model)`). Each line is written as soon as it is made.
 * @example await model.fit(x, y, { epochs: 5, callbacks: [fingerprintLogger({ path: 'run.jsonl' })] });
 */
export class FingerprintLogger extends BaseCallback {
  readonly every: 'epoch' | 'batch' | number;
  private readonly options: FingerprintLoggerArgs;
  private writer: LineWriter | undefined;
  private sha256: Sha256 | undefined;
  private epoch = 0;
  private step = -1;
  private gradients: readonly GradientPair[] = [];
  private restoreOptimizer: (() => void) | undefined;

  constructor(args: FingerprintLoggerArgs) {
    super();
    if (args === undefined || (args.path === undefined) === (args.onLine === undefined)) throw new Error('fingerprintLogger: give exactly one of path (a file) and onLine (a function receiving each line)');
    this.every = checkEvery(args.every);
    const v = args.values;
    if (v !== undefined && typeof v !== 'boolean' && !(typeof v === 'number' && v >= 0)) throw new Error(`fingerprintLogger: values must be true, false or a maximum element count. Received: values=${JSON.stringify(v)}`);
    this.options = args;
  }

  override async onTrainBegin(): Promise<void> {
    const model = asLoggedModel(this.model);
    this.sha256 = await fastSha256();
    const { path, onLine } = this.options;
    this.writer = path !== undefined ? await openLineFile(path, this.options.append ?? false) : { write: onLine as (line: string) => void, close: () => {} };
    if (this.options.gradients) this.captureGradients(model);
    this.epoch = this.params?.initialEpoch ?? 0;
    this.step = -1;
    const header: LogHeader = { kind: 'header', format: 'samebits-fingerprint-log', version: 1, seed: getRandomSeed(), every: this.every, params: { ...(this.params ?? {}) } };
    this.writer.write(JSON.stringify(header));
    this.writeRecord('begin', null, undefined);
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override onBatchEnd(batch: number, logs?: Logs): void {
    this.step = this.epoch * (this.params?.steps ?? 0) + batch;
    if (this.every === 'batch' || (typeof this.every === 'number' && (this.step + 1) % this.every === 0)) this.writeRecord('batch', batch, logs?.['loss']);
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    if (this.every === 'epoch') this.writeRecord('epoch', null, logs?.['loss']);
  }

  override onTrainEnd(): void {
    this.writeRecord('end', null, undefined);
    this.release();
  }

  /** fit failed: no `end` record (there is no final model), but the file is closed and the optimizer unwrapped. */
  override onTrainError(): void {
    this.release();
  }

  private release(): void {
    this.restoreOptimizer?.();
    this.restoreOptimizer = undefined;
    this.gradients = [];
    const writer = this.writer;
    this.writer = undefined;
    writer?.close();
  }

  /**
   * Keeps the gradients of the latest step. NOTE: fit hands gradients only to the optimizer,
   * so the logger wraps this optimizer instance's `apply` (an own property, removed again at
   * train end; the class is untouched). The gradients are referenced, not copied: cheap.
   */
  private captureGradients(model: LoggedModel): void {
    const optimizer = model.compiled?.optimizer;
    if (!optimizer) return;
    const previous = Object.getOwnPropertyDescriptor(optimizer, 'apply');
    const apply = optimizer.apply;
    Object.defineProperty(optimizer, 'apply', {
      configurable: true,
      writable: true,
      value: (pairs: readonly GradientPair[]): void => {
        this.gradients = pairs.slice();
        apply.call(optimizer, pairs);
      },
    });
    this.restoreOptimizer = () => {
      if (previous) Object.defineProperty(optimizer, 'apply', previous);
      else Reflect.deleteProperty(optimizer, 'apply');
    };
  }

  private writeRecord(kind: RecordKind, batch: number | null, loss: number | undefined): void {
    const model = asLoggedModel(this.model);
    const record: LogRecord = { kind, epoch: this.epoch, batch, step: this.step, loss: lossForJson(loss), tensors: this.prints(model, kind) };
    if (kind === 'end') record.fingerprint = fingerprint(model);
    this.writer?.write(JSON.stringify(record));
  }

  /** Gradients, then optimizer state, then weights: the order in which a step produces them. */
  private prints(model: LoggedModel, kind: RecordKind): TensorPrint[] {
    const owner = new Map<Variable, { layer: string; name: string }>();
    for (const layer of model.layers) for (const v of layer.weights) owner.set(v, { layer: layer.name, name: shortName(v.name, layer.name) });
    const out: TensorPrint[] = [];
    const print = (tensor: Tensor, group: TensorPrint['group'], layer: string, name: string): void => {
      out.push(printTensor(tensor, { group, layer, name, sha256: this.sha256 as Sha256, withValues: this.storesValues(tensor) }));
    };
    if (this.options.gradients && kind !== 'begin' && kind !== 'end') {
      for (const { variable, gradient } of this.gradients) {
        const o = owner.get(variable) ?? { layer: '', name: variable.name };
        print(gradient, 'gradient', o.layer, o.name);
      }
    }
    if (this.options.optimizerSlots && model.compiled) {
      for (const w of orderedSlots(model)) print(w.tensor, 'optimizer', w.layer, w.name);
    }
    for (const v of model.weights) {
      const o = owner.get(v) ?? { layer: '', name: v.name };
      print(v, 'weight', o.layer, o.name);
    }
    return out;
  }

  private storesValues(tensor: Tensor): boolean {
    const v = this.options.values;
    return v === true || (typeof v === 'number' && tensor.size <= v);
  }
}

function shortName(variableName: string, layerName: string): string {
  return variableName.startsWith(`${layerName}/`) ? variableName.slice(layerName.length + 1) : variableName;
}

/** The optimizer's state in forward order of the variables it belongs to (`iter` first). */
function orderedSlots(model: LoggedModel): { layer: string; name: string; tensor: Tensor }[] {
  const weights = (model.compiled as { optimizer: Optimizer }).optimizer.getWeights();
  const position = (name: string): number => {
    const i = model.weights.findIndex((v) => name.startsWith(`${v.name}/`));
    return i < 0 ? -1 : i;
  };
  // A stable sort by variable position: `iter` (position -1) first, each variable's slots in the optimizer's order.
  const ranked = weights.map((w, i) => ({ w, i, p: w.name === 'iter' ? -1 : position(w.name) }));
  ranked.sort((a, b) => a.p - b.p || a.i - b.i);
  return ranked.map(({ w }) => {
    const layer = model.layers.find((l) => w.name.startsWith(`${l.name}/`))?.name ?? '';
    return { layer, name: shortName(w.name, layer), tensor: w.tensor };
  });
}

/**
 * A `FingerprintLogger` (see there): the fingerprint of every weight tensor per epoch, batch
 * or n steps, as JSON lines for `samebits diff`.
 * @example callbacks: [fingerprintLogger({ path: 'run.jsonl', every: 'batch', values: 10_000 })]
 */
export function fingerprintLogger(args: FingerprintLoggerArgs): FingerprintLogger {
  return new FingerprintLogger(args);
}
