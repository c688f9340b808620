/**
 * The value a string-keyed table holds under `id` as its own property, or undefined. Id tables
 * are object literals, which inherit `constructor`, `toString`, `__proto__`… from
 * Object.prototype; `id in table` or `table[id]` would find those for an id read from a file.
 * @example lookupOwn({ relu }, 'constructor') // undefined
 */
export function lookupOwn<T>(table: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(table, id) ? table[id] : undefined;
}
