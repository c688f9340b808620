import { pow64 } from '../math/index.js';

/**
 * β^t as Keras computes it for bias correction (`ops.power(cast(β, float32), t)`): β rounded to
 * float32, raised to the float32 step t with SameBits's `pow64` (about 1 ulp in float64, C99
 * special cases; never Math.pow), then rounded once to float32.
 * @example betaPower(0.9, 1) // 0.8999999761581421 (float32 of 0.9)
 */
export function betaPower(beta: number, t: number): number {
  return Math.fround(pow64(Math.fround(beta), t));
}
