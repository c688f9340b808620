/**
 * Weight constraints (TF.js `tf.constraints`, Keras `keras.constraints`): a projection that
 * optimizers apply to a weight, in place, after each update (Keras: in `apply_gradients`), in
 * `fit` and in custom loops alike. TF.js names and defaults; Keras 3 arithmetic. NOTE: TF.js's `fit` never
 * applies them (its optimizer writes the variables directly); SameBits does, as Keras does.
 */

import type { ConfigDict, ConfigValue } from '../initializers/initializer.js';
import { describeValue } from '../initializers/validate.js';
import { add, clipByValue, div, maximum, mul, sqrt, square, sum } from '../ops/index.js';
import { scalar } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import { unknownId } from '../util/suggest.js';
import { checkOptions } from '../util/options.js';

/** TF.js / Keras serialized form: `{className: 'MaxNorm', config: {maxValue, axis}}`. */
export type SerializedConstraint = { className: string; config: ConfigDict };

/** Anything `getConstraint` resolves: an instance, a serialized object or an id (`'nonNeg'`, `'non_neg'`). */
export type ConstraintIdentifier = Constraint | SerializedConstraint | { class_name: string; config?: ConfigDict } | string;

/** Keras `backend.epsilon()`, in the denominator of the norm constraints. */
const EPSILON = 1e-7;

/**
 * Base class of constraints: `apply(w)` is the projected weight.
 * @example class Clip extends Constraint { className = 'Clip'; apply(w: Tensor) { return clipByValue(w, -1, 1); } }
 */
export abstract class Constraint {
  abstract readonly className: string;
  /**
   * The projection of weight values `w`.
   * @example constraints.nonNeg().apply(tensor([-1, 2])) // [0, 2]
   */
  abstract apply(w: Tensor): Tensor;
  /** Plain-JSON config (camelCase keys, as TF.js). */
  getConfig(): ConfigDict {
    return {};
  }
}

function finite(cls: string, name: string, v: unknown, min = -Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new Error(`${cls}: ${name} must be a finite number${min > -Infinity ? ` >= ${min}` : ''}. Received: ${name}=${describeValue(v)}`);
  return v;
}

function axes(cls: string, v: unknown): number | number[] {
  const ok = Number.isInteger(v) || (Array.isArray(v) && v.length > 0 && v.every((a) => Number.isInteger(a)));
  if (!ok) throw new Error(`${cls}: axis must be an integer or a list of integers. Received: axis=${describeValue(v)}`);
  return Array.isArray(v) ? v.slice() as number[] : v as number;
}

/**
 * √(Σ w² over `axis`), kept dims. Order: float32 squares, the `sum` op's order (float64
 * accumulator in increasing index order, one rounding), correctly rounded sqrt.
 */
function norms(w: Tensor, axis: number | number[]): Tensor {
  return sqrt(sum(square(w), axis, true));
}

/** `w · (desired / (ε + norms))`, Keras 3's rescaling (float32, left to right). */
function rescale(w: Tensor, desired: Tensor, n: Tensor): Tensor {
  return mul(w, div(desired, add(scalar(EPSILON), n)));
}

/** Arguments of `constraints.maxNorm`. */
export interface MaxNormArgs {
  /** Largest norm (default 2). */
  maxValue?: number;
  /** Axis (or axes) over which norms are taken (default 0: each Dense unit's incoming weights). */
  axis?: number | number[];
}

/**
 * Scales each slice whose norm exceeds `maxValue` down to it.
 * @example layers.dense({ units: 4, kernelConstraint: constraints.maxNorm({ maxValue: 1 }) })
 */
export class MaxNorm extends Constraint {
  static readonly className: string = 'MaxNorm';
  readonly className: string = MaxNorm.className;
  readonly maxValue: number;
  readonly axis: number | number[];
  constructor(args: MaxNormArgs = {}) {
    super();
    checkOptions('MaxNorm', args, ['maxValue', 'axis']);
    this.maxValue = finite('MaxNorm', 'maxValue', args.maxValue ?? 2, 0);
    this.axis = axes('MaxNorm', args.axis ?? 0);
  }
  apply(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    return rescale(w, clipByValue(n, 0, this.maxValue), n);
  }
  override getConfig(): ConfigDict {
    return { maxValue: this.maxValue, axis: this.axis };
  }
}

/**
 * Divides each slice by its norm (plus ε).
 * @example constraints.unitNorm({ axis: 0 })
 */
export class UnitNorm extends Constraint {
  static readonly className: string = 'UnitNorm';
  readonly className: string = UnitNorm.className;
  readonly axis: number | number[];
  constructor(args: { axis?: number | number[] } = {}) {
    super();
    checkOptions('UnitNorm', args, ['axis']);
    this.axis = axes('UnitNorm', args.axis ?? 0);
  }
  apply(w: Tensor): Tensor {
    return div(w, add(scalar(EPSILON), norms(w, this.axis)));
  }
  override getConfig(): ConfigDict {
    return { axis: this.axis };
  }
}

/**
 * Sets negative weights to zero: `max(w, 0)` (Keras 3.15).
 * @example constraints.nonNeg()
 */
export class NonNeg extends Constraint {
  static readonly className: string = 'NonNeg';
  readonly className: string = NonNeg.className;
  apply(w: Tensor): Tensor {
    return maximum(w, scalar(0));
  }
}

/** Arguments of `constraints.minMaxNorm`. */
export interface MinMaxNormArgs {
  /** Smallest norm (default 0). */
  minValue?: number;
  /** Largest norm (default 1). */
  maxValue?: number;
  /** How far to move towards the range: 1 (default) clips exactly. */
  rate?: number;
  /** Axis (or axes) of the norms (default 0). */
  axis?: number | number[];
}

/**
 * Moves each slice's norm into [minValue, maxValue]: desired = rate · clip(norm) + (1 − rate) · norm.
 * @example constraints.minMaxNorm({ minValue: 0.5, maxValue: 1 })
 */
export class MinMaxNorm extends Constraint {
  static readonly className: string = 'MinMaxNorm';
  readonly className: string = MinMaxNorm.className;
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: number | number[];
  constructor(args: MinMaxNormArgs = {}) {
    super();
    checkOptions('MinMaxNorm', args, ['minValue', 'maxValue', 'rate', 'axis']);
    this.minValue = finite('MinMaxNorm', 'minValue', args.minValue ?? 0, 0);
    this.maxValue = finite('MinMaxNorm', 'maxValue', args.maxValue ?? 1, this.minValue);
    this.rate = finite('MinMaxNorm', 'rate', args.rate ?? 1, 0);
    this.axis = axes('MinMaxNorm', args.axis ?? 0);
  }
  apply(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    // NOTE: 1 − rate is taken in float64, then rounded to float32 (Keras: a Python float).
    const desired = add(mul(scalar(this.rate), clipByValue(n, this.minValue, this.maxValue)), mul(scalar(1 - this.rate), n));
    return rescale(w, desired, n);
  }
  override getConfig(): ConfigDict {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

/**
 * Caps each slice's norm (see `MaxNorm`).
 * @example constraints.maxNorm({ maxValue: 3 })
 */
export function maxNorm(args: MaxNormArgs = {}): MaxNorm {
  return new MaxNorm(args);
}
/**
 * Scales each slice to norm 1 (see `UnitNorm`).
 * @example constraints.unitNorm()
 */
export function unitNorm(args: { axis?: number | number[] } = {}): UnitNorm {
  return new UnitNorm(args);
}
/**
 * Zeros negative weights (see `NonNeg`).
 * @example constraints.nonNeg()
 */
export function nonNeg(): NonNeg {
  return new NonNeg();
}
/**
 * Moves each slice's norm into a range (see `MinMaxNorm`).
 * @example constraints.minMaxNorm({ maxValue: 2 })
 */
export function minMaxNorm(args: MinMaxNormArgs = {}): MinMaxNorm {
  return new MinMaxNorm(args);
}

/**
 * Constraint factories with TF.js names.
 * @example layers.dense({ units: 2, kernelConstraint: constraints.nonNeg() })
 */
export const constraints: Readonly<{ maxNorm: typeof maxNorm; unitNorm: typeof unitNorm; nonNeg: typeof nonNeg; minMaxNorm: typeof minMaxNorm }> = Object.freeze({ maxNorm, unitNorm, nonNeg, minMaxNorm });

/**
 * The serialized form, as TF.js writes it (null for none).
 * @example serializeConstraint(constraints.maxNorm()) // {className: 'MaxNorm', config: {maxValue: 2, axis: 0}}
 */
export function serializeConstraint(c: Constraint | null): SerializedConstraint | null {
  return c === null ? null : { className: c.className, config: c.getConfig() };
}

type Entry = { ids: readonly string[]; create: (c: ConfigDict) => Constraint };
const pick = (c: ConfigDict, camel: string, snake: string): ConfigValue | undefined => c[camel] ?? c[snake] ?? undefined;
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
const ENTRIES: readonly Entry[] = [
  { ids: ['MaxNorm', 'maxNorm', 'max_norm'], create: (c) => new MaxNorm(defined({ maxValue: pick(c, 'maxValue', 'max_value') as number, axis: c['axis'] as number })) },
  { ids: ['UnitNorm', 'unitNorm', 'unit_norm'], create: (c) => new UnitNorm(defined({ axis: c['axis'] as number })) },
  { ids: ['NonNeg', 'nonNeg', 'non_neg'], create: () => new NonNeg() },
  {
    ids: ['MinMaxNorm', 'minMaxNorm', 'min_max_norm'],
    create: (c) => new MinMaxNorm(defined({ minValue: pick(c, 'minValue', 'min_value') as number, maxValue: pick(c, 'maxValue', 'max_value') as number, rate: c['rate'] as number, axis: c['axis'] as number })),
  },
];

/**
 * A constraint from an instance, a serialized object (`className` or Keras `class_name`) or an
 * id (TF.js `'maxNorm'`, Keras `'max_norm'`); null/undefined: none.
 * @example getConstraint({ class_name: 'MaxNorm', config: { max_value: 2, axis: 0 } })
 */
export function getConstraint(id: ConstraintIdentifier | null | undefined): Constraint | null {
  if (id === undefined || id === null) return null;
  if (id instanceof Constraint) return id;
  const obj = (typeof id === 'string' ? { className: id, config: {} } : id) as { className?: unknown; class_name?: unknown; config?: unknown };
  const name = obj.className ?? obj.class_name;
  const config = obj.config ?? {};
  if (typeof name !== 'string' || typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`getConstraint: expected a constraint, an id or {className, config}, received ${describeValue(id)}`);
  }
  const entry = ENTRIES.find((e) => e.ids.includes(name));
  if (!entry) throw new Error(unknownId('constraint', name, ENTRIES.flatMap((e) => e.ids.slice(1))));
  return entry.create(config as ConfigDict);
}
