import type { RandomKey } from '../random/index.js';
import { foldIn, foldInPath, key } from '../random/index.js';
import type { CallContext } from './layer.js';

/**
 * The key of a noise layer's draw at one call, as Dropout's: foldIn(foldInPath(base,
 * `<layer position>/<purpose>`), step), base the layer's own seed if it has one, else the run's
 * seed key. Each noise element is a pure function of (seed, layer position, step, element index).
 * @example noiseKey(ctx, '1.GaussianNoise', 'noise', null)
 */
export function noiseKey(ctx: CallContext, randomPath: string, purpose: string, seed: number | null): RandomKey {
  return foldIn(foldInPath(seed !== null ? key(seed) : ctx.seedKey, `${randomPath}/${purpose}`), ctx.step);
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
