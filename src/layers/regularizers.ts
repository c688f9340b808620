/**
 * Weight regularizers (TF.js `tf.regularizers`, Keras `keras.regularizers`): a penalty on a
 * weight's values that `fit` adds to the loss. TF.js names and defaults (every factor 0.01 when
 * not given, as Keras's string ids), Keras 3 arithmetic: `l1 · Σ|x| + l2 · Σx²`.
 */

import type { ConfigDict, ConfigValue } from '../initializers/initializer.js';
import { describeValue } from '../initializers/validate.js';
import { abs, add, mul, square, sum } from '../ops/index.js';
import { scalar } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import { unknownId } from '../util/suggest.js';
import { checkOptions } from '../util/options.js';

/** TF.js / Keras serialized form: `{className: 'L1L2', config: {l1, l2}}`. */
export type SerializedRegularizer = { className: string; config: ConfigDict };

/** Anything `getRegularizer` resolves: an instance, `{className|class_name, config}` or an id (`'l2'`, `'l1l2'`, `'l1_l2'`). */
export type RegularizerIdentifier = Regularizer | SerializedRegularizer | { class_name: string; config?: ConfigDict } | string;

/**
 * Base class of regularizers: `apply(x)` is a scalar penalty, on the tape when x is.
 * @example class Half extends Regularizer { className = 'Half'; apply(x: Tensor) { return mul(0.5, sum(square(x))); } getConfig() { return {}; } }
 */
export abstract class Regularizer {
  /** The class name written to configs (`L1L2`). */
  abstract readonly className: string;
  /**
   * The penalty for weight values `x`, a scalar tensor.
   * @example regularizers.l2().apply(kernel)
   */
  abstract apply(x: Tensor): Tensor;
  /** Plain-JSON config (camelCase keys, as TF.js). */
  abstract getConfig(): ConfigDict;
}

/** Arguments of `regularizers.l1l2` (TF.js `L1L2Args`). */
export interface L1L2Args {
  /** L1 factor (default 0.01). */
  l1?: number;
  /** L2 factor (default 0.01). */
  l2?: number;
}

const DEFAULT_FACTOR = 0.01;

function factor(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`L1L2: ${name} must be a finite number >= 0. Received: ${name}=${describeValue(value)}`);
  return value;
}

/**
 * L1 and L2 penalties: `l1 · sum(|x|) + l2 · sum(x²)`, each term only when its factor is not 0
 * (Keras 3 `L1L2.__call__`). Order of arithmetic: each sum is the `sum` op's (float64 accumulator
 * in increasing index order, one rounding), then float32 products, then 0 + L1 term, + L2 term.
 * NOTE: TF.js sums `l1 · |x|` elementwise instead; Keras's order is the one followed here.
 * @example new L1L2({ l1: 0, l2: 1e-4 }).apply(kernel)
 */
export class L1L2 extends Regularizer {
  static readonly className: string = 'L1L2';
  readonly className: string = L1L2.className;
  readonly l1: number;
  readonly l2: number;

  constructor(args: L1L2Args = {}) {
    super();
    checkOptions('L1L2', args, ['l1', 'l2']);
    this.l1 = factor('l1', args.l1 ?? DEFAULT_FACTOR);
    this.l2 = factor('l2', args.l2 ?? DEFAULT_FACTOR);
  }

  apply(x: Tensor): Tensor {
    let total = scalar(0);
    if (this.l1 !== 0) total = add(total, mul(scalar(this.l1), sum(abs(x))));
    if (this.l2 !== 0) total = add(total, mul(scalar(this.l2), sum(square(x))));
    return total;
  }

  getConfig(): ConfigDict {
    return { l1: this.l1, l2: this.l2 };
  }
}

/**
 * An L1 penalty `l1 · sum(|x|)` (default factor 0.01).
 * @example layers.dense({ units: 4, kernelRegularizer: regularizers.l1({ l1: 1e-3 }) })
 */
export function l1(args: { l1?: number } = {}): L1L2 {
  checkOptions('regularizers.l1', args, ['l1']);
  return new L1L2({ l1: args.l1 ?? DEFAULT_FACTOR, l2: 0 });
}

/**
 * An L2 penalty `l2 · sum(x²)` (default factor 0.01; Keras 3 has no ½).
 * @example layers.dense({ units: 4, kernelRegularizer: regularizers.l2({ l2: 1e-4 }) })
 */
export function l2(args: { l2?: number } = {}): L1L2 {
  checkOptions('regularizers.l2', args, ['l2']);
  return new L1L2({ l1: 0, l2: args.l2 ?? DEFAULT_FACTOR });
}

/**
 * Both penalties (defaults 0.01 each).
 * @example regularizers.l1l2({ l1: 1e-5, l2: 1e-4 })
 */
export function l1l2(args: L1L2Args = {}): L1L2 {
  return new L1L2(args);
}

/**
 * Regularizer factories with TF.js names.
 * @example regularizers.l2({ l2: 0.001 })
 */
export const regularizers: Readonly<{ l1: typeof l1; l2: typeof l2; l1l2: typeof l1l2 }> = Object.freeze({ l1, l2, l1l2 });

/**
 * The serialized form, as TF.js writes it: `{className: 'L1L2', config: {l1, l2}}` (null for none).
 * @example serializeRegularizer(regularizers.l2()) // {className: 'L1L2', config: {l1: 0, l2: 0.01}}
 */
export function serializeRegularizer(r: Regularizer | null): SerializedRegularizer | null {
  return r === null ? null : { className: r.className, config: r.getConfig() };
}

// Keras writes L1 / L2 / L1L2 classes, with its own defaults for a missing key (L1L2: 0).
const BY_ID: Readonly<Record<string, (c: ConfigDict) => L1L2>> = {
  L1L2: (c) => new L1L2({ l1: num(c['l1'], 'l1') ?? 0, l2: num(c['l2'], 'l2') ?? 0 }),
  L1: (c) => l1(opt('l1', num(c['l1'], 'l1'))),
  L2: (c) => l2(opt('l2', num(c['l2'], 'l2'))),
  l1: (c) => l1(opt('l1', num(c['l1'], 'l1'))),
  l2: (c) => l2(opt('l2', num(c['l2'], 'l2'))),
  l1l2: (c) => new L1L2(c as L1L2Args),
  l1_l2: (c) => new L1L2(c as L1L2Args),
  L1_L2: (c) => new L1L2(c as L1L2Args),
};

function num(v: ConfigValue | undefined, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  return factor(name, v);
}

function opt<K extends string>(k: K, v: number | undefined): { [P in K]?: number } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: number };
}

/**
 * A regularizer from an instance, a serialized object (TF.js `className` or Keras `class_name`,
 * also `L1`, `L2`) or a string id (`'l1'`, `'l2'`, `'l1l2'`, Keras `'l1_l2'`); null/undefined: none.
 * @example getRegularizer({ class_name: 'L2', config: { l2: 0.001 } })
 */
export function getRegularizer(id: RegularizerIdentifier | null | undefined): Regularizer | null {
  if (id === undefined || id === null) return null;
  if (id instanceof Regularizer) return id;
  if (typeof id === 'string') {
    const make = BY_ID[id];
    if (!make) throw new Error(unknownId('regularizer', id, Object.keys(BY_ID)));
    return make({});
  }
  const obj = id as { className?: unknown; class_name?: unknown; config?: unknown };
  const name = obj.className ?? obj.class_name;
  const config = obj.config ?? {};
  if (typeof name !== 'string' || typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`getRegularizer: expected a regularizer, an id or {className, config}, received ${describeValue(id)}`);
  }
  const make = BY_ID[name];
  if (!make) throw new Error(unknownId('regularizer', name, Object.keys(BY_ID)));
  return make(config as ConfigDict);
}
