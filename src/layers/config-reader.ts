/**
 * Reading a layer's saved config: the Keras-style (snake_case) config that model files hold,
 * written by TF.js, by Keras 2 or by Keras 3. Each built-in layer's static `fromConfig` reads
 * its keys through a `ConfigReader`, whose errors name the class, the key and the value.
 */

import type { ConfigDict, ConfigValue } from '../initializers/initializer.js';
import type { Initializer } from '../initializers/initializer.js';
import { getInitializer } from '../initializers/index.js';
import { describeValue } from '../initializers/validate.js';
import type { LayerArgs, SymbolicShape } from './layer.js';
import type { Constraint } from './constraints.js';
import { getConstraint } from './constraints.js';
import type { Regularizer } from './regularizers.js';
import { getRegularizer } from './regularizers.js';

/** Throws `<cls> config: <key> must be <expected>, received <key>=<value>`. */
export function failConfig(cls: string, key: string, value: unknown, expected: string): never {
  throw new Error(`${cls} config: ${key} must be ${expected}, received ${key}=${describeValue(value)}`);
}

/** Adds `value` under `key` when defined (exactOptionalPropertyTypes forbids explicit undefined). */
export function put<T extends object, K extends keyof T>(args: T, key: K, value: T[K] | undefined): T {
  if (value !== undefined) args[key] = value;
  return args;
}

/**
 * Reads typed values out of a config, with errors that name the class, the key and the value.
 * @example new ConfigReader('Dense', { units: 3 }).requiredInt('units', 1) // 3
 */
export class ConfigReader {
  constructor(
    readonly cls: string,
    readonly config: ConfigDict,
  ) {}

  /** The value of `key`, or undefined when absent or null. */
  get(key: string): ConfigValue | undefined {
    const value = Object.hasOwn(this.config, key) ? this.config[key] : undefined;
    return value === null ? undefined : value;
  }

  int(key: string, min: number): number | undefined {
    const v = this.get(key);
    if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) failConfig(this.cls, key, v, `an integer >= ${min}`);
    return v;
  }

  requiredInt(key: string, min: number): number {
    const v = this.int(key, min);
    if (v === undefined) failConfig(this.cls, key, v, `an integer >= ${min} (the key is required)`);
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.get(key);
    if (v !== undefined && typeof v !== 'boolean') failConfig(this.cls, key, v, 'true or false');
    return v;
  }

  string(key: string): string | undefined {
    const v = this.get(key);
    if (v !== undefined && typeof v !== 'string') failConfig(this.cls, key, v, 'a string');
    return v;
  }

  /** An array of integers >= `min` (`null` entries allowed when `nullable`). */
  ints(key: string, min: number, nullable: boolean): (number | null)[] | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const ok = Array.isArray(v) && v.every((d) => (d === null && nullable) || (typeof d === 'number' && Number.isSafeInteger(d) && d >= min));
    if (!ok) failConfig(this.cls, key, v, `an array of integers >= ${min}${nullable ? ' or null' : ''}`);
    return v as (number | null)[];
  }

  initializer(key: string): Initializer | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const named = typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v['class_name'] === 'string');
    if (!named) failConfig(this.cls, key, v, "an initializer id or {class_name, config}");
    return getInitializer(v as string);
  }

  /** A regularizer, as `{class_name, config}` (TF.js L1L2, Keras L1/L2/L1L2) or an id. */
  regularizer(key: string): Regularizer | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' && (typeof v !== 'object' || v === null || Array.isArray(v))) failConfig(this.cls, key, v, 'a regularizer id or {class_name, config}');
    return getRegularizer(v as string) ?? undefined;
  }

  /** A constraint, as `{class_name, config}` or an id. */
  constraint(key: string): Constraint | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' && (typeof v !== 'object' || v === null || Array.isArray(v))) failConfig(this.cls, key, v, 'a constraint id or {class_name, config}');
    return getConstraint(v as string) ?? undefined;
  }

  /** Keys whose non-default values change what the layer computes, which SameBits lacks. */
  unsupported(keys: readonly string[]): void {
    for (const key of keys) {
      const v = this.get(key);
      if (v !== undefined && v !== false) failConfig(this.cls, key, v, 'null: SameBits does not support it yet');
    }
  }

  /** The arguments every layer takes: name, trainable, dtype, batch input shape. */
  base(dtypes: readonly string[] = ['float32']): LayerArgs {
    const args: LayerArgs = {};
    const name = this.string('name');
    if (name !== undefined) args.name = name;
    const trainable = this.bool('trainable');
    if (trainable !== undefined) args.trainable = trainable;
    const dtype = dtypeName(this.get('dtype'));
    if (dtype !== undefined && !dtypes.includes(dtype)) failConfig(this.cls, 'dtype', this.get('dtype'), dtypes.map((d) => `'${d}'`).join(' or '));
    // Keras 2 and TF.js write batch_input_shape; a Keras 3 InputLayer writes batch_shape.
    const shape = this.ints('batch_input_shape', 0, true) ?? this.ints('batch_shape', 0, true);
    if (shape !== undefined) args.batchInputShape = shape as SymbolicShape;
    return args;
  }
}

/** `'float32'`, or the name inside a Keras DTypePolicy object `{class_name, config: {name}}`. */
function dtypeName(value: ConfigValue | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const config = value['config'];
    if (typeof config === 'object' && config !== null && !Array.isArray(config) && typeof config['name'] === 'string') return config['name'];
  }
  return JSON.stringify(value);
}
