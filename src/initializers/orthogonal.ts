/** Orthogonal: a random orthogonal matrix (Saxe et al., 2014), reshaped to the weight shape. */

import type { RandomKey } from '../random/index.js';
import { normalFloat32 } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../ops/tensor.js';
import type { ConfigDict } from './initializer.js';
import { Initializer } from './initializer.js';
import { orthonormalQ } from './qr.js';
import { assertFloat32, finiteOption, optionsOf } from './validate.js';

/** Options of `orthogonal`. */
export interface OrthogonalArgs {
  /** Multiplies the orthogonal matrix. Default 1. */
  gain?: number;
  /** Fixed seed: every call gives the same values. Default: the key the layer passes. */
  seed?: number | null;
}

/**
 * A random orthogonal matrix (TF.js `tf.initializers.orthogonal`, Keras `Orthogonal`; the
 * default RNN recurrent kernel). For shape [..., c] with r = product of the other extents: A is
 * drawn N(0, 1) with shape [max(r, c), min(r, c)] (row-major, element i at position i), Q is its
 * orthonormal QR factor with diag(R) ≥ 0 (`orthonormalQ`, float64), transposed when r < c, then
 * each value is gain·q rounded once to float32. Rows (r ≤ c) or columns (r ≥ c) are orthonormal.
 */
export class Orthogonal extends Initializer {
  readonly className: string = 'Orthogonal';
  /** The factor applied to the orthogonal matrix. */
  readonly gain: number;

  constructor(args?: OrthogonalArgs) {
    const options = optionsOf('Orthogonal', args);
    super(options.seed);
    this.gain = finiteOption('Orthogonal', 'gain', options.gain, 1);
  }

  protected generate(shape: readonly number[], dtype: DataType, key: RandomKey): Tensor {
    if (shape.length < 2) {
      throw new Error(`Orthogonal: expected a shape of rank >= 2, received shape ${formatShape(shape)} (rank ${shape.length})`);
    }
    assertFloat32(this.className, dtype);
    let rows = 1;
    for (let axis = 0; axis < shape.length - 1; axis++) rows *= shape[axis]!;
    const cols = shape[shape.length - 1]!;
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const values = new Float32Array(rows * cols);
    if (n === 0) return new Tensor(values, shape, dtype);
    const q = orthonormalQ(Float64Array.from(normalFloat32(key, m * n, 0, 1)), m, n);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        // q is rows×cols when rows >= cols, else cols×rows and read transposed.
        values[i * cols + j] = this.gain * (rows >= cols ? q[i * cols + j]! : q[j * rows + i]!);
      }
    }
    return new Tensor(values, shape, dtype);
  }

  getConfig(): ConfigDict {
    return { gain: this.gain, seed: this.seed };
  }
}

/** A random orthogonal matrix. @example orthogonal({ gain: 1, seed: 3 }).apply([64, 64]) */
export function orthogonal(args?: OrthogonalArgs): Orthogonal {
  return new Orthogonal(args);
}
