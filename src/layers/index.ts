import { Activation } from './activation-layer.js';
import type { ActivationArgs } from './activation-layer.js';
import { Dense } from './dense.js';
import type { DenseArgs } from './dense.js';
import { Dropout } from './dropout.js';
import type { DropoutArgs } from './dropout.js';
import { Embedding } from './embedding.js';
import type { EmbeddingArgs } from './embedding.js';
import { Flatten } from './flatten.js';
import { InputLayer } from './input-layer.js';
import type { LayerArgs, LayerClass } from './layer.js';
import { Permute } from './permute.js';
import type { PermuteArgs } from './permute.js';
import { Reshape } from './reshape.js';
import type { ReshapeArgs } from './reshape.js';
import { Add, Average, Maximum, Minimum, Multiply, Subtract } from './elementwise-merge.js';
import { Concatenate } from './concatenate.js';
import type { ConcatenateArgs } from './concatenate.js';
import { Dot } from './dot.js';
import type { DotArgs } from './dot.js';

export { Layer, formatSymbolicShape } from './layer.js';
export type { LayerArgs, LayerClass, LayerWeight, WeightShape, CallContext, ApplyArgs, SymbolicShape } from './layer.js';
export { Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape };
export type { DenseArgs, DropoutArgs, EmbeddingArgs, ActivationArgs, PermuteArgs, ReshapeArgs };
export { getActivation, activationName } from './activations.js';
export { SymbolicTensor, isShapeList, isSymbolic, singleShape, singleTensor } from './symbolic-tensor.js';
export type { LayerNode } from './symbolic-tensor.js';
export type { CallOutput, SymbolicOutput } from './layer.js';
export { input } from './input-layer.js';
export type { InputArgs } from './input-layer.js';
export { Merge } from './merge.js';
export { Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot };
export type { ConcatenateArgs, DotArgs };
export type { ActivationFn, ActivationIdentifier } from './activations.js';

/**
 * The built-in layer classes: the registry that model files load from. Each class carries its
 * `className`, its static `fromConfig` and its `weightShapes`, so adding a layer is its file,
 * one entry here, its factory below and its export above.
 */
export const BUILT_IN_LAYERS: readonly Required<LayerClass>[] = Object.freeze([Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape,
  Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot]);

/**
 * Layer factories with TF.js names: `layers.dense({units: 3})` and so on.
 * @example sequential({ layers: [layers.dense({ units: 1, inputShape: [4] })] })
 */
export const layers: {
  dense: (args: DenseArgs) => Dense;
  dropout: (args: DropoutArgs) => Dropout;
  embedding: (args: EmbeddingArgs) => Embedding;
  activation: (args: ActivationArgs) => Activation;
  flatten: (args?: LayerArgs) => Flatten;
  reshape: (args: ReshapeArgs) => Reshape;
  permute: (args: PermuteArgs) => Permute;
  inputLayer: (args: LayerArgs) => InputLayer;
  add: (args?: LayerArgs) => Add;
  subtract: (args?: LayerArgs) => Subtract;
  multiply: (args?: LayerArgs) => Multiply;
  average: (args?: LayerArgs) => Average;
  maximum: (args?: LayerArgs) => Maximum;
  minimum: (args?: LayerArgs) => Minimum;
  concatenate: (args?: ConcatenateArgs) => Concatenate;
  dot: (args: DotArgs) => Dot;
} = {
  dense: (args) => new Dense(args),
  dropout: (args) => new Dropout(args),
  embedding: (args) => new Embedding(args),
  activation: (args) => new Activation(args),
  flatten: (args) => new Flatten(args),
  reshape: (args) => new Reshape(args),
  permute: (args) => new Permute(args),
  inputLayer: (args) => new InputLayer(args),
  add: (args) => new Add(args),
  subtract: (args) => new Subtract(args),
  multiply: (args) => new Multiply(args),
  average: (args) => new Average(args),
  maximum: (args) => new Maximum(args),
  minimum: (args) => new Minimum(args),
  concatenate: (args) => new Concatenate(args),
  dot: (args) => new Dot(args),
};
