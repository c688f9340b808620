import type { KernelSet } from '../kernel-set.js';
import { binary, broadcastTo, clip, select, unary } from './elementwise.js';
import { concat, gather, pad, scatterAdd, slice, tile, transpose } from './layout.js';
import { matMul } from './matmul.js';
import { clipByGlobalNorm, clipByNorm, clipByValue, decayWeights, sumOfSquares } from './gradient-clip.js';
import { adadeltaUpdate, adagradUpdate, adamaxUpdate, adamUpdate, rmspropUpdate, sgdUpdate } from './optimizer-updates.js';
import { avgPool, avgPoolBackward, maxPool, maxPoolBackward } from './pool.js';
import { argExtremum, extremum, prod, productOfOthers, sum } from './reduce.js';

/** The reference kernel set: plain loops over typed arrays, the specification of every result. */
export const referenceKernels: KernelSet = {
  name: 'reference',
  allocFloat32: (size) => new Float32Array(size),
  matMul, adamUpdate, sum, prod, extremum, argExtremum, productOfOthers,
  transpose, slice, pad, tile, concat, gather, scatterAdd,
  binary, unary, clip, select, broadcastTo,
  sgdUpdate, rmspropUpdate, adagradUpdate, adadeltaUpdate, adamaxUpdate,
  decayWeights, sumOfSquares, clipByNorm, clipByGlobalNorm, clipByValue,
  maxPool, maxPoolBackward, avgPool, avgPoolBackward,
};
