/** Identity: gain on the diagonal of a square matrix. */

import type { RandomKey } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { allocate, toStorage } from '../tensor/dtype.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../ops/tensor.js';
import type { ConfigDict } from './initializer.js';
import { Initializer } from './initializer.js';
import { finiteOption, optionsOf } from './validate.js';

/** Options of `identity`. */
export interface IdentityArgs {
  /** The diagonal value. Default 1. */
  gain?: number;
}

/**
 * gain · I (TF.js `tf.initializers.identity`, Keras `Identity`). Only square 2-D shapes, as
 * TF.js requires (Keras 3 also accepts rectangular ones).
 */
export class Identity extends Initializer {
  readonly className: string = 'Identity';
  /** The diagonal value. */
  readonly gain: number;

  constructor(args?: IdentityArgs) {
    super();
    this.gain = finiteOption('Identity', 'gain', optionsOf('Identity', args).gain, 1);
  }

  protected generate(shape: readonly number[], dtype: DataType, _key: RandomKey): Tensor {
    if (shape.length !== 2 || shape[0] !== shape[1]) {
      throw new Error(`Identity: expected a square 2-D shape [n, n], received shape ${formatShape(shape)}`);
    }
    const n = shape[0]!;
    const diagonal = toStorage(dtype, [this.gain])[0]!; // rounded, truncated or made 0/1 as dtype stores it
    const values = allocate(dtype, n * n);
    for (let i = 0; i < n; i++) values[i * n + i] = diagonal;
    return new Tensor(values, shape, dtype);
  }

  getConfig(): ConfigDict {
    return { gain: this.gain };
  }
}

/** gain · I. @example identity({ gain: 0.5 }).apply([3, 3]) */
export function identity(args?: IdentityArgs): Identity {
  return new Identity(args);
}
