import type { RandomKey } from '../random/index.js';
import { key, nextGlobalKey, normalFloat32, truncatedNormalFloat32, uniformIntArray, uniformRange } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { assertValidShape, sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';

/**
 * The key of one random op call: from an explicit integer `seed` alone, or else from the global
 * seed (`setRandomSeed`), the op's name and the call's index since the seed was set.
 */
function keyFor(seed: number | undefined, opName: string): RandomKey {
  if (seed === undefined) return nextGlobalKey(opName);
  if (!Number.isSafeInteger(seed)) throw new Error(`${opName}: seed must be an integer, received ${String(seed)}`);
  return key(seed);
}

function floatTensor(shape: readonly number[], dtype: DataType, opName: string, fill: (k: number) => Float32Array): Tensor {
  assertValidShape(shape, opName);
  if (dtype !== 'float32' && dtype !== 'int32') throw new Error(`${opName}: dtype must be 'float32' or 'int32', received ${JSON.stringify(dtype)}`);
  const values = fill(sizeOf(shape));
  return new Tensor(dtype === 'int32' ? Int32Array.from(values, (v) => Math.floor(v)) : values, shape, dtype);
}

/**
 * Uniform values in [minval, maxval) (TF.js `randomUniform`). Each element is a pure function of
 * (seed, position); seed 0 is a seed like any other.
 * @example randomUniform([2, 3], -1, 1, 'float32', 7)
 */
export function randomUniform(shape: readonly number[], minval = 0, maxval = 1, dtype: DataType = 'float32', seed?: number): Tensor {
  const k = keyFor(seed, 'randomUniform');
  return floatTensor(shape, dtype, 'randomUniform', (n) => uniformRange(k, n, minval, maxval));
}

/**
 * Normal values with `mean` and `stdDev` by Box–Muller on Philox words (TF.js `randomNormal`).
 * @example randomNormal([100], 0, 0.05, 'float32', 1)
 */
export function randomNormal(shape: readonly number[], mean = 0, stdDev = 1, dtype: DataType = 'float32', seed?: number): Tensor {
  const k = keyFor(seed, 'randomNormal');
  return floatTensor(shape, dtype, 'randomNormal', (n) => normalFloat32(k, n, mean, stdDev));
}

/** Standard normal values (TF.js `randomStandardNormal`). */
export function randomStandardNormal(shape: readonly number[], dtype: DataType = 'float32', seed?: number): Tensor {
  const k = keyFor(seed, 'randomStandardNormal');
  return floatTensor(shape, dtype, 'randomStandardNormal', (n) => normalFloat32(k, n, 0, 1));
}

/**
 * Normal values redrawn until within two standard deviations of the mean (Keras semantics;
 * TF.js `truncatedNormal`).
 */
export function truncatedNormal(shape: readonly number[], mean = 0, stdDev = 1, dtype: DataType = 'float32', seed?: number): Tensor {
  const k = keyFor(seed, 'truncatedNormal');
  return floatTensor(shape, dtype, 'truncatedNormal', (n) => truncatedNormalFloat32(k, n, mean, stdDev));
}

/**
 * Uniform integers in [minval, maxval), int32, without modulo bias (TF.js `randomUniformInt`).
 * @example randomUniformInt([5], 0, 10, { seed: 3 })
 */
export function randomUniformInt(shape: readonly number[], minval: number, maxval: number, args: { seed?: number } = {}): Tensor {
  assertValidShape(shape, 'randomUniformInt');
  const k = keyFor(args.seed, 'randomUniformInt');
  return new Tensor(uniformIntArray(k, sizeOf(shape), minval, maxval), shape, 'int32');
}
