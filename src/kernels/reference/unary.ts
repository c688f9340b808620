import type { NumericArray } from './binary.js';

/**
 * out[i] = f(x[i]); the store rounds to the output's type.
 * Reference order: elements are independent.
 */
export function unaryMap(x: ArrayLike<number>, out: NumericArray, f: (v: number) => number): void {
  for (let i = 0; i < out.length; i++) out[i] = f(x[i] as number);
}
