import type { CallbackHooks } from '../models/callbacks.js';
import { installOutsideCallbacks } from '../models/outside-callbacks.js';
import type { FitArgs } from '../models/fit.js';
import type { Tensor } from '../ops/tensor.js';
import { installStepObserver } from '../optimizers/step-observer.js';
import type { StepObserver } from '../optimizers/step-observer.js';
import { environmentVariable } from '../util/environment.js';
import type { FingerprintLoggerArgs } from './fingerprint-logger.js';
import { fingerprintLogger } from './fingerprint-logger.js';
import { LoopLogger } from './loop-logger.js';
import type { RunManifest } from './manifest.js';
import { createManifest } from './manifest.js';
import { runManifest } from './manifest-callback.js';
import { getRandomSeed } from './seed.js';

/** Path of a fingerprint log that every `fit` in the process writes to (set by `samebits check`). */
export const FINGERPRINT_LOG_ENV = 'SAMEBITS_FINGERPRINT_LOG';
/** JSON options of that log: `{"every": "batch", "gradients": true, "optimizerSlots": true, "values": 100000}`. */
export const FINGERPRINT_OPTIONS_ENV = 'SAMEBITS_FINGERPRINT_OPTIONS';
/** Path of a run manifest that every `fit` in the process writes at its end (the last fit's remains). */
export const MANIFEST_ENV = 'SAMEBITS_MANIFEST';
/** The command line to record in that manifest, as a JSON array (set by the CLI). */
export const COMMAND_ENV = 'SAMEBITS_COMMAND';

/** Environment variables, as `process.env` holds them. */
export type Environment = Record<string, string | undefined>;

// Log files this process has started, with the number of writers (fits, a custom loop) that
// began in each: the first replaces the file, later ones append.
const startedLogs = new Map<string, number>();

function startLog(path: string): { append: boolean } {
  const started = startedLogs.get(path) ?? 0;
  startedLogs.set(path, started + 1);
  return { append: started > 0 };
}

function loggerOptions(text: string | undefined): Omit<FingerprintLoggerArgs, 'path' | 'onLine'> {
  if (text === undefined || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${FINGERPRINT_OPTIONS_ENV} must be a JSON object such as {"every":"batch"}; received ${text} (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${FINGERPRINT_OPTIONS_ENV} must be a JSON object such as {"every":"batch"}; received ${text}`);
  const allowed = ['every', 'gradients', 'optimizerSlots', 'values'];
  const unknown = Object.keys(parsed).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new Error(`${FINGERPRINT_OPTIONS_ENV}: unknown option ${unknown.join(', ')}; known: ${allowed.join(', ')}`);
  return parsed as Omit<FingerprintLoggerArgs, 'path' | 'onLine'>;
}

/**
 * The callbacks switched on from outside the program by environment variables: a fingerprint
 * logger (`SAMEBITS_FINGERPRINT_LOG`) and a manifest writer (`SAMEBITS_MANIFEST`). `fit` calls
 * this at its start when either is set, with the data it was given, and runs them after the
 * user's callbacks, so the user's script needs no change.
 */
export function callbacksFromEnvironment(env: Environment, fit: { x: Tensor; y: Tensor; args: FitArgs }): CallbackHooks[] {
  const out: CallbackHooks[] = [];
  const logPath = env[FINGERPRINT_LOG_ENV];
  if (logPath) {
    const { append } = startLog(logPath);
    out.push(fingerprintLogger({ ...loggerOptions(env[FINGERPRINT_OPTIONS_ENV]), path: logPath, append }));
  }
  const manifestPath = env[MANIFEST_ENV];
  if (manifestPath) {
    const command = env[COMMAND_ENV] ? (JSON.parse(env[COMMAND_ENV]) as string[]) : undefined;
    out.push(runManifest({ path: manifestPath, data: { x: fit.x, y: fit.y }, fitOptions: fit.args, ...(command ? { command } : {}) }));
  }
  return out;
}

/** The four switches above as this process sees them; none where the engine refuses access. */
export function readSwitches(): Environment {
  const names = [FINGERPRINT_LOG_ENV, FINGERPRINT_OPTIONS_ENV, MANIFEST_ENV, COMMAND_ENV];
  return Object.fromEntries(names.map((name) => [name, environmentVariable(name)]));
}

/**
 * Makes every `fit` of this process honour the switches, read at each fit's start. The node
 * entry calls this when it loads, so scripts run by `samebits check` need no change.
 */
export function installEnvironmentCallbacks(): void {
  installOutsideCallbacks((fit) => {
    const env = readSwitches();
    return env[FINGERPRINT_LOG_ENV] || env[MANIFEST_ENV] ? callbacksFromEnvironment(env, fit) : [];
  });
  installStepObserver(environmentStepObserver());
}

type FileSystem = typeof import('node:fs');

// node:fs for custom-loop logs, which are written synchronously (at each step, at exit): taken
// at once where the engine offers `process.getBuiltinModule`, else imported at the first step.
let nodeFs: FileSystem | undefined;
const fsReady: ((fs: FileSystem) => void)[] = [];

function loadFileSystem(): void {
  const g = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  nodeFs ??= g.process?.getBuiltinModule?.('node:fs') as FileSystem | undefined;
  if (nodeFs === undefined) void import('node:fs').then((fs) => { nodeFs = fs; for (const f of fsReady.splice(0)) f(fs); });
}

/** Appends lines to a file synchronously, so each survives the process dying; until node:fs is loaded they wait in memory. */
function lineAppender(path: string, replace: boolean): (line: string) => void {
  const waiting: string[] = [];
  const flush = (fs: FileSystem): void => {
    if (replace) fs.writeFileSync(path, '');
    replace = false;
    if (waiting.length > 0) fs.appendFileSync(path, `${waiting.join('\n')}\n`);
    waiting.length = 0;
  };
  return (line) => {
    waiting.push(line);
    if (nodeFs !== undefined) flush(nodeFs);
    else fsReady.push(flush);
  };
}

/**
 * Logs custom training loops (`minimize` / `applyGradients`, no fit) when the switches ask: the
 * switches are read once, at the first optimizer step of the process; the `end` record and the
 * manifest (result: the fingerprint of the updated variables) are written when the process exits.
 */
function environmentStepObserver(): StepObserver {
  let logger: LoopLogger | null | undefined; // undefined: not yet decided
  const current = (): LoopLogger | null => {
    if (logger === undefined) logger = startLoopLog(readSwitches());
    return logger;
  };
  return { beforeStep: (step) => current()?.beforeStep(step), afterStep: (step) => current()?.afterStep(step) };
}

function startLoopLog(env: Environment): LoopLogger | null {
  const logPath = env[FINGERPRINT_LOG_ENV];
  const manifestPath = env[MANIFEST_ENV];
  if (!logPath && !manifestPath) return null;
  loadFileSystem();
  const { every, gradients, optimizerSlots, values } = loggerOptions(env[FINGERPRINT_OPTIONS_ENV]);
  const options = { ...(every === undefined ? {} : { every }), ...(gradients === undefined ? {} : { gradients }), ...(optimizerSlots === undefined ? {} : { optimizerSlots }), ...(values === undefined ? {} : { values }) };
  let sections = 0;
  let write = (_line: string): void => {};
  if (logPath) {
    const append = lineAppender(logPath, !startLog(logPath).append);
    sections = startedLogs.get(logPath) ?? 0;
    write = (line) => {
      // A fit logged into the same file since this logger's last line: open a new section.
      if ((startedLogs.get(logPath) ?? 0) !== sections && !line.startsWith('{"kind":"header"')) {
        sections = startedLogs.get(logPath) ?? 0;
        logger.header();
      }
      append(line);
    };
  }
  const logger = new LoopLogger({ ...options, onLine: (line) => write(line) });
  const command = env[COMMAND_ENV] ? (JSON.parse(env[COMMAND_ENV]) as string[]) : undefined;
  let manifest: RunManifest | undefined;
  if (manifestPath) void createManifest({ seed: getRandomSeed(), startedAt: new Date().toISOString(), ...(command ? { command } : {}) }).then((m) => { manifest = m; }); // determinism-ok: wall-clock metadata
  const g = globalThis as { process?: { once?: (event: 'exit', listener: () => void) => void } };
  g.process?.once?.('exit', () => {
    const result = logger.finish();
    if (!manifestPath || !manifest || result === undefined) return;
    const optimizer = logger.optimizer;
    const finished: RunManifest = {
      ...manifest,
      optimizer: optimizer ? { className: optimizer.className, config: optimizer.getConfig() } : null,
      fit: { loop: 'custom', steps: logger.steps },
      endedAt: new Date().toISOString(), // determinism-ok: wall-clock metadata
      result: { fingerprint: result, metrics: {} },
    };
    nodeFs?.writeFileSync(manifestPath, `${JSON.stringify(finished, null, 2)}\n`);
  });
  return logger;
}
