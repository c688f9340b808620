/**
 * The kernel table: plain loops over typed arrays, each with its reference order of arithmetic
 * in its doc comment. Ops call kernels only through this module, so a faster twin (WebAssembly
 * SIMD, threads) can be dispatched here without touching anything above kernels/.
 */
export { binaryBroadcast, ternaryBroadcast } from './binary.js';
export type { NumericArray } from './binary.js';
export { unaryMap } from './unary.js';
export { matMul } from './matmul.js';
export type { MatMulDims } from './matmul.js';
export { reduceGeometry, sum, prod, productOfOthers, extremum, argExtremum } from './reduce.js';
export type { ReduceGeometry } from './reduce.js';
export { transpose, slice, pad, tile, concat, gather, scatterAdd } from './layout.js';
export { broadcastStrides } from './strides.js';
