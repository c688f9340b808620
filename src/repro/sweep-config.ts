/**
 * sweep.json: hyperparameter settings × seeds for `samebits sweep`. A grid (every combination,
 * the first key varying slowest) or a list of configurations; each setting is passed to the
 * script as `--name value` arguments or as environment variables.
 *
 * {
 *   "script": "train.ts",
 *   "runs": 10,                              or "seeds": "1-10"
 *   "grid": { "units": [8, 32], "lr": [0.01, 0.05] },
 *                                            or "configurations": [{ "name": "small", "units": 8 }, …]
 *   "pass": "args",                          or "env" (then keys are variable names, e.g. "UNITS")
 *   "args": [], "env": {},                   fixed, for every configuration
 *   "data": ["data/train.csv"],              files the runs read: their SHA-256 goes into the job ids
 *   "metric": "accuracy", "lowerIsBetter": false
 * }
 * Paths are relative to the sweep file.
 */

import { COMMAND_ENV, FINGERPRINT_LOG_ENV, FINGERPRINT_OPTIONS_ENV, MANIFEST_ENV } from './environment.js';
import type { RunConfiguration } from './queue-job.js';
import { METRICS_FILE_VARIABLE, SEED_VARIABLE } from './repeat-channel.js';

/** Variables the runner sets for each run: a sweep setting of the same name would be silently overridden. */
const RUNNER_VARIABLES = [SEED_VARIABLE, METRICS_FILE_VARIABLE, FINGERPRINT_LOG_ENV, FINGERPRINT_OPTIONS_ENV, MANIFEST_ENV, COMMAND_ENV];

/** A parsed sweep: its configurations, seeds, data files and the metric that names the best. */
export interface SweepPlan {
  configurations: RunConfiguration[];
  seeds: number[];
  data: string[];
  metric: string | undefined;
  lowerIsBetter: boolean | undefined;
}

type Setting = string | number | boolean;

function fail(path: string, message: string): never {
  throw new Error(`${path}: ${message}`);
}

function isSetting(v: unknown): v is Setting {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function stringList(v: unknown, path: string, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) fail(path, `"${field}" must be a list of strings, received ${JSON.stringify(v)}`);
  return v as string[];
}

function stringRecord(v: unknown, path: string, field: string): Record<string, string> {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, `"${field}" must be an object of strings, received ${JSON.stringify(v)}`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!isSetting(x)) fail(path, `"${field}.${k}" must be a string or number, received ${JSON.stringify(x)}`);
    out[k] = String(x);
  }
  return out;
}

/** Every combination of the grid's values, the first key varying slowest. */
function expandGrid(grid: unknown, path: string): [string, Setting][][] {
  if (grid === null || typeof grid !== 'object' || Array.isArray(grid) || Object.keys(grid).length === 0) fail(path, `"grid" must be an object of value lists such as {"units": [8, 32]}, received ${JSON.stringify(grid)}`);
  let combos: [string, Setting][][] = [[]];
  for (const [name, values] of Object.entries(grid)) { // keys in the order written (JSON object order)
    if (!Array.isArray(values) || values.length === 0 || !values.every(isSetting)) fail(path, `"grid.${name}" must be a non-empty list of numbers or strings, received ${JSON.stringify(values)}`);
    combos = combos.flatMap((c) => (values as Setting[]).map((v): [string, Setting][] => [...c, [name, v]]));
  }
  return combos;
}

function listed(list: unknown, path: string): { name: string | undefined; settings: [string, Setting][] }[] {
  if (!Array.isArray(list) || list.length === 0) fail(path, `"configurations" must be a non-empty list of objects such as {"name": "small", "units": 8}`);
  return list.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) fail(path, `configurations[${i}] must be an object, received ${JSON.stringify(item)}`);
    const { name, ...rest } = item as Record<string, unknown>;
    if (name !== undefined && typeof name !== 'string') fail(path, `configurations[${i}].name must be a string`);
    const settings = Object.entries(rest).map(([k, v]): [string, Setting] => {
      if (!isSetting(v)) fail(path, `configurations[${i}].${k} must be a number, string or boolean, received ${JSON.stringify(v)}`);
      return [k, v];
    });
    return { name, settings };
  });
}

/**
 * Parses sweep.json text. `resolvePath` turns a path in the file (relative to the file) into the
 * path the coordinator uses; `parseSeeds` reads "1-10,12".
 * @example parseSweep(readFileSync('sweep.json', 'utf8'), 'sweep.json', (p) => p, parseSeeds)
 */
export function parseSweep(text: string, path: string, resolvePath: (p: string) => string, parseSeeds: (s: string) => number[]): SweepPlan {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    fail(path, `not JSON (${(error as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(path, 'expected a JSON object with "script" and "grid" or "configurations"');
  const known = ['script', 'runs', 'seeds', 'grid', 'configurations', 'pass', 'args', 'env', 'data', 'metric', 'lowerIsBetter'];
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length > 0) fail(path, `unknown field ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${known.join(', ')}`);
  if (typeof raw.script !== 'string' || raw.script === '') fail(path, `"script" must name the training script, received ${JSON.stringify(raw.script)}`);
  const pass = raw.pass ?? 'args';
  if (pass !== 'args' && pass !== 'env') fail(path, `"pass" must be "args" or "env", received ${JSON.stringify(raw.pass)}`);
  if ((raw.grid === undefined) === (raw.configurations === undefined)) fail(path, 'give exactly one of "grid" (every combination) and "configurations" (a list)');
  let seeds: number[];
  if (raw.seeds !== undefined) {
    if (typeof raw.seeds !== 'string') fail(path, `"seeds" must be a string such as "1-10", received ${JSON.stringify(raw.seeds)}`);
    seeds = parseSeeds(raw.seeds);
  } else {
    const runs = raw.runs ?? 10;
    if (typeof runs !== 'number' || !Number.isSafeInteger(runs) || runs < 1) fail(path, `"runs" must be a positive integer, received ${JSON.stringify(raw.runs)}`);
    seeds = Array.from({ length: runs }, (_, i) => i + 1);
  }
  const script = resolvePath(raw.script);
  const fixedArgs = stringList(raw.args, path, 'args');
  const fixedEnv = stringRecord(raw.env, path, 'env');
  const entries = raw.grid !== undefined ? expandGrid(raw.grid, path).map((settings) => ({ name: undefined, settings })) : listed(raw.configurations, path);
  const configurations = entries.map(({ name, settings }): RunConfiguration => ({
    name: name ?? (settings.map(([k, v]) => `${k}=${String(v)}`).join(',') || 'default'),
    script,
    args: pass === 'args' ? [...fixedArgs, ...settings.flatMap(([k, v]) => [`--${k}`, String(v)])] : fixedArgs,
    env: pass === 'env' ? { ...fixedEnv, ...Object.fromEntries(settings.map(([k, v]) => [k, String(v)])) } : fixedEnv,
  }));
  const taken = configurations.flatMap((c) => Object.keys(c.env)).find((k) => RUNNER_VARIABLES.includes(k));
  if (taken !== undefined) fail(path, `"${taken}" is set by samebits for each run${taken === SEED_VARIABLE ? ' (the seed comes from "runs" or "seeds")' : ''}; choose another name`);
  const names = configurations.map((c) => c.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) fail(path, `configuration name '${repeated}' is used twice`);
  if (raw.metric !== undefined && typeof raw.metric !== 'string') fail(path, `"metric" must be a metric name, received ${JSON.stringify(raw.metric)}`);
  if (raw.lowerIsBetter !== undefined && typeof raw.lowerIsBetter !== 'boolean') fail(path, `"lowerIsBetter" must be true or false, received ${JSON.stringify(raw.lowerIsBetter)}`);
  return { configurations, seeds, data: stringList(raw.data, path, 'data').map(resolvePath), metric: raw.metric as string | undefined, lowerIsBetter: raw.lowerIsBetter as boolean | undefined };
}
