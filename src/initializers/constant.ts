/** Initializers that fill a weight with one value: Zeros, Ones, Constant. */

import type { RandomKey } from '../random/index.js';
import { fill } from '../ops/create.js';
import type { DataType } from '../tensor/dtype.js';
import type { Tensor } from '../ops/tensor.js';
import type { ConfigDict } from './initializer.js';
import { Initializer } from './initializer.js';
import { finiteOption, optionsOf } from './validate.js';

/** Fills with 0 (TF.js `tf.initializers.zeros`, Keras `Zeros`). The default bias initializer. */
export class Zeros extends Initializer {
  readonly className: string = 'Zeros';

  protected generate(shape: readonly number[], dtype: DataType, _key: RandomKey): Tensor {
    return fill(shape, 0, dtype);
  }

  getConfig(): ConfigDict {
    return {};
  }
}

/** Fills with 1 (TF.js `tf.initializers.ones`, Keras `Ones`). */
export class Ones extends Initializer {
  readonly className: string = 'Ones';

  protected generate(shape: readonly number[], dtype: DataType, _key: RandomKey): Tensor {
    return fill(shape, 1, dtype);
  }

  getConfig(): ConfigDict {
    return {};
  }
}

/** Options of `constant`. */
export interface ConstantArgs {
  /** The fill value. Default 0 (Keras; TF.js requires it). */
  value?: number;
}

/** Fills with `value` (TF.js `tf.initializers.constant`, Keras `Constant`). */
export class Constant extends Initializer {
  readonly className: string = 'Constant';
  /** The fill value. */
  readonly value: number;

  constructor(args?: ConstantArgs) {
    super();
    this.value = finiteOption('Constant', 'value', optionsOf('Constant', args).value, 0);
  }

  protected generate(shape: readonly number[], dtype: DataType, _key: RandomKey): Tensor {
    return fill(shape, this.value, dtype);
  }

  getConfig(): ConfigDict {
    return { value: this.value };
  }
}

/** Zeros. @example zeros().apply([3]) // [0, 0, 0] */
export function zeros(): Zeros {
  return new Zeros();
}

/** Ones. @example ones().apply([2]) // [1, 1] */
export function ones(): Ones {
  return new Ones();
}

/** A constant. @example constant({ value: 0.1 }).apply([2]) // [0.1, 0.1] */
export function constant(args: ConstantArgs): Constant {
  return new Constant(args);
}
