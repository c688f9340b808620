import type { FingerprintLog, LogHeader, LogRecord, TensorPrint } from './log-format.js';
import { parseFingerprintLog } from './log-format.js';
import type { DifferenceSize } from './tensor-difference.js';
import { measureDifference } from './tensor-difference.js';
import { printValues } from './tensor-print.js';

/** One tensor that differs between two runs at a logged step. */
export interface TensorDivergence {
  group: TensorPrint['group'];
  layer: string;
  name: string;
  shape: number[];
  /** Run B's shape, when it is not the same as A's. */
  shapeB?: number[];
  /** How much it differs: only when both logs hold the values (`values` option). */
  size?: DifferenceSize;
}

/** The first logged step at which two runs differ. */
export interface FirstDivergence {
  /** Which fit call (0 for the first) and which record of it. */
  fit: number;
  record: number;
  kind: LogRecord['kind'];
  epoch: number;
  batch: number | null;
  step: number;
  lossA: LogRecord['loss'];
  lossB: LogRecord['loss'];
  /** The differing tensors in log order: gradients, optimizer state, weights, each in forward order of layers. */
  tensors: TensorDivergence[];
  /** Whether the logs hold gradients at this step (then a divergence that starts in the weights began in the update). */
  gradientsLogged: boolean;
  /** Set when the two records do not describe the same step or the same tensors. */
  mismatch?: string;
}

/** What `diffLogs` found. */
export interface LogComparison {
  /** True when every record of both logs is bit-identical and neither log has more records. */
  identical: boolean;
  /** Records compared (up to and including the first divergence). */
  comparedRecords: number;
  /** Header fields that differ (`seed: 1 vs 2`); they explain a divergence but are not one. */
  headerDifferences: string[];
  first?: FirstDivergence;
  /** Set when one log continues after the other ends without any divergence before. */
  lengthDifference?: string;
  /** Run A's final `fingerprint(model)`, when its log has an `end` record. */
  finalFingerprint?: string;
}

function sameLoss(a: LogRecord['loss'], b: LogRecord['loss']): boolean {
  return typeof a === 'number' && typeof b === 'number' ? Object.is(a, b) : a === b;
}

function headerDifferences(a: LogHeader, b: LogHeader, fit: number): string[] {
  const out: string[] = [];
  const where = fit === 0 ? '' : ` (fit ${fit + 1})`;
  if (a.seed !== b.seed) out.push(`seed${where}: ${a.seed} vs ${b.seed}`);
  if (JSON.stringify(a.every) !== JSON.stringify(b.every)) out.push(`every${where}: ${JSON.stringify(a.every)} vs ${JSON.stringify(b.every)}`);
  const keys = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort(); // sorted: a stable report
  for (const k of keys) {
    const va = JSON.stringify(a.params[k]);
    const vb = JSON.stringify(b.params[k]);
    if (va !== vb) out.push(`${k}${where}: ${String(va)} vs ${String(vb)}`);
  }
  return out;
}

function compareTensors(a: readonly TensorPrint[], b: readonly TensorPrint[]): { tensors: TensorDivergence[]; mismatch?: string } {
  const tensors: TensorDivergence[] = [];
  const count = Math.min(a.length, b.length);
  for (let i = 0; i < count; i++) {
    const ta = a[i] as TensorPrint;
    const tb = b[i] as TensorPrint;
    if (ta.sha256 === tb.sha256) continue;
    const divergence: TensorDivergence = { group: ta.group, layer: ta.layer, name: ta.name, shape: ta.shape };
    const sameShape = ta.dtype === tb.dtype && JSON.stringify(ta.shape) === JSON.stringify(tb.shape);
    if (!sameShape) divergence.shapeB = tb.shape;
    const va = sameShape ? printValues(ta) : undefined;
    const vb = sameShape ? printValues(tb) : undefined;
    if (va && vb) divergence.size = measureDifference(va, vb, ta.dtype);
    tensors.push(divergence);
  }
  if (a.length !== b.length) return { tensors, mismatch: `run A logged ${a.length} tensors, run B ${b.length}` };
  return { tensors };
}

function compareRecords(a: LogRecord, b: LogRecord, fit: number, record: number): FirstDivergence | undefined {
  const gradientsLogged = a.tensors.some((t) => t.group === 'gradient');
  const at = { fit, record, kind: a.kind, epoch: a.epoch, batch: a.batch, step: a.step, lossA: a.loss, lossB: b.loss, gradientsLogged };
  if (a.kind !== b.kind || a.step !== b.step || a.epoch !== b.epoch) {
    return { ...at, tensors: [], mismatch: `the logs do not line up: run A logged ${a.kind} step ${a.step} (epoch ${a.epoch}), run B ${b.kind} step ${b.step} (epoch ${b.epoch})` };
  }
  const { tensors, mismatch } = compareTensors(a.tensors, b.tensors);
  if (tensors.length === 0 && mismatch === undefined && sameLoss(a.loss, b.loss)) return undefined;
  return mismatch === undefined ? { ...at, tensors } : { ...at, tensors, mismatch };
}

/**
 * Compares two fingerprint logs record by record and reports the first logged step where the
 * runs differ, which tensors differ there (in the order the log holds them: gradients, then
 * optimizer state, then weights, each in forward order of layers) and, when both logs hold
 * the values, by how much. Logs are given as parsed logs or as their JSON-lines text.
 * @example const c = diffLogs(readFileSync('a.jsonl', 'utf8'), readFileSync('b.jsonl', 'utf8')); c.identical
 */
export function diffLogs(a: FingerprintLog | string, b: FingerprintLog | string): LogComparison {
  const logA = typeof a === 'string' ? parseFingerprintLog(a, 'run A') : a;
  const logB = typeof b === 'string' ? parseFingerprintLog(b, 'run B') : b;
  const result: LogComparison = { identical: true, comparedRecords: 0, headerDifferences: [] };
  const fits = Math.min(logA.fits.length, logB.fits.length);
  for (let f = 0; f < fits && !result.first; f++) {
    const fa = logA.fits[f] as FingerprintLog['fits'][number];
    const fb = logB.fits[f] as FingerprintLog['fits'][number];
    result.headerDifferences.push(...headerDifferences(fa.header, fb.header, f));
    const records = Math.min(fa.records.length, fb.records.length);
    for (let r = 0; r < records && !result.first; r++) {
      result.comparedRecords++;
      const first = compareRecords(fa.records[r] as LogRecord, fb.records[r] as LogRecord, f, r);
      if (first) result.first = first;
    }
    if (!result.first && fa.records.length !== fb.records.length) {
      result.lengthDifference = `fit ${f + 1}: run A logged ${fa.records.length} records, run B ${fb.records.length}; all ${records} records both have are identical`;
    }
  }
  if (!result.first && !result.lengthDifference && logA.fits.length !== logB.fits.length) {
    result.lengthDifference = `run A logged ${logA.fits.length} fit calls, run B ${logB.fits.length}; the ${fits} both have are identical`;
  }
  result.identical = !result.first && !result.lengthDifference;
  const lastFit = logA.fits[logA.fits.length - 1];
  const end = lastFit?.records.filter((r) => r.kind === 'end').pop();
  if (end?.fingerprint !== undefined) result.finalFingerprint = end.fingerprint;
  return result;
}
