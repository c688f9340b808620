import { received } from './received.js';

/**
 * Checks a factory's options at the boundary: undefined, or a plain object whose keys are all
 * `allowed`. NOTE: without it a Keras-style positional value (`regularizers.l2(1e-4)`) or a
 * snake_case key (`{max_value: 3}`) was ignored and the default used, changing the numerics
 * without a word.
 * @example checkOptions('regularizers.l2', { l2: 1e-4 }, ['l2'])
 */
export function checkOptions(owner: string, args: unknown, allowed: readonly string[]): void {
  if (args === undefined) return;
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new Error(`${owner}: expected an options object {${allowed.join(', ')}}. Received: ${received(args)}${typeof args === 'number' && allowed.length > 0 ? `; write ${owner}({ ${allowed[0]}: ${args} })` : ''}`);
  }
  for (const k of Object.keys(args)) {
    if (!allowed.includes(k)) throw new Error(`${owner}: unknown option '${k}'; expected one of ${allowed.join(', ')}`);
  }
}
