/**
 * Key and value spelling between TF.js objects (camelCase) and model files (Keras snake_case),
 * by the rules of TF.js `convertTsToPythonic` / `convertPythonicToTs`
 * (`@tensorflow/tfjs-layers/dist/utils/serialization_utils.js`): keys and string values change
 * case, except string values under `name` (and `className` on the way out), which are names.
 */

import type { ConfigDict, ConfigValue } from '../initializers/initializer.js';

/** Deepest nesting of a config any model file needs; deeper input is refused before any walk. */
export const MAX_CONFIG_DEPTH = 64;

/**
 * TF.js `toSnakeCase`: `_` before a capital that starts a word of lowercase letters or digits,
 * then between a lowercase letter and a capital; lowercased; a leading `_` gets `private`.
 * @example toSnakeCase('fanAvg') // 'fan_avg'
 */
export function toSnakeCase(name: string): string {
  const snake = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return snake.startsWith('_') ? `private${snake}` : snake;
}

/**
 * TF.js `toCamelCase`: each run of `_` and the character after it become that character in
 * upper case; strings without `_` are unchanged.
 * @example toCamelCase('fan_avg') // 'fanAvg'
 */
export function toCamelCase(name: string): string {
  if (name.length <= 1 || !name.includes('_')) return name;
  return name.replace(/_+(\w|$)/g, (_m, c: string) => c.toUpperCase());
}

/** Throws when `value` nests arrays and objects deeper than `limit` (checked without recursion). */
export function assertDepth(value: unknown, limit: number, what: string): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) throw new Error(`${what} nests objects and arrays more than ${limit} levels deep`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
}

function convert(value: ConfigValue, key: (k: string) => string, text: (s: string) => string, keep: readonly string[]): ConfigValue {
  if (typeof value === 'string') return text(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => convert(v, key, text, keep));
  // NOTE: fromEntries defines own properties, so a key '__proto__' from a file stays data.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [key(k), keep.includes(k) && typeof v === 'string' ? v : convert(v, key, text, keep)]));
}

/**
 * A TF.js config in the file's spelling (TF.js `convertTsToPythonic`).
 * @example toPythonic({ className: 'VarianceScaling', config: { mode: 'fanAvg' } })
 * // { class_name: 'VarianceScaling', config: { mode: 'fan_avg' } }
 */
export function toPythonic(config: ConfigDict): ConfigDict {
  assertDepth(config, MAX_CONFIG_DEPTH, 'toPythonic: the config');
  return convert(config, toSnakeCase, toSnakeCase, ['name', 'className']) as ConfigDict;
}

/**
 * A file's config in TF.js spelling (TF.js `convertPythonicToTs`), as registered classes get it.
 * @example fromPythonic({ use_bias: true, name: 'my_layer' }) // { useBias: true, name: 'my_layer' }
 */
export function fromPythonic(config: ConfigDict): ConfigDict {
  assertDepth(config, MAX_CONFIG_DEPTH, 'fromPythonic: the config');
  return convert(config, toCamelCase, toCamelCase, ['name']) as ConfigDict;
}
