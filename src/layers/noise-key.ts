import type { RandomKey } from '../random/index.js';
import { callKey, foldIn, foldInPath, key } from '../random/index.js';
import type { CallContext } from './layer.js';

/**
 * The key a random layer draws from: its own seed's, of the training call (`callKey`), if it has
 * one, else the run's seed key, which already is the call's. So a seeded layer too draws new
 * masks in each fit call.
 * @example const base = layerSeedKey(ctx, this.seed);
 */
export function layerSeedKey(ctx: CallContext, seed: number | null): RandomKey {
  return seed !== null ? callKey(key(seed), ctx.call ?? 0) : ctx.seedKey;
}

/**
 * The key of a noise layer's draw at one call, as Dropout's: foldIn(foldInPath(base,
 * `<layer position>/<purpose>`), step), base `layerSeedKey`. Each noise element is a pure
 * function of (seed, training call, layer position, step, element index).
 * @example noiseKey(ctx, '1.GaussianNoise', 'noise', null)
 */
export function noiseKey(ctx: CallContext, randomPath: string, purpose: string, seed: number | null): RandomKey {
  return foldIn(foldInPath(layerSeedKey(ctx, seed), `${randomPath}/${purpose}`), ctx.step);
}

/**
 * Checks a layer's optional seed: a safe integer or absent (null).
 * @example checkSeed('gaussian_noise', 42) // 42
 */
export function checkSeed(layer: string, seed: unknown): number | null {
  if (seed === undefined || seed === null) return null;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new Error(`${layer}: seed must be an integer. Received: seed=${String(seed)}`);
  return seed;
}
