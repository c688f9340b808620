/**
 * Argument checks shared by the initializers (STYLE.md 4: validate at the boundary). Every
 * message names the initializer, the argument, what was received and what was expected:
 * `RandomUniform: expected minval <= maxval, received minval=1, maxval=0`.
 */

import { describeValue } from '../random/validate.js';
import type { DataType } from '../tensor/dtype.js';

/** A value as error messages quote it (defined beside the random checks; layers and io import it from here). */
export { describeValue };

/**
 * The options object of an initializer constructor: `undefined` and `null` become `{}`,
 * anything that is not a plain object throws.
 */
export function optionsOf<T extends object>(initializer: string, args: T | null | undefined): Partial<T> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new Error(`${initializer}: expected an options object such as {seed: 42}, received ${describeValue(args)}`);
  }
  return args;
}

/** `value` if it is a finite number, `fallback` if it is undefined or null; throws otherwise. */
export function finiteOption(initializer: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${initializer}: expected ${name} to be a finite number, received ${name}=${describeValue(value)}`);
  }
  return value;
}

/** Throws unless `value` (a standard deviation) is ≥ 0. */
export function assertNonNegative(initializer: string, name: string, value: number): void {
  if (value < 0) throw new Error(`${initializer}: expected ${name} >= 0, received ${name}=${value}`);
}

/**
 * Random initializers draw float32 values only, as Keras' do ("expected a floating point
 * dtype"); an int32 or bool weight from a random distribution is almost certainly a mistake.
 */
export function assertFloat32(initializer: string, dtype: DataType): void {
  if (dtype !== 'float32') {
    throw new Error(`${initializer}: expected dtype 'float32' for random values, received dtype=${describeValue(dtype)}`);
  }
}
