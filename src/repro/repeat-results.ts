/**
 * The results file of a repeat (Node only): JSON lines, one per finished run, each appended and
 * fsync'ed as the run finishes, so an interrupted repeat (Ctrl-C, SIGKILL, power loss) loses
 * no finished run and a restart skips them.
 *
 * Line 1: {"samebits":"repeat-results","format":1}
 * Then:   {"config":"train","seed":3,"metrics":{"accuracy":0.93,"loss":[0.9,0.4]},"ms":812,"source":"<sha256>"}
 * `source` (optional) identifies the code that produced the run (the CLI stores the script's
 * SHA-256), so runs of an edited script are never mixed with the old ones.
 */

import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
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

/** An open results file: the runs already in it, and `append` for new ones. */
export class ResultsFile {
  private readonly stored = new Map<string, StoredRun>();
  private fd: number | undefined;

  private constructor(readonly path: string) {}

  /**
   * Opens (or creates) a results file and loads its runs. A last line cut short by a kill is
   * dropped (and truncated away, so the next append starts on a clean line).
   */
  static open(path: string): ResultsFile {
    const file = new ResultsFile(path);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const lines = complete.split('\n').slice(0, -1);
    if (lines.length === 0) {
      file.fd = openSync(path, 'w');
      file.write(HEADER);
      fsyncDirectory(path);
      return file;
    }
    if (lines[0] !== JSON.stringify(HEADER)) {
      throw new Error(`${path} is not a samebits repeat results file (its first line is not ${JSON.stringify(HEADER)}); pass another --results path`);
    }
    lines.slice(1).forEach((line, i) => file.load(line, i + 2));
    if (complete.length < text.length) truncateSync(path, Buffer.byteLength(complete));
    file.fd = openSync(path, 'a');
    return file;
  }

  private load(line: string, lineNumber: number): void {
    const where = `${this.path}:${lineNumber}`;
    let raw: { config?: unknown; seed?: unknown; metrics?: unknown; ms?: unknown; source?: unknown };
    try {
      raw = JSON.parse(line) as typeof raw;
    } catch {
      throw new Error(`${where}: not a JSON line: ${line.slice(0, 80)}`);
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
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
