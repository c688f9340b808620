import { sha256 } from '@noble/hashes/sha2.js';
import { Dataset } from './dataset.js';
import type { DatasetLineage, PassPath } from './dataset.js';
import { hex } from './digest.js';
import { utf8Bytes } from '../util/utf8.js';

/** How one CSV column is read (TF.js `ColumnConfig`). */
export interface ColumnConfig {
  /** An empty value is an error (labels are always required). */
  required?: boolean;
  /** How values are parsed: float32 (default for numbers), int32 (floored), bool (1 for '1'/'true', else 0). */
  dtype?: 'float32' | 'int32' | 'bool';
  /** The value of an empty field. */
  default?: number | string;
  /** The column goes to `ys` instead of `xs`. */
  isLabel?: boolean;
}

/** Options of `data.csv` (TF.js `CSVConfig`). */
export interface CSVConfig {
  /** Whether the first line names the columns (default true). */
  hasHeader?: boolean;
  /** Column names (required without a header; with one, must match its length). */
  columnNames?: string[];
  /** Per-column parsing; a column with `isLabel` makes elements `{xs: {...}, ys: {...}}`. */
  columnConfigs?: Record<string, ColumnConfig>;
  /** Keep only the columns named in `columnConfigs`. */
  configuredColumnsOnly?: boolean;
  /** Field separator (default ','). */
  delimiter?: string;
  /** Fields separated by runs of spaces. */
  delimWhitespace?: boolean;
}

/** Where CSV text comes from: a location (a path or file:// URL, read by the installed reader: the node entry's), `{ text }` or the bytes. */
export type CSVSource = string | { text: string } | Uint8Array;

type FileReader = (location: string) => Promise<Uint8Array>;
let reader: FileReader | undefined;

/**
 * Installs how `data.csv` reads a location given as a string. The node entry installs a reader
 * of file paths and file:// URLs; the browser-clean root has none (pass `{ text }` there).
 * @example installFileReader(async (path) => new Uint8Array(await readFile(path)))
 */
export function installFileReader(read: FileReader): void {
  reader = read;
}

/**
 * One CSV line split into fields: quotes enclose a field (delimiters inside are text, `""` is a
 * quote); with `whitespace`, runs of spaces separate fields.
 */
export function parseCsvLine(line: string, delimiter: string, whitespace = false): string[] {
  if (whitespace) return line.trim().split(/ +/);
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      out.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += c;
  }
  out.push(field);
  return out;
}

function parseValue(value: string, config: ColumnConfig | undefined, column: string, line: number): number | string | undefined {
  if (value === '') {
    if (config?.default !== undefined) return config.default;
    if (config?.required || config?.isLabel) throw new Error(`data.csv: line ${line}: column '${column}' is empty; it is ${config.isLabel ? 'a label' : 'required'} (give it a default in columnConfigs to fill empty values)`);
    return undefined;
  }
  const n = Number(value);
  const bool = (): number => (value === '1' || value.toLowerCase() === 'true' ? 1 : 0);
  if (Number.isNaN(n)) return config?.dtype === 'bool' ? bool() : value;
  if (config?.dtype === 'int32') return Math.floor(n);
  if (config?.dtype === 'bool') return bool();
  return n;
}

function decode(bytes: Uint8Array): string {
  const Decoder = (globalThis as { TextDecoder?: typeof TextDecoder }).TextDecoder;
  if (!Decoder) throw new Error('data.csv: this engine has no TextDecoder to read bytes; pass the text: data.csv({ text })');
  try {
    return new Decoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new Error(`data.csv: the source is not valid UTF-8 (${(error as Error).message})`, { cause: error });
  }
}

async function textOf(source: CSVSource): Promise<{ text: string; bytes: Uint8Array }> {
  if (source instanceof Uint8Array) return { text: decode(source), bytes: source };
  if (typeof source === 'object' && source !== null && typeof source.text === 'string') return { text: source.text, bytes: utf8Bytes(source.text) };
  if (typeof source !== 'string') throw new Error(`data.csv: source must be a path or file:// URL, { text } or bytes. Received: ${source === null ? 'null' : typeof source}`);
  if (!reader) throw new Error(`data.csv: reading '${source}' needs the node entry ('samebits' under Node, Bun or Deno); in a browser pass the text: data.csv({ text })`);
  const bytes = await reader(source);
  return { text: decode(bytes), bytes };
}

/**
 * The dataset `data.csv` returns (TF.js `CSVDataset`): a Dataset that also tells its columns.
 * @example const names = await data.csv('file://boston.csv', { columnConfigs: { medv: { isLabel: true } } }).columnNames();
 */
export class CSVDataset extends Dataset<Record<string, unknown>> {
  constructor(
    open: (path: PassPath) => AsyncIterator<Record<string, unknown>>,
    lineage: DatasetLineage,
    private readonly names: () => Promise<string[]>,
  ) {
    super(open, null, lineage);
  }

  /**
   * The column names (TF.js): those of `columnConfigs` with `configuredColumnsOnly`, else
   * `columnNames` or the header line's; reading them reads the source (once).
   */
  async columnNames(): Promise<string[]> {
    return this.names();
  }
}

/**
 * A dataset of a CSV file's rows (TF.js `tf.data.csv`): each row an object of its columns, or,
 * when a column is configured `isLabel`, `{xs: {features}, ys: {labels}}`. Numbers are parsed,
 * other text stays a string. The source is read once, at the first pass; its SHA-256 is the
 * dataset's content digest. Restartable: fitDataset can resume mid-epoch on it.
 * @example data.csv('file://iris.csv', { columnConfigs: { species: { isLabel: true } } })
 */
export function csv(source: CSVSource, config: CSVConfig = {}): CSVDataset {
  if (config.delimWhitespace && config.delimiter !== undefined) throw new Error('data.csv: give delimiter or delimWhitespace, not both');
  const delimiter = config.delimWhitespace ? ' ' : (config.delimiter ?? ',');
  if (typeof delimiter !== 'string' || delimiter.length === 0 || delimiter.includes('"') || /[\r\n]/.test(delimiter)) throw new Error(`data.csv: delimiter must be a non-empty string without quotes or line breaks. Received: delimiter=${JSON.stringify(config.delimiter)}`);
  const hasHeader = config.hasHeader !== false;
  let loaded: Promise<{ bytes: Uint8Array; names: string[]; rows: string[] }> | undefined;
  const load = (): Promise<{ bytes: Uint8Array; names: string[]; rows: string[] }> => (loaded ??= (async () => {
    const { text, bytes } = await textOf(source);
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const nonEmpty = lines.map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim() !== '');
    const header = hasHeader ? nonEmpty.shift() : undefined;
    if (hasHeader && !header) throw new Error('data.csv: no data found (the source has no header line)');
    const fromFile = header ? parseCsvLine(header.text, delimiter, config.delimWhitespace) : undefined;
    const names = config.columnNames ?? fromFile;
    if (!names) throw new Error('data.csv: without a header line (hasHeader: false), give columnNames');
    if (fromFile && fromFile.length !== names.length) throw new Error(`data.csv: columnNames has ${names.length} names but the header line has ${fromFile.length} columns`);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    if (dup.length > 0) throw new Error(`data.csv: duplicate column names: ${dup.join(', ')}`);
    for (const k of Object.keys(config.columnConfigs ?? {})) {
      if (!names.includes(k)) throw new Error(`data.csv: columnConfigs names '${k}', which is not a column (columns: ${names.join(', ')})`);
    }
    return { bytes, names, rows: nonEmpty.map((l) => `${l.line}\n${l.text}`) };
  })());
  async function* rows(): AsyncGenerator<Record<string, unknown>> {
    const { names, rows: lines } = await load();
    for (const entry of lines) {
      const cut = entry.indexOf('\n');
      const line = Number(entry.slice(0, cut));
      const values = parseCsvLine(entry.slice(cut + 1), delimiter, config.delimWhitespace);
      if (values.length !== names.length) throw new Error(`data.csv: line ${line} has ${values.length} fields; expected ${names.length} (${names.join(', ')})`);
      const xs: Record<string, unknown> = {};
      const ys: Record<string, unknown> = {};
      names.forEach((name, i) => {
        const c = config.columnConfigs?.[name];
        if (config.configuredColumnsOnly && !c) return;
        (c?.isLabel ? ys : xs)[name] = parseValue(values[i] as string, c, name, line);
      });
      yield Object.keys(ys).length === 0 ? xs : { xs, ys };
    }
  }
  const columnNames = async (): Promise<string[]> => {
    const { names } = await load();
    return config.configuredColumnsOnly ? Object.keys(config.columnConfigs ?? {}) : names.slice();
  };
  return new CSVDataset(() => rows(), { op: 'csv', args: [JSON.stringify(config)], inputs: [], content: async () => hex(sha256((await load()).bytes)) }, columnNames);
}
