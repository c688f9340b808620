import type { CallbackState, StatefulCallback } from '../models/callback-state.js';
import { StateReader } from '../models/callback-state.js';
import { BaseCallback } from '../models/callbacks.js';
import type { Logs } from '../models/history.js';
import { pythonFloat } from '../util/python-float.js';
import { checkOptions } from '../util/options.js';
import { received } from '../util/received.js';

/** Options of `callbacks.csvLogger` (Keras 3 `CSVLogger`). */
export interface CSVLoggerArgs {
  /** Field separator (default `,`). */
  separator?: string;
  /** Append to an existing file (default false: the file is replaced); the header is written only if the file is empty. */
  append?: boolean;
}

/**
 * Writes one CSV row per epoch to `filename` (a path or a file:// URL; Node only), as Keras 3's `CSVLogger` does: a
 * header `epoch,<keys>` with the epoch-end log keys sorted (when no key starts with `val_`,
 * Keras adds `val_<key>` columns for every key, filled with `NA`), then per epoch the epoch
 * index and the values. Numbers are printed as Keras prints them, Python's `repr` of the value
 * (`0.6931471824645996`, `1e-05`, `nan`): the shortest text that reads back to the same float64,
 * so each logged float32 reads back exactly. Lines end in `\r\n` (Python's csv excel dialect);
 * fields holding the separator, a quote or a line break are quoted. The file is flushed at every
 * epoch. A fit resumed from a checkpoint cuts the file back to the rows the checkpoint had seen
 * and continues it, so the file matches the uninterrupted run's.
 * @example model.fit(x, y, { epochs: 10, callbacks: [callbacks.csvLogger('training.csv')] })
 */
export class CSVLogger extends BaseCallback implements StatefulCallback {
  readonly stateKind: string = 'CSVLogger';
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  /** Bytes of the file this fit has written up to (null: nothing written yet in this fit). */
  private bytes: number | null = null;

  constructor(filename: string, args: CSVLoggerArgs = {}) {
    super();
    if (typeof filename !== 'string' || filename.length === 0) throw new Error(`csvLogger: filename must be a file path. Received: filename=${JSON.stringify(filename)}`);
    checkOptions('csvLogger', args, ['separator', 'append']);
    const separator = args.separator ?? ',';
    if (typeof separator !== 'string' || separator.length !== 1 || separator === '"' || separator === '\r' || separator === '\n') {
      throw new Error(`csvLogger: separator must be one character other than a quote or a line break. Received: separator=${JSON.stringify(args.separator)}`);
    }
    if (args.append !== undefined && typeof args.append !== 'boolean') throw new Error(`csvLogger: append must be true or false. Received: append=${received(args.append)}`);
    this.filename = filename;
    this.separator = separator;
    this.append = args.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    this.keys = null;
    this.bytes = null;
    // Keras opens the file when training begins: a missing directory is said now, not after an epoch.
    const fs = await import('node:fs/promises');
    const { dirname } = await import('node:path');
    const dir = dirname(await localPath(this.filename));
    const stat = await fs.stat(dir).catch(() => null);
    if (!stat?.isDirectory()) throw new Error(`csvLogger: cannot write '${this.filename}': the directory '${dir}' does not exist`);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const fs = await import('node:fs/promises');
    const path = await localPath(this.filename);
    let text = '';
    let start: number;
    if (this.bytes !== null) {
      start = this.bytes;
    } else if (this.append) {
      start = await sizeOf(fs, path);
    } else {
      start = 0;
    }
    if (this.keys === null) {
      const keys = Object.keys(logs).sort();
      this.keys = keys.some((k) => k.startsWith('val_')) || keys.length === 0 ? keys : [...keys, ...keys.map((k) => `val_${k}`)];
      // Keras writes the header unless it appends to a file that is not empty.
      if (!(this.append && this.bytes === null && start > 0)) text += this.row(['epoch', ...this.keys]);
    }
    text += this.row([String(epoch), ...this.keys.map((k) => (logs[k] === undefined ? 'NA' : pythonFloat(logs[k])))]);
    const bytes = new TextEncoder().encode(text);
    const handle = await fs.open(path, this.bytes === null && !this.append ? 'w' : 'a+');
    try {
      await handle.truncate(start); // a resumed fit drops rows written after its checkpoint
      await handle.write(bytes, 0, bytes.length, start);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.bytes = start + bytes.length;
  }

  private row(fields: string[]): string {
    const quote = (f: string): string => (/["\r\n]/.test(f) || f.includes(this.separator) ? `"${f.replaceAll('"', '""')}"` : f);
    return `${fields.map(quote).join(this.separator)}\r\n`;
  }

  /** The column keys and how far into the file this fit has written. */
  saveState(): CallbackState {
    return { values: { keys: this.keys, bytes: this.bytes }, tensors: [] };
  }

  restoreState(state: CallbackState): void {
    const r = new StateReader('csvLogger', state);
    this.keys = r.strings('keys');
    const bytes = r.numberOrNull('bytes');
    if (bytes !== null && !(Number.isSafeInteger(bytes) && bytes >= 0)) throw new Error(`csvLogger: the saved state's bytes must be an integer >= 0 or null, received ${bytes}`);
    this.bytes = bytes;
  }
}

type FileSystem = typeof import('node:fs/promises');

/** A path, or a file:// URL (as model.save and data.csv take) as a path. */
async function localPath(filename: string): Promise<string> {
  if (!filename.startsWith('file://')) return filename;
  const { fileURLToPath } = await import('node:url');
  return fileURLToPath(filename);
}

async function sizeOf(fs: FileSystem, path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch {
    return 0;
  }
}
