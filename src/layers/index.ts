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
// Normalization, noise, regularizers and constraints (issue 11).
import { BatchNormalization } from './batch-normalization.js';
import type { BatchNormalizationArgs } from './batch-normalization.js';
import { LayerNormalization } from './layer-normalization.js';
import type { LayerNormalizationArgs } from './layer-normalization.js';
import { SpatialDropout1D, SpatialDropout2D } from './spatial-dropout.js';
import type { SpatialDropoutArgs } from './spatial-dropout.js';
import { GaussianNoise } from './gaussian-noise.js';
import type { GaussianNoiseArgs } from './gaussian-noise.js';
import { GaussianDropout } from './gaussian-dropout.js';
import type { GaussianDropoutArgs } from './gaussian-dropout.js';
import { AlphaDropout } from './alpha-dropout.js';
import type { AlphaDropoutArgs } from './alpha-dropout.js';

export { Layer, formatSymbolicShape } from './layer.js';
export type { LayerArgs, LayerClass, LayerWeight, WeightShape, CallContext, ApplyArgs, SymbolicShape } from './layer.js';
export { Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape };
export type { DenseArgs, DropoutArgs, EmbeddingArgs, ActivationArgs, PermuteArgs, ReshapeArgs };
export { getActivation, activationName } from './activations.js';
export type { ActivationFn, ActivationIdentifier } from './activations.js';
export { BatchNormalization, LayerNormalization, SpatialDropout1D, SpatialDropout2D, GaussianNoise, GaussianDropout, AlphaDropout };
export type { BatchNormalizationArgs, LayerNormalizationArgs, SpatialDropoutArgs, GaussianNoiseArgs, GaussianDropoutArgs, AlphaDropoutArgs };
export { Regularizer, L1L2, regularizers, getRegularizer, serializeRegularizer } from './regularizers.js';
export type { RegularizerIdentifier, SerializedRegularizer, L1L2Args } from './regularizers.js';
export { Constraint, MaxNorm, UnitNorm, NonNeg, MinMaxNorm, constraints, getConstraint, serializeConstraint } from './constraints.js';
export type { ConstraintIdentifier, SerializedConstraint, MaxNormArgs, MinMaxNormArgs } from './constraints.js';

/**
 * The built-in layer classes: the registry that model files load from. Each class carries its
 * `className`, its static `fromConfig` and its `weightShapes`, so adding a layer is its file,
 * one entry here, its factory below and its export above.
 */
export const BUILT_IN_LAYERS: readonly Required<LayerClass>[] = Object.freeze([Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape,
  BatchNormalization, LayerNormalization, SpatialDropout1D, SpatialDropout2D, GaussianNoise, GaussianDropout, AlphaDropout]);

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
  batchNormalization: (args?: BatchNormalizationArgs) => BatchNormalization;
  layerNormalization: (args?: LayerNormalizationArgs) => LayerNormalization;
  spatialDropout1d: (args: SpatialDropoutArgs) => SpatialDropout1D;
  spatialDropout2d: (args: SpatialDropoutArgs) => SpatialDropout2D;
  gaussianNoise: (args: GaussianNoiseArgs) => GaussianNoise;
  gaussianDropout: (args: GaussianDropoutArgs) => GaussianDropout;
  alphaDropout: (args: AlphaDropoutArgs) => AlphaDropout;
} = {
  dense: (args) => new Dense(args),
  dropout: (args) => new Dropout(args),
  embedding: (args) => new Embedding(args),
  activation: (args) => new Activation(args),
  flatten: (args) => new Flatten(args),
  reshape: (args) => new Reshape(args),
  permute: (args) => new Permute(args),
  inputLayer: (args) => new InputLayer(args),
  batchNormalization: (args) => new BatchNormalization(args),
  layerNormalization: (args) => new LayerNormalization(args),
  spatialDropout1d: (args) => new SpatialDropout1D(args),
  spatialDropout2d: (args) => new SpatialDropout2D(args),
  gaussianNoise: (args) => new GaussianNoise(args),
  gaussianDropout: (args) => new GaussianDropout(args),
  alphaDropout: (args) => new AlphaDropout(args),
};
