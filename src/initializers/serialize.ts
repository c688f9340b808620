/**
 * Initializers to and from JSON, and `getInitializer` for the identifiers layers accept: an
 * instance, a TF.js `{className, config}` or Keras `{class_name, config}` object, or a string id
 * (TF.js camelCase, Keras snake_case and class names, Keras' aliases `uniform`, `normal`, …).
 */

import { unknownId } from '../util/suggest.js';
import { Constant, Ones, Zeros } from './constant.js';
import type { ConstantArgs } from './constant.js';
import { Identity } from './identity.js';
import type { IdentityArgs } from './identity.js';
import type { ConfigDict, ConfigValue } from './initializer.js';
import { Initializer } from './initializer.js';
import { Orthogonal } from './orthogonal.js';
import type { OrthogonalArgs } from './orthogonal.js';
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, LeCunNormal, LeCunUniform } from './presets.js';
import type { SeedOnlyInitializerArgs } from './presets.js';
import { RandomNormal, RandomUniform, TruncatedNormal } from './random.js';
import type { RandomNormalArgs, RandomUniformArgs } from './random.js';
import { describeValue } from './validate.js';
import { VarianceScaling } from './variance-scaling.js';
import type { VarianceScalingArgs } from './variance-scaling.js';

/** TF.js serialized form: `{className: 'VarianceScaling', config: {scale: 1, …}}`. */
export type SerializedInitializer = { className: string; config: ConfigDict };

/** Keras serialized form (also the key spelling inside TF.js model.json files). */
export type KerasSerializedInitializer = { class_name: string; config?: ConfigDict; module?: string; registered_name?: string | null };

/** Anything `getInitializer` resolves: an instance, a serialized object or a string id. */
export type InitializerIdentifier = Initializer | SerializedInitializer | KerasSerializedInitializer | string;

type Entry = {
  /** Every id that names it: class names first, then TF.js camelCase, Keras snake_case, aliases. */
  ids: readonly string[];
  /** Config keys it reads. */
  keys: readonly string[];
  create: (config: ConfigDict) => Initializer;
};

// The config has been checked to hold only `keys` (plus null-valued extras); each constructor
// checks the values' types and ranges itself, so these casts only narrow the static type.
const ENTRIES: readonly Entry[] = [
  { ids: ['Zeros', 'zeros', 'zero'], keys: [], create: () => new Zeros() },
  { ids: ['Ones', 'ones', 'one'], keys: [], create: () => new Ones() },
  { ids: ['Constant', 'constant'], keys: ['value'], create: (c) => new Constant(c as ConstantArgs) },
  { ids: ['RandomUniform', 'randomUniform', 'random_uniform', 'uniform'], keys: ['minval', 'maxval', 'seed'], create: (c) => new RandomUniform(c as RandomUniformArgs) },
  { ids: ['RandomNormal', 'randomNormal', 'random_normal', 'normal'], keys: ['mean', 'stddev', 'seed'], create: (c) => new RandomNormal(c as RandomNormalArgs) },
  { ids: ['TruncatedNormal', 'truncatedNormal', 'truncated_normal'], keys: ['mean', 'stddev', 'seed'], create: (c) => new TruncatedNormal(c as RandomNormalArgs) },
  { ids: ['VarianceScaling', 'varianceScaling', 'variance_scaling'], keys: ['scale', 'mode', 'distribution', 'seed'], create: (c) => new VarianceScaling(c as VarianceScalingArgs) },
  { ids: ['GlorotUniform', 'glorotUniform', 'glorot_uniform'], keys: ['seed'], create: (c) => new GlorotUniform(c as SeedOnlyInitializerArgs) },
  { ids: ['GlorotNormal', 'glorotNormal', 'glorot_normal'], keys: ['seed'], create: (c) => new GlorotNormal(c as SeedOnlyInitializerArgs) },
  { ids: ['HeNormal', 'heNormal', 'he_normal'], keys: ['seed'], create: (c) => new HeNormal(c as SeedOnlyInitializerArgs) },
  { ids: ['HeUniform', 'heUniform', 'he_uniform'], keys: ['seed'], create: (c) => new HeUniform(c as SeedOnlyInitializerArgs) },
  { ids: ['LeCunNormal', 'LecunNormal', 'leCunNormal', 'lecunNormal', 'lecun_normal'], keys: ['seed'], create: (c) => new LeCunNormal(c as SeedOnlyInitializerArgs) },
  { ids: ['LeCunUniform', 'LecunUniform', 'leCunUniform', 'lecunUniform', 'lecun_uniform'], keys: ['seed'], create: (c) => new LeCunUniform(c as SeedOnlyInitializerArgs) },
  { ids: ['Orthogonal', 'OrthogonalInitializer', 'orthogonal', 'orthogonal_initializer'], keys: ['gain', 'seed'], create: (c) => new Orthogonal(c as OrthogonalArgs) },
  { ids: ['Identity', 'IdentityInitializer', 'identity', 'identity_initializer'], keys: ['gain'], create: (c) => new Identity(c as IdentityArgs) },
];

/** The ids error messages list: all but the capitalized class names, which are also accepted. */
const LISTED_IDS: readonly string[] = ENTRIES.flatMap((e) => e.ids.filter((id) => id[0] !== id[0]!.toUpperCase()));

function entryOf(id: string): Entry {
  const entry = ENTRIES.find((e) => e.ids.includes(id));
  if (entry === undefined) throw new Error(unknownId('initializer', id, LISTED_IDS));
  return entry;
}

/**
 * Builds the initializer of `entry` from `config`. Keys it does not read are refused unless
 * null (newer Keras writes `input_axes: null`) or `dtype` (older tf.keras writes it, unused).
 */
function build(entry: Entry, config: ConfigDict): Initializer {
  const name = entry.ids[0]!;
  const known: ConfigDict = {};
  for (const [key, value] of Object.entries(config)) {
    if (entry.keys.includes(key)) known[key] = value;
    else if (value !== null && key !== 'dtype') {
      const expected = entry.keys.length > 0 ? entry.keys.join(', ') : 'no keys';
      throw new Error(`${name}: unsupported config key '${key}' (received ${key}=${describeValue(value)}); expected ${expected}`);
    }
  }
  return entry.create(known);
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The serialized form, as TF.js writes it: Glorot, He and LeCun presets become
 * `VarianceScaling` with their full config.
 * @example serializeInitializer(glorotNormal())
 * // {className: 'VarianceScaling', config: {scale: 1, mode: 'fanAvg', distribution: 'normal', seed: null}}
 */
export function serializeInitializer(initializer: Initializer): SerializedInitializer {
  if (!(initializer instanceof Initializer)) {
    throw new Error(`serializeInitializer: expected an Initializer, received ${describeValue(initializer)}`);
  }
  return { className: initializer.getClassName(), config: initializer.getConfig() };
}

/**
 * An initializer from its serialized form, TF.js `{className, config}` or Keras
 * `{class_name, config}` (also `{module, class_name, config, registered_name}`).
 * @example deserializeInitializer({ class_name: 'GlorotUniform', config: { seed: null } })
 */
export function deserializeInitializer(serialized: SerializedInitializer | KerasSerializedInitializer): Initializer {
  const value: unknown = serialized;
  if (!isPlainObject(value)) {
    throw new Error(`deserializeInitializer: expected {className, config} or {class_name, config}, received ${describeValue(value)}`);
  }
  const className = value['className'] ?? value['class_name'];
  if (typeof className !== 'string') {
    throw new Error(`deserializeInitializer: expected a string className (or class_name), received ${describeValue(value)}`);
  }
  const config: ConfigValue | undefined = value['config'] as ConfigValue | undefined;
  if (config !== undefined && config !== null && !isPlainObject(config)) {
    throw new Error(`deserializeInitializer: expected config to be an object, received config=${describeValue(config)}`);
  }
  return build(entryOf(className), (config ?? {}) as ConfigDict);
}

/**
 * Resolves what a layer was given as an initializer (TF.js `getInitializer`, Keras
 * `initializers.get`): an instance is returned as is; a string id or serialized object builds
 * a new one. Unknown ids throw, listing the valid ids and suggesting the closest.
 * @example getInitializer('glorot_uniform') // GlorotUniform
 */
export function getInitializer(identifier: InitializerIdentifier): Initializer {
  if (identifier instanceof Initializer) return identifier;
  if (typeof identifier === 'string') return build(entryOf(identifier), {});
  if (isPlainObject(identifier)) return deserializeInitializer(identifier);
  throw new Error(`getInitializer: expected an Initializer, a string id such as 'glorotUniform' or {className, config}, received ${describeValue(identifier)}`);
}
