// NOTE: layer names follow Keras 3 (`dense`, `dense_1`, …): a process-wide count per prefix, so
// names are the same in every run of the same program. Names never feed a random key (keys come
// from a layer's position in its model), so building a model twice gives identical weights.
const counts = new Map<string, number>();

/**
 * `CamelCase` → `camel_case` by Keras's `to_snake_case` rules (`keras/src/utils/naming.py`): drop
 * non-word characters, put `_` before each capitalised word, then between a lowercase letter and
 * a capital; a digit does not start a word (`Conv2D` → `conv2d`).
 * @example toSnakeCase('BatchNormalization') // 'batch_normalization'
 */
export function toSnakeCase(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * The next automatic name for `prefix`: the prefix itself the first time, then `prefix_1`,
 * `prefix_2`, …
 */
export function uniqueName(prefix: string): string {
  const n = counts.get(prefix) ?? 0;
  counts.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}
