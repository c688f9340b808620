/**
 * Bounds on what a model file may declare, so that a broken or hostile file is refused from
 * its sizes before the memory or time it asks for is spent. Each can be raised per load:
 * `loadLayersModel(url, { limits: { maxLayers: 200_000 } })`.
 */

import { describeValue } from '../initializers/validate.js';
import { ModelFileError } from './errors.js';

/** Limits of `loadLayersModel` and `fileSystem` loads; every error names the one exceeded. */
export interface LoadLimits {
  /** Layers the topology may list (default 100,000). */
  maxLayers: number;
  /** Weight elements of all weights together, as the manifest declares them (default 2^31 − 1). */
  maxWeightElements: number;
  /** Bytes of all weight files together (default 2^31 − 1, the most Node reads into one buffer). */
  maxWeightBytes: number;
  /** Bytes of model.json (default 64 MiB). */
  maxModelJsonBytes: number;
}

/** The limits a load uses unless told otherwise. */
export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxLayers: 100_000,
  maxWeightElements: 2_147_483_647,
  maxWeightBytes: 2_147_483_647,
  maxModelJsonBytes: 64 * 1024 * 1024,
});

const NAMES = Object.keys(DEFAULT_LOAD_LIMITS) as (keyof LoadLimits)[];

/**
 * The defaults with `given` on top; unknown names and values other than positive integers
 * (or Infinity) throw, naming them.
 * @example resolveLimits({ maxLayers: 10 }).maxLayers // 10
 */
export function resolveLimits(given: Partial<LoadLimits> | undefined): LoadLimits {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS };
  if (given === undefined) return limits;
  if (typeof given !== 'object' || given === null) throw new Error(`loadLayersModel: limits must be an object such as { maxLayers: 200000 }, received ${describeValue(given)}`);
  for (const [name, value] of Object.entries(given)) {
    if (!(NAMES as string[]).includes(name)) throw new Error(`loadLayersModel: unknown limit '${name}'; the limits are ${NAMES.join(', ')}`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(Number.isSafeInteger(value) || value === Infinity) || value < 1) {
      throw new Error(`loadLayersModel: limits.${name} must be a positive integer, received ${describeValue(value)}`);
    }
    limits[name as keyof LoadLimits] = value;
  }
  return limits;
}

/** Throws a ModelFileError when `amount` of `what` is over `limits[name]`. */
export function checkLimit(file: string, limits: LoadLimits, name: keyof LoadLimits, amount: number, what: string): void {
  const limit = limits[name];
  if (amount > limit) {
    throw new ModelFileError(file, `${what}: ${amount}${unit(name)}, more than the limit of ${limit} (limits.${name}); if the file is trusted, raise it: loadLayersModel(url, { limits: { ${name}: ${amount} } })`);
  }
}

function unit(name: keyof LoadLimits): string {
  return name === 'maxLayers' ? ' layers' : name === 'maxWeightElements' ? ' weight elements' : ' bytes';
}
