/** VarianceScaling: a distribution whose scale follows the weight's fans (Keras numerics). */

import type { RandomKey } from '../random/index.js';
import { normalFloat32, truncatedNormalFloat32, uniformRange } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { sizeOf } from '../tensor/shape.js';
import { Tensor } from '../ops/tensor.js';
import { computeFans } from './fans.js';
import type { ConfigDict } from './initializer.js';
import { Initializer } from './initializer.js';
import { assertFloat32, describeValue, finiteOption, optionsOf } from './validate.js';

/** Which fan divides the scale: TF.js spellings (stored) and Keras spellings (accepted). */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg' | 'fan_in' | 'fan_out' | 'fan_avg';

/**
 * The distribution, TF.js and Keras spellings. Keras semantics: `'normal'` and
 * `'truncatedNormal'` both mean the corrected truncated normal.
 */
export type Distribution =
  | 'normal' | 'uniform' | 'truncatedNormal' | 'untruncatedNormal' | 'truncated_normal' | 'untruncated_normal';

/** Options of `varianceScaling`. */
export interface VarianceScalingArgs {
  /** Positive scale factor s. Default 1. */
  scale?: number;
  /** Default `'fanIn'` (Keras and TF.js). */
  mode?: FanMode;
  /** Default `'truncatedNormal'` (Keras; TF.js defaults to `'normal'`, the same here). */
  distribution?: Distribution;
  /** Fixed seed: every call gives the same values. Default: the key the layer passes. */
  seed?: number | null;
}

/** Modes in the order error messages list them; index i of both lists names the same mode. */
const MODES = ['fanIn', 'fanOut', 'fanAvg'] as const;
const KERAS_MODES = ['fan_in', 'fan_out', 'fan_avg'] as const;
const DISTRIBUTIONS = ['truncatedNormal', 'normal', 'untruncatedNormal', 'uniform'] as const;
const KERAS_DISTRIBUTIONS = ['truncated_normal', 'normal', 'untruncated_normal', 'uniform'] as const;

/**
 * Standard deviation of the standard normal truncated to [−2, 2]; Keras divides σ by it so the
 * truncated values have standard deviation √s (`keras/src/initializers/random_initializers.py`).
 */
const TRUNCATED_STDDEV = 0.87962566103423978;

/** The TF.js spelling of `value` among `names` (camelCase) or `kerasNames` (snake_case). */
function spelling<T extends string>(name: string, value: unknown, names: readonly T[], kerasNames: readonly string[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  const i = names.indexOf(value as T);
  const j = kerasNames.indexOf(value as string);
  if (i >= 0) return names[i]!;
  if (j >= 0) return names[j]!;
  const expected = [...names, ...kerasNames.filter((n) => !names.includes(n as T))].map((n) => `'${n}'`).join(', ');
  throw new Error(`VarianceScaling: expected ${name} to be one of ${expected}, received ${name}=${describeValue(value)}`);
}

/**
 * Values with variance scale / n, where n is fanIn, fanOut or their mean (at least 1), by
 * `computeFans` (TF.js `tf.initializers.varianceScaling`, Keras `VarianceScaling`). Keras
 * numerics: with s = scale / max(1, n) in float64,
 * - `'truncatedNormal'` / `'normal'`: truncated normal (redrawn beyond 2σ), σ = √s / 0.8796…;
 * - `'untruncatedNormal'`: N(0, s);
 * - `'uniform'`: U(−√(3s), √(3s)).
 * NOTE: TF.js draws `'normal'` with the uncorrected σ = √s and `'truncatedNormal'` as uniform.
 */
export class VarianceScaling extends Initializer {
  readonly className: string = 'VarianceScaling';
  /** The scale factor. */
  readonly scale: number;
  /** The fan mode, TF.js spelling. */
  readonly mode: 'fanIn' | 'fanOut' | 'fanAvg';
  /** The distribution, TF.js spelling (`'normal'` is kept as given: it is what TF.js writes). */
  readonly distribution: 'truncatedNormal' | 'normal' | 'untruncatedNormal' | 'uniform';

  constructor(args?: VarianceScalingArgs) {
    const options = optionsOf('VarianceScaling', args);
    super(options.seed);
    this.scale = finiteOption('VarianceScaling', 'scale', options.scale, 1);
    if (!(this.scale > 0)) throw new Error(`VarianceScaling: expected scale > 0, received scale=${this.scale}`);
    this.mode = spelling('mode', options.mode, MODES, KERAS_MODES, 'fanIn');
    this.distribution = spelling('distribution', options.distribution, DISTRIBUTIONS, KERAS_DISTRIBUTIONS, 'truncatedNormal');
  }

  protected generate(shape: readonly number[], dtype: DataType, key: RandomKey): Tensor {
    assertFloat32(this.className, dtype);
    const [fanIn, fanOut] = computeFans(shape);
    const n = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const s = this.scale / Math.max(1, n);
    const count = sizeOf(shape);
    let values: Float32Array;
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * s);
      values = uniformRange(key, count, -limit, limit);
    } else if (this.distribution === 'untruncatedNormal') {
      values = normalFloat32(key, count, 0, Math.sqrt(s));
    } else {
      values = truncatedNormalFloat32(key, count, 0, Math.sqrt(s) / TRUNCATED_STDDEV);
    }
    return new Tensor(values, shape, dtype);
  }

  getConfig(): ConfigDict {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed };
  }

  override getClassName(): string {
    return 'VarianceScaling';
  }
}

/**
 * VarianceScaling. @example varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'uniform' })
 */
export function varianceScaling(args?: VarianceScalingArgs): VarianceScaling {
  return new VarianceScaling(args);
}
