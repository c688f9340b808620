/**
 * The results file of a repeat (Node only): JSON lines, one per finished run, each appended and
 * fsync'ed as the run finishes, so an interrupted repeat (Ctrl-C, SIGKILL, power loss) loses
 * no finished run and a restart skips them.
 *
 * Several processes may share one file: it is created exclusively with its header, and each run
 * is one write() of one whole line in append mode, so their lines never mix.
 *
 * Line 1: {"samebits":"repeat-results","format":1}
 * Then:   {"config":"train","seed":3,"metrics":{"accuracy":0.93,"loss":[0.9,0.4]},"ms":812,"source":"<sha256>"}
 * `source` (optional) identifies the code that produced the run (the CLI stores the script's
 * SHA-256), so runs of an edited script are never mixed with the old ones.
 */

import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeMetrics, encodeMetrics } from './repeat-codec.js';
import type { RepeatRun } from './repeat-types.js';

const HEADER = { samebits: 'repeat-results', format: 1 };

/** A run as stored, with its configuration and the identity of the code that produced it. */
export interface StoredRun extends RepeatRun {
  config: string;
  source: string | undefined;
}

function fsyncDirectory(path: string): void {
  // NOTE: a new file's directory entry is only durable once the directory is synced too.
  // Opening a directory fails on Windows, where this is not needed.
  try {
    const fd = openSync(dirname(path), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

/** Writes `text` with one write() call (retrying only the rest of a short write). */
function writeWhole(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** How long to wait for another process that has just created the file to write its header. */
const HEADER_WAIT_MS = 2000;

/**
 * Creates the file exclusively ('wx') with its header, or, when it already exists, reads it:
 * a file another process has just created (0 bytes) is given time to receive its header; a
 * file that stays empty is adopted. Returns the text, which starts with the header unless the
 * file is not a results file.
 */
function createOrRead(path: string): string {
  const header = `${JSON.stringify(HEADER)}\n`;
  try {
    const fd = openSync(path, 'wx');
    try {
      writeWhole(fd, header);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    fsyncDirectory(path);
    return header;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const deadline = Date.now() + HEADER_WAIT_MS; // determinism-ok: a timeout, never a result
  let text = readFileSync(path, 'utf8');
  while (text.length === 0 && Date.now() < deadline) { // determinism-ok: as above
    sleepSync(20);
    text = readFileSync(path, 'utf8');
  }
  if (text.length > 0) return text;
  // NOTE: an empty file nobody wrote to: adopt it. Two processes doing this at once each
  // append a header; `load` skips a repeated header line.
  const fd = openSync(path, 'a');
  try {
    writeWhole(fd, header);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, 'utf8');
}

/** The first characters of a file, control characters escaped, for an error message. */
function quoteStart(text: string): string {
  // eslint-disable-next-line no-control-regex
  const start = text.slice(0, 40).replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return `'${start}${text.length > 40 ? '…' : ''}'`;
}

/** An open results file: the runs already in it, and `append` for new ones. */
export class ResultsFile {
  private readonly stored = new Map<string, StoredRun>();
  private fd: number | undefined;

  private constructor(readonly path: string, private readonly warn: (message: string) => void) {}

  /**
   * Opens (or creates) a results file and loads its runs. Creation is exclusive and writes the
   * header once, so processes that start together on a new file share it; every run is then
   * appended as one write() of one complete line (O_APPEND), so concurrent appends never
   * interleave. A file that exists must start with the header, or it is refused untouched. A
   * line cut short by a crash is skipped with a warning (its run is redone) and, if last,
   * closed with a newline so the next append starts on a clean line.
   * @example const file = ResultsFile.open('runs.jsonl'); file.runsOf('default');
   */
  static open(path: string, warn: (message: string) => void = (m) => process.stderr.write(`warning: ${m}\n`)): ResultsFile {
    const file = new ResultsFile(path, warn);
    const text = createOrRead(path);
    const header = JSON.stringify(HEADER);
    if (!text.startsWith(`${header}\n`)) {
      throw new Error(`${path} is not a samebits repeat results file: it starts with ${quoteStart(text)}, expected ${header}; pass another --results path`);
    }
    const lines = text.split('\n');
    const last = lines.pop() as string;
    lines.forEach((line, i) => {
      if (i > 0 && line !== '' && line !== header) file.load(line, i + 1);
    });
    file.fd = openSync(path, 'a');
    if (last !== '') {
      warn(`${path}:${lines.length + 1}: the last line is cut short (a run killed while writing?): ignored; its run will be redone`);
      writeWhole(file.fd, '\n');
    }
    return file;
  }

  private load(line: string, lineNumber: number): void {
    const where = `${this.path}:${lineNumber}`;
    let raw: { config?: unknown; seed?: unknown; metrics?: unknown; ms?: unknown; source?: unknown };
    try {
      raw = JSON.parse(line) as typeof raw;
    } catch {
      this.warn(`${where}: not a JSON line (a run killed while writing?): ignored: ${line.slice(0, 80)}`);
      return;
    }
    if (typeof raw.config !== 'string' || !Number.isSafeInteger(raw.seed)) throw new Error(`${where}: expected "config" (a string) and "seed" (an integer)`);
    const run: StoredRun = {
      config: raw.config,
      seed: raw.seed as number,
      metrics: decodeMetrics(raw.metrics, where),
      durationMs: typeof raw.ms === 'number' ? raw.ms : NaN,
      source: typeof raw.source === 'string' ? raw.source : undefined,
    };
    const id = `${run.config}\u0000${run.seed}`;
    const earlier = this.stored.get(id);
    if (earlier && JSON.stringify(encodeMetrics(earlier.metrics)) !== JSON.stringify(encodeMetrics(run.metrics))) {
      throw new Error(`${where}: seed ${run.seed} of '${run.config}' appears twice with different metrics: the training is not deterministic`);
    }
    if (!earlier) this.stored.set(id, run);
  }

  /** The stored runs of one configuration, by seed. */
  runsOf(config: string): Map<number, StoredRun> {
    const out = new Map<number, StoredRun>();
    for (const run of this.stored.values()) if (run.config === config) out.set(run.seed, run);
    return out;
  }

  /** Appends a finished run and flushes it to disk before returning. */
  append(config: string, run: RepeatRun, source?: string): void {
    const line: Record<string, unknown> = { config, seed: run.seed, metrics: encodeMetrics(run.metrics), ms: Math.round(run.durationMs) };
    if (source !== undefined) line.source = source;
    this.write(line);
    this.stored.set(`${config}\u0000${run.seed}`, { ...run, config, source });
  }

  private write(record: object): void {
    if (this.fd === undefined) throw new Error(`${this.path}: results file is closed`);
    writeWhole(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
