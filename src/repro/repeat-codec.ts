import type { RunMetrics } from './repeat-types.js';

// JSON has no NaN, ±Infinity or −0 (JSON.stringify writes null, null and 0), yet a diverged
// run's loss is NaN and resuming must give the same bits: those four are written as strings.
const SPECIAL: readonly [string, number][] = [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0]];

function encodeNumber(x: number): number | string {
  if (Number.isFinite(x) && !Object.is(x, -0)) return x;
  return (SPECIAL.find(([, v]) => Object.is(v, x)) as [string, number])[0];
}

function decodeNumber(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  const special = SPECIAL.find(([s]) => s === v);
  if (special) return special[1];
  throw new Error(`${where}: expected a number, received ${JSON.stringify(v)}`);
}

/**
 * Checks that `metrics` is a plain object of numbers and arrays of numbers, and returns a copy
 * with its keys in sorted order (so a results line, and everything built from it, does not
 * depend on the order a script happened to list its metrics).
 */
export function checkMetrics(metrics: unknown, where: string): RunMetrics {
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) {
    throw new Error(`${where}: expected the metrics as an object such as { accuracy: 0.93, loss: [0.9, 0.5] }, received ${describe(metrics)}`);
  }
  const out: RunMetrics = {};
  for (const name of Object.keys(metrics).sort()) {
    const value = (metrics as Record<string, unknown>)[name];
    if (typeof value === 'number') out[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) out[name] = value.slice();
    else throw new Error(`${where}: metric '${name}' must be a number or an array of numbers, received ${describe(value)}`);
  }
  return out;
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Metrics as JSON-safe values (NaN, ±Infinity and −0 as strings). */
export function encodeMetrics(metrics: RunMetrics): Record<string, number | string | (number | string)[]> {
  const out: Record<string, number | string | (number | string)[]> = {};
  for (const [name, value] of Object.entries(metrics)) out[name] = typeof value === 'number' ? encodeNumber(value) : value.map(encodeNumber);
  return out;
}

/** The inverse of `encodeMetrics`; checks the shape and names `where` in errors. */
export function decodeMetrics(raw: unknown, where: string): RunMetrics {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where}: expected an object of metrics, received ${describe(raw)}`);
  const out: RunMetrics = {};
  for (const name of Object.keys(raw).sort()) {
    const value = (raw as Record<string, unknown>)[name];
    out[name] = Array.isArray(value) ? value.map((v, i) => decodeNumber(v, `${where}, ${name}[${i}]`)) : decodeNumber(value, `${where}, ${name}`);
  }
  return out;
}
