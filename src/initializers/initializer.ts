import type { RandomKey } from '../random/index.js';
import { key as keyOfSeed, nextGlobalKey } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { isDataType } from '../tensor/dtype.js';
import { assertValidShape } from '../tensor/shape.js';
import type { Tensor } from '../ops/tensor.js';

/** Plain-JSON configuration of a serializable object (TF.js `getConfig()` result). */
export type ConfigDict = { [key: string]: ConfigValue };
/** A value inside a `ConfigDict`. */
export type ConfigValue = number | string | boolean | null | ConfigValue[] | ConfigDict;

/**
 * Base class of weight initializers (TF.js `tf.initializers.*`, Keras `keras.initializers.*`).
 *
 * Randomness (DESIGN.md law 1): `apply(shape, dtype, key)` is a pure function of its arguments.
 * Layers pass the key of the weight's purpose path (seed + layer position + weight name); an
 * initializer given its own `seed` ignores that key and uses `key(seed)` instead, so a seeded
 * initializer gives the same values at every call (Keras 3 semantics). Called without a key
 * and without a seed, it draws the next key of the global seed for its class name.
 */
export abstract class Initializer {
  /** The Keras / TF.js class name used in configs, e.g. `GlorotUniform`. */
  abstract readonly className: string;

  /** The explicit seed, if the user gave one. */
  readonly seed: number | null;

  constructor(seed?: number | null) {
    if (seed !== undefined && seed !== null && !Number.isSafeInteger(seed)) {
      throw new Error(`${new.target.name}: expected seed to be an integer or null, received seed=${String(seed)}`);
    }
    this.seed = seed ?? null;
  }

  /**
   * Values for a weight of `shape`.
   * @example glorotUniform().apply([3, 4])
   */
  apply(shape: readonly number[], dtype: DataType = 'float32', key?: RandomKey): Tensor {
    if (!Array.isArray(shape)) {
      throw new Error(`${this.className}: expected shape to be an array of non-negative integers, received shape=${String(shape)}`);
    }
    assertValidShape(shape, this.className);
    if (!isDataType(dtype)) {
      throw new Error(`${this.className}: expected dtype 'float32', 'int32' or 'bool', received dtype=${JSON.stringify(dtype)}`);
    }
    const k = this.seed !== null ? keyOfSeed(this.seed) : key ?? nextGlobalKey(`initializer/${this.className}`);
    return this.generate(shape, dtype, k);
  }

  /** The values, from `key`. Subclasses implement this; `apply` chooses the key. */
  protected abstract generate(shape: readonly number[], dtype: DataType, key: RandomKey): Tensor;

  /** Plain-JSON config in TF.js key style (camelCase inside `config`). */
  abstract getConfig(): ConfigDict;

  /**
   * The class name written when serializing (TF.js `getClassName`): `className`, except that
   * the Glorot, He and LeCun presets serialize as `VarianceScaling`, as TF.js writes them.
   */
  getClassName(): string {
    return this.className;
  }
}
