import type { KernelSet } from '../kernel-set.js';
import { binary, broadcastTo, clip, select, unary } from './elementwise.js';
import { concat, gather, pad, scatterAdd, slice, tile, transpose } from './layout.js';
import { matMul } from './matmul.js';
import { biasAdd, biasGradient, reluBackward, col2im, conv2d, conv2dBackward, conv2dBackpropFilter, conv2dBackpropInput, depthwiseBackpropFilter, depthwiseBackpropInput, depthwiseConv2d, im2col } from './conv.js';
import { clipByGlobalNorm, clipByNorm, clipByValue, decayWeights, sumOfSquares } from './gradient-clip.js';
import { adadeltaUpdate, adagradUpdate, adamaxUpdate, adamUpdate, rmspropUpdate, sgdUpdate } from './optimizer-updates.js';
import { avgPool, avgPoolBackward, maxPool, maxPoolBackward } from './pool.js';
import { argExtremum, extremum, prod, productOfOthers, sum } from './reduce.js';

import { gruCell, gruCellBackward, gruReset, gruResetBackward, gruUpdate, gruUpdateBackward, lstmCarry, lstmCarryBackward, lstmHidden, lstmHiddenBackward, simpleTanh, simpleTanhBackward } from './recurrent.js';

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
  conv2d, conv2dBackward, biasAdd, biasGradient, reluBackward, conv2dBackpropInput, conv2dBackpropFilter, im2col, col2im, depthwiseConv2d, depthwiseBackpropInput, depthwiseBackpropFilter,
  lstmCarry, lstmCarryBackward, lstmHidden, lstmHiddenBackward, gruCell, gruCellBackward,
  gruReset, gruResetBackward, gruUpdate, gruUpdateBackward, simpleTanh, simpleTanhBackward,
};
