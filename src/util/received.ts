/**
 * A value as error messages quote it after `Received:`: strings in quotes (so `"2"` and `2`
 * differ), numbers as JavaScript prints them (`NaN`, `-Infinity`), arrays and plain objects as
 * JSON, functions and class instances by kind.
 * @example received('2') // '"2"'
 */
export function received(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return `an instance of ${name ?? 'a class'}`;
  }
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? 'an array' : 'an object';
  }
}
