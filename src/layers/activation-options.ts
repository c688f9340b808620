/**
 * Option checks shared by the advanced activation layers (ReLU, LeakyReLU, ELU, PReLU, Softmax,
 * ThresholdedReLU): unknown keys and bad values are refused with the layer's name, the option
 * and what was received, instead of silently falling back to a default.
 */

import { checkOptions } from '../util/options.js';
import { received } from '../util/received.js';
import type { ConfigReader } from './config-reader.js';
import { failConfig } from './config-reader.js';

/** The `LayerArgs` keys every layer factory accepts besides its own. */
const LAYER_ARG_KEYS: readonly string[] = ['name', 'trainable', 'inputShape', 'batchInputShape', 'batchSize', 'dtype', 'weights'];

/**
 * Throws `<layer>: unknown option 'k'; expected one of …` for a key that is neither the layer's
 * own nor a `LayerArgs` key (a Keras spelling such as `negative_slope` is such a key).
 * @example checkLayerOptions('leaky_re_lu', { alpha: 0.1 }, ['alpha'])
 */
export function checkLayerOptions(layer: string, args: unknown, own: readonly string[]): void {
  checkOptions(layer, args, [...own, ...LAYER_ARG_KEYS]);
}

/**
 * `value` when it is a finite number ≥ `min` (any finite number when `min` is −Infinity),
 * `fallback` when undefined; throws naming the layer and the option otherwise.
 * @example optionNumber('elu', 'alpha', undefined, 1, -Infinity) // 1
 */
export function optionNumber(layer: string, key: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    const expected = min === -Infinity ? 'a finite number' : `a finite number >= ${min}`;
    throw new Error(`${layer}: ${key} must be ${expected}. Received: ${key}=${received(value)}`);
  }
  return value;
}

/**
 * A number option read from a model file's config: undefined when absent or null; a non-number
 * is refused naming the class and the key (range checks are the constructor's).
 * @example configNumber(new ConfigReader('ELU', { alpha: 0.5 }), 'alpha') // 0.5
 */
export function configNumber(r: ConfigReader, key: string): number | undefined {
  const v = r.get(key);
  if (v !== undefined && typeof v !== 'number') failConfig(r.cls, key, v, 'a number');
  return v;
}
