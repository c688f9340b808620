import type { DataType } from '../tensor/dtype.js';

/** Which part of the training state a logged tensor is. */
export type TensorGroup = 'gradient' | 'optimizer' | 'weight';

/** The fingerprint of one tensor at one logged step. */
export interface TensorPrint {
  group: TensorGroup;
  /** Name of the layer the tensor belongs to ('' for optimizer state of no layer, e.g. `iter`). */
  layer: string;
  /** The tensor's name within its layer (`kernel`, `kernel/m`, `iter`). */
  name: string;
  dtype: DataType;
  shape: number[];
  /** SHA-256 (hex) of `canonicalBytes([{ name: '', tensor }])`: dtype, shape and bits, not the name. */
  sha256: string;
  /** The element bytes, little-endian, in base64; present only when the logger stores values. */
  values?: string;
}

/** When a record was written. */
export type RecordKind = 'begin' | 'batch' | 'epoch' | 'end';

/** One logged step: the state after gradient step `step` (`begin`: before the first step, step -1). */
export interface LogRecord {
  kind: RecordKind;
  epoch: number;
  /** Batch index within the epoch, or null for `begin`/`epoch`/`end` records and the steps of a custom loop (no fit). */
  batch: number | null;
  /** fit's step index: epoch × steps per epoch + batch (a custom loop: its optimizer steps, from 0); -1 before training. */
  step: number;
  /** The batch loss (`batch` records) or the epoch loss (`epoch` records); a string for NaN/±Infinity. */
  loss: number | string | null;
  /** Gradients, then optimizer state, then weights, each in forward order of layers. */
  tensors: TensorPrint[];
  /** `fingerprint(model)` (only in `end` records). */
  fingerprint?: string;
}

/** The first line a logger writes for each `fit` call. */
export interface LogHeader {
  kind: 'header';
  format: 'samebits-fingerprint-log';
  version: 1;
  /** The global seed when training began. */
  seed: number;
  every: 'epoch' | 'batch' | number;
  /** The fit parameters (epochs, batchSize, samples, steps, …). */
  params: Record<string, unknown>;
}

/** The records of one `fit` call. */
export interface LoggedFit {
  header: LogHeader;
  records: LogRecord[];
}

/** A parsed fingerprint log: one entry per `fit` call logged into the file. */
export interface FingerprintLog {
  fits: LoggedFit[];
}

/**
 * Parses a fingerprint log (JSON lines). A torn last line, as a killed process leaves, is
 * ignored; any other malformed line is an error naming its line number.
 * @example parseFingerprintLog(readFileSync('run.jsonl', 'utf8')).fits[0].records.length
 */
export function parseFingerprintLog(text: string, source = 'log'): FingerprintLog {
  const lines = text.split('\n');
  const fits: LoggedFit[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      if (i === lines.length - 1) return; // an unfinished last line: the writer was interrupted
      throw new Error(`${source}:${i + 1}: not a JSON line (${(error as Error).message})`);
    }
    const entry = parsed as { kind?: unknown };
    if (entry.kind === 'header') {
      const header = parsed as LogHeader;
      if (header.format !== 'samebits-fingerprint-log') throw new Error(`${source}:${i + 1}: not a SameBits fingerprint log (format ${JSON.stringify(header.format)})`);
      fits.push({ header, records: [] });
      return;
    }
    if (entry.kind !== 'begin' && entry.kind !== 'batch' && entry.kind !== 'epoch' && entry.kind !== 'end') {
      throw new Error(`${source}:${i + 1}: unknown record kind ${JSON.stringify(entry.kind)}`);
    }
    const fit = fits[fits.length - 1];
    if (!fit) throw new Error(`${source}:${i + 1}: a record before any header line`);
    fit.records.push(parsed as LogRecord);
  });
  return { fits };
}

/** A loss as JSON can hold it: finite numbers as numbers, NaN and ±Infinity as strings. */
export function lossForJson(loss: number | undefined): number | string | null {
  if (loss === undefined) return null;
  return Number.isFinite(loss) ? loss : String(loss);
}
