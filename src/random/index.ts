// Philox4x32-10, keys as values, and distributions over typed arrays (DESIGN.md law 1).
// Knows nothing of Tensors: ops/ wraps these into shaped random tensors.
export { philox4x32_10, philoxBlocks } from './philox.js';
export { key, split, foldIn, foldInPath } from './key.js';
export type { RandomKey } from './key.js';
export { randomBits } from './bits.js';
export { uniformFloat32, uniformRange } from './uniform.js';
export { uniformIntArray } from './uniform-int.js';
export { normalFloat32 } from './normal.js';
export { truncatedNormalFloat32 } from './truncated-normal.js';
export { bernoulliMask } from './bernoulli.js';
export { permutation, shuffleInPlace } from './permutation.js';
export type { MutableArrayLike } from './permutation.js';
export { DEFAULT_SEED, setGlobalSeed, getGlobalSeed, nextGlobalKey } from './global-seed.js';
export { callKey } from './call-key.js';
