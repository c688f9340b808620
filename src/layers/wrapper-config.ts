import type { ConfigDict } from '../initializers/initializer.js';
import { ConfigReader, failConfig } from './config-reader.js';
import type { Layer, LayerArgs } from './layer.js';
import { layerFactory } from './registry.js';

/**
 * The wrapped layer of a wrapper's file config (`layer: {class_name, config}`, Bidirectional and
 * TimeDistributed) and the wrapper's own base arguments.
 */
export function readWrapped(cls: string, config: ConfigDict): { base: LayerArgs; inner: Layer; reader: ConfigReader } {
  const reader = new ConfigReader(cls, config);
  const spec = reader.get('layer');
  const isDict = (v: unknown): v is ConfigDict => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isDict(spec) || typeof spec['class_name'] !== 'string' || !isDict(spec['config'])) failConfig(cls, 'layer', spec, 'a layer {class_name, config}');
  const factory = layerFactory(spec['class_name']);
  if (factory.configStyle !== 'keras') failConfig(cls, 'layer', spec['class_name'], 'a built-in layer class (wrapping registered classes is not supported yet)');
  return { base: reader.base(), inner: factory.fromConfig(spec['config']), reader };
}

/** `{className, config}` of a layer, as a wrapper's config holds it (saved as `class_name`). */
export function wrappedConfig(layer: Layer): ConfigDict {
  return { className: layer.className, config: layer.getConfig() };
}
