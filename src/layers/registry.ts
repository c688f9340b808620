/**
 * The layer class registry: how a layer comes back from its saved config. Built-in layers are
 * the classes of `BUILT_IN_LAYERS`, each reading the Keras-style (snake_case) config that model
 * files hold, written by TF.js, by Keras 2 or by Keras 3, in its static `fromConfig`; classes of
 * the user's own register with `serialization.registerClass`, as in TF.js, and receive the
 * TF.js-style (camelCase) config. An explicit list: nothing registers itself at import.
 */

import type { ConfigDict } from '../initializers/initializer.js';
import { describeValue } from '../initializers/validate.js';
import { BUILT_IN_LAYERS } from './index.js';
import type { LayerClass } from './layer.js';
import { Layer } from './layer.js';

export type { LayerClass } from './layer.js';

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

// A Map, not an object literal: a class name read from a file never finds an inherited key.
// Built on first use: the wrapper layers (Bidirectional, TimeDistributed) import this module
// from inside index.ts's imports, before BUILT_IN_LAYERS exists.
let builtIns: Map<string, Required<LayerClass>> | undefined;
const BUILT_IN = { get: (name: string) => table().get(name), has: (name: string) => table().has(name), keys: () => table().keys() };
function table(): Map<string, Required<LayerClass>> {
  builtIns ??= new Map<string, Required<LayerClass>>(BUILT_IN_LAYERS.map((cls) => [cls.className, cls]));
  return builtIns;
}
// A registered subclass of a built-in inherits a fromConfig that reads the file's spelling; it
// is built with `new cls(config)` instead, as before built-ins had a fromConfig.
const isBuiltInFromConfig = (f: LayerClass['fromConfig']): boolean => BUILT_IN_LAYERS.some((cls) => cls.fromConfig === f);

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
  if (builtIn) return { className, configStyle: 'keras', fromConfig: (config) => builtIn.fromConfig(builtIn, config) };
  const cls = userClasses.get(className);
  if (cls) {
    const own = cls.fromConfig && !isBuiltInFromConfig(cls.fromConfig) ? cls.fromConfig : undefined;
    const make = (config: ConfigDict): Layer => (own ? own.call(cls, cls, config) : new (cls as unknown as new (c: ConfigDict) => Layer)(config));
    return { className, configStyle: 'tfjs', fromConfig: make };
  }
  if (className === 'Sequential') throw new Error('a Sequential model nested in another model is not supported yet; rebuild it as layers of the outer model');
  const registered = [...userClasses.keys()].sort();
  throw new Error(
    `Unknown layer class '${className}'. Built-in layers: ${builtInLayerClassNames().join(', ')}` +
      `${registered.length > 0 ? `; registered: ${registered.join(', ')}` : ''}. ` +
      `For a layer class of your own, give it a static className and register it before loading: serialization.registerClass(${/^[A-Za-z_$][\w$]*$/.test(className) ? className : 'MyLayer'}).`,
  );
}

/** TF.js `tf.serialization`: `registerClass` for layer classes of your own. */
export const serialization: { registerClass: typeof registerClass } = Object.freeze({ registerClass });
