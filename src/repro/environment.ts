import type { CallbackHooks } from '../models/callbacks.js';
import { installOutsideCallbacks } from '../models/outside-callbacks.js';
import type { FitArgs } from '../models/fit.js';
import type { Tensor } from '../ops/tensor.js';
import { environmentVariable } from '../util/environment.js';
import type { FingerprintLoggerArgs } from './fingerprint-logger.js';
import { fingerprintLogger } from './fingerprint-logger.js';
import { runManifest } from './manifest-callback.js';

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

// Log files this process has started: the first fit replaces the file, later fits append.
const startedLogs = new Set<string>();

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
    const append = startedLogs.has(logPath);
    startedLogs.add(logPath);
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
}
