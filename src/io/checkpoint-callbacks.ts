import type { SavedCallbackState, StateValue } from '../models/callback-state.js';

/**
 * A callback state value as the checkpoint header holds it: JSON, with the numbers JSON cannot
 * hold exactly (NaN, ±Infinity, −0) written as `{number: 'NaN' | 'Infinity' | '-Infinity' | '-0'}`.
 */
export type StoredValue = number | boolean | string | null | StoredValue[] | { number: string };

const SPECIAL: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 };

/**
 * `value` in the header's form.
 * @example storeValue([1, -Infinity]) // [1, { number: '-Infinity' }]
 */
export function storeValue(value: StateValue): StoredValue {
  if (Array.isArray(value)) return value.map(storeValue);
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return { number: Object.is(value, -0) ? '-0' : String(value) };
  return value as StoredValue;
}

/**
 * A stored value read back; throws naming `field` when it is not of the stored form.
 * @example readValue({ number: '-0' }, 'callbacks[0].values.best', fail) // -0
 */
export function readValue(stored: unknown, field: string, fail: (field: string, expected: string, received: unknown) => never, depth = 0): StateValue {
  if (stored === null || typeof stored === 'boolean' || typeof stored === 'string' || typeof stored === 'number') return stored;
  if (Array.isArray(stored) && depth < 8) return stored.map((v, i) => readValue(v, `${field}[${i}]`, fail, depth + 1));
  const text = (stored as { number?: unknown } | null)?.number;
  if (typeof stored === 'object' && Object.keys(stored as object).length === 1 && typeof text === 'string' && Object.hasOwn(SPECIAL, text)) return SPECIAL[text] as number;
  return fail(field, "a JSON value, or {number: 'NaN' | 'Infinity' | '-Infinity' | '-0'}", stored);
}

/**
 * The values of a callback state in the header's form.
 * @example storeValues({ kind: 'EarlyStopping', values: { best: NaN }, tensors: [] }) // { best: { number: 'NaN' } }
 */
export function storeValues(state: SavedCallbackState): Record<string, StoredValue> {
  return Object.fromEntries(Object.entries(state.values).map(([k, v]) => [k, storeValue(v)]));
}
