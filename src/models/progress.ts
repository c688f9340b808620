import { environmentVariable } from '../util/environment.js';
import type { Logs } from './history.js';

/** Where progress goes: a writable text stream and whether it is a terminal. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  /** Whether to use ANSI colors (default: isTTY). */
  color?: boolean;
}

/** The process's stdout in Node, in color on a terminal unless NO_COLOR is set; console lines elsewhere. */
export function defaultSink(): ProgressSink {
  const stdout = (globalThis as { process?: { stdout?: { write(s: string): boolean; isTTY?: boolean } } }).process?.stdout;
  if (stdout) {
    const isTTY = stdout.isTTY === true;
    return { write: (s) => { stdout.write(s); }, isTTY, color: isTTY && !environmentVariable('NO_COLOR') };
  }
  return { write: (s) => { console.log(s.replace(/\n$/, '')); }, isTTY: false };
}

const now = (): number => performance.now(); // determinism-ok: wall-clock time feeds only the ETA and timing text, never a numeric result

/**
 * Keras number format: |v| > 1e-3 → `%.4f`, else `%.4e` (Python pads the exponent to two digits:
 * `1.2340e-04`, `0.0000e+00`). Keras's verbose-2 line tests v > 1e-3 instead of |v| (`signed`).
 */
export function formatLogValue(v: number, signed = false): string {
  if ((signed ? v : Math.abs(v)) > 1e-3) return v.toFixed(4);
  return v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** ` - key: value` for each key, sorted (Keras sorts its logs). */
export function formatLogs(logs: Logs, signed = false): string {
  return Object.keys(logs).sort().map((k) => ` - ${k}: ${formatLogValue(logs[k] as number, signed)}`).join('');
}

function formatDuration(seconds: number): string {
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  return `${Math.floor(seconds)}s`;
}

function formatPerStep(seconds: number): string {
  if (seconds >= 1) return `${Math.round(seconds)}s/step`;
  if (seconds >= 1e-3) return `${Math.round(seconds * 1e3)}ms/step`;
  return `${Math.round(seconds * 1e6)}us/step`;
}

const BOLD = '\x1b[1m';
const GREEN = '\x1b[32m';
const GREY = '\x1b[37m';
const RESET = '\x1b[0m';
const WIDTH = 20;

/**
 * A Keras-style progress bar for one epoch: `3/10 ━━━━━━━━━━━━━━━━━━━━ 1s 12ms/step - loss: 0.1234`.
 * On a terminal it redraws in place after every step; otherwise it prints one line at the end.
 * Verbose 2 prints only the end line, in Keras's compact form.
 */
export class ProgressBar {
  private readonly start = now();
  private lastDraw = 0;

  constructor(private target: number, private readonly sink: ProgressSink, private readonly verbose: 1 | 2) {}

  /** Sets the number of steps once known (a dataset of unknown size, at its end). */
  setTarget(target: number): void {
    this.target = target;
  }

  /** Reports that `current` steps are done, with the running logs. */
  update(current: number, logs: Logs): void {
    if (this.verbose !== 1 || !this.sink.isTTY || current >= this.target) return;
    const t = now();
    if (t - this.lastDraw < 50) return; // redraw at most 20 times a second
    this.lastDraw = t;
    const perStep = (t - this.start) / 1e3 / Math.max(current, 1);
    const eta = formatDuration(perStep * (this.target - current));
    const color = this.sink.color ?? true;
    this.sink.write(`\r${this.bar(current, color)} ${color ? `${BOLD}${eta}${RESET}` : eta}${formatLogs(logs)}\x1b[K`);
  }

  /** Prints the epoch's final line. */
  finish(logs: Logs): void {
    const elapsed = (now() - this.start) / 1e3;
    const perStep = formatPerStep(elapsed / Math.max(this.target, 1));
    if (this.verbose === 2) {
      this.sink.write(`${this.target}/${this.target} - ${Math.round(elapsed)}s - ${perStep}${formatLogs(logs, true)}\n`);
      return;
    }
    const prefix = this.sink.isTTY ? '\r' : '';
    this.sink.write(`${prefix}${this.bar(this.target, this.sink.isTTY && (this.sink.color ?? true))} ${Math.round(elapsed)}s ${perStep}${formatLogs(logs)}${this.sink.isTTY ? '\x1b[K' : ''}\n`);
  }

  private bar(current: number, color: boolean): string {
    const digits = String(this.target).length;
    const done = Math.floor((WIDTH * current) / Math.max(this.target, 1));
    const count = `${String(current).padStart(digits)}/${this.target}`;
    if (!color) return `${count} ${'━'.repeat(done)}${'─'.repeat(WIDTH - done)}`;
    return `${BOLD}${count}${RESET} ${GREEN}${'━'.repeat(done)}${GREY}${'━'.repeat(WIDTH - done)}${RESET}`;
  }
}
