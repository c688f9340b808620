import type { RandomKey } from './key.js';
import { foldIn, foldInPath } from './key.js';

/**
 * The key of a model's training call `call` (fit, fitDataset, a run of trainOnBatch) from a
 * seed's key: the key itself for call 0 (so a first call's bits never changed when calls came to
 * be counted), else foldIn(foldInPath(seedKey, 'fit/call'), call). Every shuffle and mask of
 * the call derives from it, layers with a seed of their own included.
 * @example const k = callKey(key(getGlobalSeed()), 2); // the third call's shuffles and masks derive from k
 */
export function callKey(seedKey: RandomKey, call: number): RandomKey {
  return call === 0 ? seedKey : foldIn(foldInPath(seedKey, 'fit/call'), call);
}
