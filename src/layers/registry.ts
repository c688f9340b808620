/**
 * The layer class registry: how a layer comes back from its saved config. Built-in layers read
 * the Keras-style (snake_case) config that model files hold, written by TF.js, by Keras 2 or by
 * Keras 3; classes of the user's own register with `serialization.registerClass`, as in TF.js,
 * and receive the TF.js-style (camelCase) config. An explicit table: nothing registers itself
 * at import.
 */

import type { ConfigDict, ConfigValue } from '../initializers/initializer.js';
import type { Initializer } from '../initializers/initializer.js';
import { getInitializer } from '../initializers/index.js';
import { describeValue } from '../initializers/validate.js';
import { Dense } from './dense.js';
import type { DenseArgs } from './dense.js';
import { Dropout } from './dropout.js';
import type { DropoutArgs } from './dropout.js';
import { Embedding } from './embedding.js';
import type { EmbeddingArgs } from './embedding.js';
import type { LayerArgs, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { Activation, Flatten, InputLayer, Permute, Reshape } from './shape-layers.js';

/**
 * A layer class that can be registered: a `Layer` subclass with a static `className` and,
 * optionally, a static `fromConfig(cls, config)` (default: `new cls(config)`, as in TF.js).
 */
export interface LayerClass {
  readonly className: string;
  readonly prototype: Layer;
  fromConfig?(cls: LayerClass, config: ConfigDict): Layer;
}

/**
 * How to rebuild a class from a saved config. `configStyle` says which config it takes:
 * `'keras'`, the snake_case config as the file holds it (built-ins), or `'tfjs'`, the config
 * converted to camelCase keys and values (registered classes, as TF.js passes it).
 */
export interface LayerFactory {
  readonly className: string;
  readonly configStyle: 'keras' | 'tfjs';
  fromConfig(config: ConfigDict): Layer;
}

function fail(cls: string, key: string, value: unknown, expected: string): never {
  throw new Error(`${cls} config: ${key} must be ${expected}, received ${key}=${describeValue(value)}`);
}

/** Reads typed values out of a config, with errors that name the class, the key and the value. */
class Reader {
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
    if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) fail(this.cls, key, v, `an integer >= ${min}`);
    return v;
  }

  requiredInt(key: string, min: number): number {
    const v = this.int(key, min);
    if (v === undefined) fail(this.cls, key, v, `an integer >= ${min} (the key is required)`);
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.get(key);
    if (v !== undefined && typeof v !== 'boolean') fail(this.cls, key, v, 'true or false');
    return v;
  }

  string(key: string): string | undefined {
    const v = this.get(key);
    if (v !== undefined && typeof v !== 'string') fail(this.cls, key, v, 'a string');
    return v;
  }

  /** An array of integers >= `min` (`null` entries allowed when `nullable`). */
  ints(key: string, min: number, nullable: boolean): (number | null)[] | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const ok = Array.isArray(v) && v.every((d) => (d === null && nullable) || (typeof d === 'number' && Number.isSafeInteger(d) && d >= min));
    if (!ok) fail(this.cls, key, v, `an array of integers >= ${min}${nullable ? ' or null' : ''}`);
    return v as (number | null)[];
  }

  initializer(key: string): Initializer | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const named = typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v['class_name'] === 'string');
    if (!named) fail(this.cls, key, v, "an initializer id or {class_name, config}");
    return getInitializer(v as string);
  }

  /** Keys whose non-default values change what the layer computes, which SameBits lacks. */
  unsupported(keys: readonly string[]): void {
    for (const key of keys) {
      const v = this.get(key);
      if (v !== undefined && v !== false) fail(this.cls, key, v, 'null: SameBits does not support it yet');
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
    if (dtype !== undefined && !dtypes.includes(dtype)) fail(this.cls, 'dtype', this.get('dtype'), dtypes.map((d) => `'${d}'`).join(' or '));
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

/** Adds `value` under `key` when defined (exactOptionalPropertyTypes forbids explicit undefined). */
function put<T extends object, K extends keyof T>(args: T, key: K, value: T[K] | undefined): T {
  if (value !== undefined) args[key] = value;
  return args;
}

const REGULARIZERS = ['kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint', 'quantization_config', 'lora_rank'];

// Built-in layers from their Keras-style config. Keys not read here (Keras 3's build_config,
// module, registered_name, Flatten's data_format='channels_last') do not change the math.
const BUILT_IN = new Map<string, (r: Reader) => Layer>([
  ['Dense', (r) => {
    r.unsupported(REGULARIZERS);
    const args: DenseArgs = { ...r.base(), units: r.requiredInt('units', 1) };
    put(args, 'activation', r.string('activation'));
    put(args, 'useBias', r.bool('use_bias'));
    put(args, 'kernelInitializer', r.initializer('kernel_initializer'));
    return new Dense(put(args, 'biasInitializer', r.initializer('bias_initializer')));
  }],
  ['Dropout', (r) => {
    const rate = r.get('rate');
    if (typeof rate !== 'number') fail(r.cls, 'rate', rate, 'a number in [0, 1]');
    const args: DropoutArgs = { ...r.base(), rate };
    put(args, 'noiseShape', r.ints('noise_shape', 1, true));
    return new Dropout(put(args, 'seed', r.int('seed', Number.MIN_SAFE_INTEGER)));
  }],
  ['Embedding', (r) => {
    r.unsupported(['embeddings_regularizer', 'activity_regularizer', 'embeddings_constraint', 'quantization_config', 'lora_rank', 'sparse']);
    const args: EmbeddingArgs = { ...r.base(), inputDim: r.requiredInt('input_dim', 1), outputDim: r.requiredInt('output_dim', 1) };
    put(args, 'embeddingsInitializer', r.initializer('embeddings_initializer'));
    put(args, 'maskZero', r.bool('mask_zero'));
    return new Embedding(put(args, 'inputLength', r.int('input_length', 1)));
  }],
  ['Flatten', (r) => {
    const format = r.string('data_format');
    if (format !== undefined && format !== 'channels_last') fail(r.cls, 'data_format', format, "'channels_last'");
    return new Flatten(r.base());
  }],
  ['Reshape', (r) => {
    const target = r.ints('target_shape', -1, false);
    if (target === undefined) fail(r.cls, 'target_shape', target, 'an array of integers (the key is required)');
    return new Reshape({ ...r.base(), targetShape: target as number[] });
  }],
  ['Permute', (r) => {
    const dims = r.ints('dims', 1, false);
    if (dims === undefined) fail(r.cls, 'dims', dims, 'an array of integers (the key is required)');
    return new Permute({ ...r.base(), dims: dims as number[] });
  }],
  ['Activation', (r) => {
    const activation = r.string('activation');
    if (activation === undefined) fail(r.cls, 'activation', activation, 'an activation name (the key is required)');
    return new Activation({ ...r.base(), activation });
  }],
  ['InputLayer', (r) => {
    r.unsupported(['sparse', 'ragged', 'optional']);
    // An Embedding model's input may be declared int32; the dtype of an input is not a weight's.
    return new InputLayer(r.base(['float32', 'int32']));
  }],
]);

const userClasses = new Map<string, LayerClass>();

/** The built-in layer class names, sorted. */
export function builtInLayerClassNames(): string[] {
  return [...BUILT_IN.keys()].sort();
}

/**
 * Registers a layer class of your own so that model files naming it load (TF.js
 * `tf.serialization.registerClass`). Returns the class, so it also works as a one-liner after
 * the class body.
 * @example class Scale extends Layer { static readonly className = 'Scale'; … }
 * serialization.registerClass(Scale);
 */
export function registerClass<T extends LayerClass>(cls: T): T {
  const name: unknown = (cls as Partial<LayerClass> | undefined)?.className;
  if (typeof cls !== 'function' || !((cls as LayerClass).prototype instanceof Layer)) {
    throw new Error(`registerClass: expected a subclass of Layer, received ${describeValue(cls)}`);
  }
  if (typeof name !== 'string' || name === '') {
    throw new Error(`registerClass: the class needs a static className, e.g. static readonly className = 'MyLayer'; received className=${describeValue(name)}`);
  }
  if (BUILT_IN.has(name)) throw new Error(`registerClass: '${name}' is a built-in layer class; give your class another static className`);
  userClasses.set(name, cls);
  return cls;
}

/**
 * The factory for `className`: a built-in layer or a registered class. Unknown names throw,
 * naming the class and saying how to register one.
 */
export function layerFactory(className: string): LayerFactory {
  const builtIn = BUILT_IN.get(className);
  if (builtIn) return { className, configStyle: 'keras', fromConfig: (config) => builtIn(new Reader(className, config)) };
  const cls = userClasses.get(className);
  if (cls) {
    const make = (config: ConfigDict): Layer => (cls.fromConfig ? cls.fromConfig(cls, config) : new (cls as unknown as new (c: ConfigDict) => Layer)(config));
    return { className, configStyle: 'tfjs', fromConfig: make };
  }
  const registered = [...userClasses.keys()].sort();
  throw new Error(
    `Unknown layer class '${className}'. Built-in layers: ${builtInLayerClassNames().join(', ')}` +
      `${registered.length > 0 ? `; registered: ${registered.join(', ')}` : ''}. ` +
      `For a layer class of your own, give it a static className and register it before loading: serialization.registerClass(${/^[A-Za-z_$][\w$]*$/.test(className) ? className : 'MyLayer'}).`,
  );
}

/** TF.js `tf.serialization`: `registerClass` for layer classes of your own. */
export const serialization: { registerClass: typeof registerClass } = Object.freeze({ registerClass });
