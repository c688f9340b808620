/** Argument checks shared by the public functions of src/random (DESIGN.md: validate at the boundary). */

import type { RandomKey } from './key.js';

const TWO_POW_32 = 4294967296;

/**
 * A value as error messages quote it: strings in quotes, objects as JSON. Shared with the
 * initializers (initializers/validate.ts re-exports it).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Throws unless `value` is an integer in [min, max] (both safe integers). */
export function assertInteger(fn: string, name: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${fn}: expected ${name} to be an integer in [${min}, ${max}], received ${name}=${describeValue(value)}`);
  }
}

/** Throws unless `value` is a finite number. */
export function assertFinite(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${fn}: expected ${name} to be a finite number, received ${name}=${describeValue(value)}`);
  }
}

/** Throws unless `k` is a RandomKey: an object with uint32 fields k0 and k1. */
export function assertKey(fn: string, name: string, k: unknown): asserts k is RandomKey {
  const candidate = k as { k0?: unknown; k1?: unknown } | null;
  const isWord = (w: unknown): boolean => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < TWO_POW_32;
  if (typeof k !== 'object' || candidate === null || !isWord(candidate.k0) || !isWord(candidate.k1)) {
    throw new Error(`${fn}: expected ${name} to be a RandomKey {k0, k1} of uint32 words (from key(seed)), received ${name}=${describeValue(k)}`);
  }
}

/**
 * Checks (count, offset) of a draw whose element i uses positions up to `offset + count`, and
 * that `out`, when given, has exactly `count` elements.
 */
export function assertDraw(fn: string, count: unknown, offset: unknown, out?: { length: number }): void {
  assertInteger(fn, 'count', count, 0, Number.MAX_SAFE_INTEGER);
  assertInteger(fn, 'offset', offset, 0, Number.MAX_SAFE_INTEGER - count);
  if (out !== undefined && out.length !== count) {
    throw new Error(`${fn}: expected out to have length count=${count}, received out.length=${out.length}`);
  }
}
