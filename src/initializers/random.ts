/** Initializers drawing from a fixed distribution: RandomUniform, RandomNormal, TruncatedNormal. */

import type { RandomKey } from '../random/index.js';
import { normalFloat32, truncatedNormalFloat32, uniformRange } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { sizeOf } from '../tensor/shape.js';
import { Tensor } from '../ops/tensor.js';
import type { ConfigDict } from './initializer.js';
import { Initializer } from './initializer.js';
import { assertFloat32, assertNonNegative, finiteOption, optionsOf } from './validate.js';

/** Options of `randomUniform`. */
export interface RandomUniformArgs {
  /** Lower bound, inclusive. Default −0.05. */
  minval?: number;
  /** Upper bound, exclusive. Default 0.05. */
  maxval?: number;
  /** Fixed seed: every call gives the same values. Default: the key the layer passes. */
  seed?: number | null;
}

/**
 * Uniform on [minval, maxval) (TF.js `tf.initializers.randomUniform`, Keras `RandomUniform`).
 * NOTE: `minval: 0` stays 0; TF.js's `args.minval || -0.05` turns it into −0.05 (REFERENCE.md §8).
 */
export class RandomUniform extends Initializer {
  readonly className: string = 'RandomUniform';
  /** Lower bound, inclusive. */
  readonly minval: number;
  /** Upper bound, exclusive. */
  readonly maxval: number;

  constructor(args?: RandomUniformArgs) {
    const options = optionsOf('RandomUniform', args);
    super(options.seed);
    this.minval = finiteOption('RandomUniform', 'minval', options.minval, -0.05);
    this.maxval = finiteOption('RandomUniform', 'maxval', options.maxval, 0.05);
    const [lo, hi] = [Math.fround(this.minval), Math.fround(this.maxval)];
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new Error(`RandomUniform: expected minval and maxval within the float32 range, received minval=${this.minval}, maxval=${this.maxval}`);
    }
    if (!(lo <= hi)) {
      throw new Error(`RandomUniform: expected minval <= maxval, received minval=${this.minval}, maxval=${this.maxval}`);
    }
  }

  protected generate(shape: readonly number[], dtype: DataType, key: RandomKey): Tensor {
    assertFloat32(this.className, dtype);
    return new Tensor(uniformRange(key, sizeOf(shape), this.minval, this.maxval), shape, dtype);
  }

  getConfig(): ConfigDict {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed };
  }
}

/** Options of `randomNormal` and `truncatedNormal`. */
export interface RandomNormalArgs {
  /** Mean. Default 0. */
  mean?: number;
  /** Standard deviation of the untruncated normal. Default 0.05. */
  stddev?: number;
  /** Fixed seed: every call gives the same values. Default: the key the layer passes. */
  seed?: number | null;
}

/**
 * What RandomNormal and TruncatedNormal share: the {mean, stddev, seed} options, their checks
 * and config; a subclass says only how it draws. Not part of the public API (index.ts).
 */
export abstract class NormalInitializer extends Initializer {
  readonly className: string;
  /** Mean. */
  readonly mean: number;
  /** Standard deviation (before truncation, for TruncatedNormal). */
  readonly stddev: number;

  constructor(className: string, args: RandomNormalArgs | undefined) {
    const options = optionsOf(className, args);
    super(options.seed);
    this.className = className;
    this.mean = finiteOption(className, 'mean', options.mean, 0);
    this.stddev = finiteOption(className, 'stddev', options.stddev, 0.05);
    assertNonNegative(className, 'stddev', this.stddev);
  }

  /** `count` float32 values of the distribution with this mean and stddev, from `key`. */
  protected abstract draw(key: RandomKey, count: number): Float32Array;

  protected generate(shape: readonly number[], dtype: DataType, key: RandomKey): Tensor {
    assertFloat32(this.className, dtype);
    return new Tensor(this.draw(key, sizeOf(shape)), shape, dtype);
  }

  getConfig(): ConfigDict {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }
}

/** N(mean, stddev²) (TF.js `tf.initializers.randomNormal`, Keras `RandomNormal`). */
export class RandomNormal extends NormalInitializer {
  constructor(args?: RandomNormalArgs) {
    super('RandomNormal', args);
  }

  protected draw(key: RandomKey, count: number): Float32Array {
    return normalFloat32(key, count, this.mean, this.stddev);
  }
}

/**
 * N(mean, stddev²) with values beyond mean ± 2·stddev redrawn (TF.js
 * `tf.initializers.truncatedNormal`, Keras `TruncatedNormal`). As in both, `stddev` is that of
 * the normal before truncation: the values' own standard deviation is about 0.88 · stddev.
 */
export class TruncatedNormal extends NormalInitializer {
  constructor(args?: RandomNormalArgs) {
    super('TruncatedNormal', args);
  }

  protected draw(key: RandomKey, count: number): Float32Array {
    return truncatedNormalFloat32(key, count, this.mean, this.stddev);
  }
}

/** Uniform on [minval, maxval), default ±0.05. @example randomUniform({ minval: 0, maxval: 1, seed: 7 }) */
export function randomUniform(args?: RandomUniformArgs): RandomUniform {
  return new RandomUniform(args);
}

/** Normal, default N(0, 0.05²). @example randomNormal({ stddev: 0.01 }) */
export function randomNormal(args?: RandomNormalArgs): RandomNormal {
  return new RandomNormal(args);
}

/** Normal truncated at 2σ, default σ = 0.05. @example truncatedNormal({ stddev: 0.02, seed: 1 }) */
export function truncatedNormal(args?: RandomNormalArgs): TruncatedNormal {
  return new TruncatedNormal(args);
}
