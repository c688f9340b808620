/**
 * SameBits: deterministic deep learning with the TensorFlow.js Layers API.
 * Same code, same seed, same data: the same bits.
 */
export { Tensor, Variable } from './tensor/tensor.js';
export type { NestedArray } from './tensor/tensor.js';
export type { DataType, TypedArray } from './tensor/dtype.js';
export type { Shape } from './tensor/shape.js';
export {
  tensor, tensor1d, tensor2d, tensor3d, tensor4d, scalar, fill, zeros, ones, zerosLike, onesLike,
  range, linspace, eye, variable,
} from './tensor/create.js';
export type { TensorLike, TensorLikeArray } from './tensor/create.js';
export * from './ops/index.js';
export { fsum, ExactAccumulator } from './math/index.js';
export { setRandomSeed, getRandomSeed } from './repro/seed.js';
export { fingerprintTensors, canonicalBytes } from './repro/fingerprint.js';
export type { NamedTensor } from './repro/fingerprint.js';
