/**
 * The kernels ops call: each forwards to the active kernel set (`setBackend`), so ops never
 * know which set runs. Kernels are plain loops over typed arrays; each one's reference order of
 * arithmetic is in the doc comment of its twin in `reference/`.
 */
import { activeKernels } from './backend.js';
import type { KernelSet } from './kernel-set.js';

export { setBackend, getBackend, ready, setThreads, getThreads, activeKernels, wasmUnavailable } from './backend.js';
export type { BackendName, KernelSet } from './kernel-set.js';
export type { NumericArray } from './reference/binary.js';
export type { BinaryKernel, UnaryKernel } from './reference/elementwise.js';
export type { MatMulDims } from './reference/matmul.js';
export type { ConvGeometry, ConvGradients, FusedActivation } from './reference/conv.js';
export type { AdadeltaConstants, AdamaxConstants, AdamConstants, RmspropConstants, SgdConstants } from './reference/optimizer-updates.js';
export { reduceGeometry } from './reference/reduce.js';
export type { ReduceGeometry } from './reference/reduce.js';
export type { PoolGeometry } from './reference/pool.js';
export { broadcastStrides } from './strides.js';
export { isPointwise } from './conv-geometry.js';

export const allocFloat32: KernelSet['allocFloat32'] = (size) => activeKernels().allocFloat32(size);
export const matMul: KernelSet['matMul'] = (...args) => activeKernels().matMul(...args);
export const adamUpdate: KernelSet['adamUpdate'] = (...args) => activeKernels().adamUpdate(...args);
export const sum: KernelSet['sum'] = (...args) => activeKernels().sum(...args);
export const prod: KernelSet['prod'] = (...args) => activeKernels().prod(...args);
export const extremum: KernelSet['extremum'] = (...args) => activeKernels().extremum(...args);
export const argExtremum: KernelSet['argExtremum'] = (...args) => activeKernels().argExtremum(...args);
export const productOfOthers: KernelSet['productOfOthers'] = (...args) => activeKernels().productOfOthers(...args);
export const transpose: KernelSet['transpose'] = (...args) => activeKernels().transpose(...args);
export const slice: KernelSet['slice'] = (...args) => activeKernels().slice(...args);
export const pad: KernelSet['pad'] = (...args) => activeKernels().pad(...args);
export const tile: KernelSet['tile'] = (...args) => activeKernels().tile(...args);
export const concat: KernelSet['concat'] = (...args) => activeKernels().concat(...args);
export const gather: KernelSet['gather'] = (...args) => activeKernels().gather(...args);
export const scatterAdd: KernelSet['scatterAdd'] = (...args) => activeKernels().scatterAdd(...args);
export const binary: KernelSet['binary'] = (...args) => activeKernels().binary(...args);
export const unary: KernelSet['unary'] = (...args) => activeKernels().unary(...args);
export const clip: KernelSet['clip'] = (...args) => activeKernels().clip(...args);
export const select: KernelSet['select'] = (...args) => activeKernels().select(...args);
export const broadcastTo: KernelSet['broadcastTo'] = (...args) => activeKernels().broadcastTo(...args);
export const sgdUpdate: KernelSet['sgdUpdate'] = (...args) => activeKernels().sgdUpdate(...args);
export const rmspropUpdate: KernelSet['rmspropUpdate'] = (...args) => activeKernels().rmspropUpdate(...args);
export const adagradUpdate: KernelSet['adagradUpdate'] = (...args) => activeKernels().adagradUpdate(...args);
export const adadeltaUpdate: KernelSet['adadeltaUpdate'] = (...args) => activeKernels().adadeltaUpdate(...args);
export const adamaxUpdate: KernelSet['adamaxUpdate'] = (...args) => activeKernels().adamaxUpdate(...args);
export const decayWeights: KernelSet['decayWeights'] = (...args) => activeKernels().decayWeights(...args);
export const sumOfSquares: KernelSet['sumOfSquares'] = (...args) => activeKernels().sumOfSquares(...args);
export const clipByNorm: KernelSet['clipByNorm'] = (...args) => activeKernels().clipByNorm(...args);
export const clipByGlobalNorm: KernelSet['clipByGlobalNorm'] = (...args) => activeKernels().clipByGlobalNorm(...args);
export const clipByValue: KernelSet['clipByValue'] = (...args) => activeKernels().clipByValue(...args);
export const maxPool: KernelSet['maxPool'] = (...args) => activeKernels().maxPool(...args);
export const maxPoolBackward: KernelSet['maxPoolBackward'] = (...args) => activeKernels().maxPoolBackward(...args);
export const avgPool: KernelSet['avgPool'] = (...args) => activeKernels().avgPool(...args);
export const avgPoolBackward: KernelSet['avgPoolBackward'] = (...args) => activeKernels().avgPoolBackward(...args);
export const conv2d: KernelSet['conv2d'] = (...args) => activeKernels().conv2d(...args);
export const biasAdd: KernelSet['biasAdd'] = (...args) => activeKernels().biasAdd(...args);
export const reluBackward: KernelSet['reluBackward'] = (...args) => activeKernels().reluBackward(...args);
export const biasGradient: KernelSet['biasGradient'] = (...args) => activeKernels().biasGradient(...args);
export const conv2dBackpropInput: KernelSet['conv2dBackpropInput'] = (...args) => activeKernels().conv2dBackpropInput(...args);
export const conv2dBackward: KernelSet['conv2dBackward'] = (...args) => activeKernels().conv2dBackward(...args);
export const conv2dBackpropFilter: KernelSet['conv2dBackpropFilter'] = (...args) => activeKernels().conv2dBackpropFilter(...args);
export const im2col: KernelSet['im2col'] = (...args) => activeKernels().im2col(...args);
export const col2im: KernelSet['col2im'] = (...args) => activeKernels().col2im(...args);
export const depthwiseConv2d: KernelSet['depthwiseConv2d'] = (...args) => activeKernels().depthwiseConv2d(...args);
export const depthwiseBackpropInput: KernelSet['depthwiseBackpropInput'] = (...args) => activeKernels().depthwiseBackpropInput(...args);
export const depthwiseBackpropFilter: KernelSet['depthwiseBackpropFilter'] = (...args) => activeKernels().depthwiseBackpropFilter(...args);
export const lstmCarry: KernelSet['lstmCarry'] = (...args) => activeKernels().lstmCarry(...args);
export const lstmCarryBackward: KernelSet['lstmCarryBackward'] = (...args) => activeKernels().lstmCarryBackward(...args);
export const lstmHidden: KernelSet['lstmHidden'] = (...args) => activeKernels().lstmHidden(...args);
export const lstmHiddenBackward: KernelSet['lstmHiddenBackward'] = (...args) => activeKernels().lstmHiddenBackward(...args);
export const gruCell: KernelSet['gruCell'] = (...args) => activeKernels().gruCell(...args);
export const gruCellBackward: KernelSet['gruCellBackward'] = (...args) => activeKernels().gruCellBackward(...args);
export const gruReset: KernelSet['gruReset'] = (...args) => activeKernels().gruReset(...args);
export const gruResetBackward: KernelSet['gruResetBackward'] = (...args) => activeKernels().gruResetBackward(...args);
export const gruUpdate: KernelSet['gruUpdate'] = (...args) => activeKernels().gruUpdate(...args);
export const gruUpdateBackward: KernelSet['gruUpdateBackward'] = (...args) => activeKernels().gruUpdateBackward(...args);
export const simpleTanh: KernelSet['simpleTanh'] = (...args) => activeKernels().simpleTanh(...args);
export const simpleTanhBackward: KernelSet['simpleTanhBackward'] = (...args) => activeKernels().simpleTanhBackward(...args);
