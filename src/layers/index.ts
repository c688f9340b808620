import { Activation } from './activation-layer.js';
import type { ActivationArgs } from './activation-layer.js';
import { Dense } from './dense.js';
import type { DenseArgs } from './dense.js';
import { Dropout } from './dropout.js';
import type { DropoutArgs } from './dropout.js';
import { Embedding } from './embedding.js';
import type { EmbeddingArgs } from './embedding.js';
import { Flatten } from './flatten.js';
import { InputLayer, input } from './input-layer.js';
import type { InputArgs } from './input-layer.js';
import { SymbolicTensor } from './symbolic-tensor.js';
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
import { AveragePooling1D, MaxPooling1D } from './pooling1d.js';
import type { Pooling1DArgs } from './pooling1d.js';
import { AveragePooling2D, MaxPooling2D } from './pooling2d.js';
import type { Pooling2DArgs } from './pooling2d.js';
import { GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D } from './global-pooling.js';
import type { GlobalPoolingArgs } from './global-pooling.js';
import { ZeroPadding2D } from './zero-padding2d.js';
import type { ZeroPadding2DArgs } from './zero-padding2d.js';
import { UpSampling2D } from './up-sampling2d.js';
import type { UpSampling2DArgs } from './up-sampling2d.js';
import { Cropping2D } from './cropping2d.js';
import type { Cropping2DArgs } from './cropping2d.js';
import { RepeatVector } from './repeat-vector.js';
import type { RepeatVectorArgs } from './repeat-vector.js';
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
import { SimpleRNN } from './simple-rnn.js';
import type { SimpleRNNArgs } from './simple-rnn.js';
import { LSTM } from './lstm.js';
import type { LSTMArgs } from './lstm.js';
import { GRU } from './gru.js';
import type { GRUArgs } from './gru.js';
import { Bidirectional } from './bidirectional.js';
import type { BidirectionalArgs, BidirectionalMergeMode } from './bidirectional.js';
import { TimeDistributed } from './time-distributed.js';
import type { TimeDistributedArgs } from './time-distributed.js';
import { Masking } from './masking.js';
import type { MaskingArgs } from './masking.js';
import { Conv1D } from './conv1d.js';
import type { Conv1DArgs } from './conv1d.js';
import { Conv2D } from './conv2d.js';
import type { Conv2DArgs } from './conv2d.js';
import { Conv2DTranspose } from './conv2d-transpose.js';
import type { Conv2DTransposeArgs } from './conv2d-transpose.js';
import { DepthwiseConv2D } from './depthwise-conv2d.js';
import type { DepthwiseConv2DArgs } from './depthwise-conv2d.js';
import { SeparableConv2D } from './separable-conv2d.js';
import type { SeparableConv2DArgs } from './separable-conv2d.js';
// Advanced activation layers (TF.js advanced_activations).
import { ReLU } from './relu-layer.js';
import type { ReLUArgs } from './relu-layer.js';
import { LeakyReLU } from './leaky-relu.js';
import type { LeakyReLUArgs } from './leaky-relu.js';
import { ELU } from './elu-layer.js';
import type { ELUArgs } from './elu-layer.js';
import { PReLU } from './prelu.js';
import type { PReLUArgs } from './prelu.js';
import { Softmax } from './softmax-layer.js';
import type { SoftmaxArgs } from './softmax-layer.js';
import { ThresholdedReLU } from './thresholded-relu.js';
import type { ThresholdedReLUArgs } from './thresholded-relu.js';

export { Layer, formatSymbolicShape, singleOutputShape, isShapeList } from './layer.js';
export type { LayerArgs, LayerClass, LayerWeight, WeightShape, CallContext, ApplyArgs, SymbolicShape, LayerOutput, MultiOutputLayer, ApplyOutput } from './layer.js';
export { Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape };
export type { DenseArgs, DropoutArgs, EmbeddingArgs, ActivationArgs, PermuteArgs, ReshapeArgs };
export { getActivation, activationName } from './activations.js';
export { SymbolicTensor, isSymbolic, singleShape, singleTensor } from './symbolic-tensor.js';
export type { LayerNode } from './symbolic-tensor.js';
export type { SymbolicOutput } from './layer.js';
export { input } from './input-layer.js';
export type { InputArgs } from './input-layer.js';
export { Merge } from './merge.js';
export { Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot };
export type { ConcatenateArgs, DotArgs };
// Recurrent layers, masking and wrappers (issue 11).
export { RNNBase } from './rnn-base.js';
export type { RNNBaseArgs, RNNStates } from './rnn-base.js';
export { SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed, Masking };
export type { SimpleRNNArgs, LSTMArgs, GRUArgs, BidirectionalArgs, BidirectionalMergeMode, TimeDistributedArgs, MaskingArgs };
export type { ActivationFn, ActivationIdentifier } from './activations.js';
export { MaxPooling1D, AveragePooling1D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalAveragePooling2D, GlobalMaxPooling2D, ZeroPadding2D, UpSampling2D, Cropping2D, RepeatVector };
export type { Pooling1DArgs, Pooling2DArgs, GlobalPoolingArgs, ZeroPadding2DArgs, UpSampling2DArgs, Cropping2DArgs, RepeatVectorArgs };
export { BatchNormalization, LayerNormalization, SpatialDropout1D, SpatialDropout2D, GaussianNoise, GaussianDropout, AlphaDropout };
export type { BatchNormalizationArgs, LayerNormalizationArgs, SpatialDropoutArgs, GaussianNoiseArgs, GaussianDropoutArgs, AlphaDropoutArgs };
export { Regularizer, L1L2, regularizers, getRegularizer, serializeRegularizer } from './regularizers.js';
export type { RegularizerIdentifier, SerializedRegularizer, L1L2Args } from './regularizers.js';
export { Constraint, MaxNorm, UnitNorm, NonNeg, MinMaxNorm, constraints, getConstraint, serializeConstraint } from './constraints.js';
export type { ConstraintIdentifier, SerializedConstraint, MaxNormArgs, MinMaxNormArgs } from './constraints.js';
export { Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D };
export type { Conv1DArgs, Conv2DArgs, Conv2DTransposeArgs, DepthwiseConv2DArgs, SeparableConv2DArgs };
export type { BaseConvArgs, ConvArgs, DataFormat, PaddingMode } from './conv-base.js';
export { ReLU, LeakyReLU, ELU, PReLU, Softmax, ThresholdedReLU };
export type { ReLUArgs, LeakyReLUArgs, ELUArgs, PReLUArgs, SoftmaxArgs, ThresholdedReLUArgs };

/**
 * The built-in layer classes: the registry that model files load from. Each class carries its
 * `className`, its static `fromConfig` and its `weightShapes`, so adding a layer is its file,
 * one entry here, its factory below and its export above.
 */
export const BUILT_IN_LAYERS: readonly Required<LayerClass>[] = Object.freeze([Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape,
  Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot,
  MaxPooling1D, AveragePooling1D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalAveragePooling2D, GlobalMaxPooling2D, ZeroPadding2D, UpSampling2D, Cropping2D, RepeatVector,
  BatchNormalization, LayerNormalization, SpatialDropout1D, SpatialDropout2D, GaussianNoise, GaussianDropout, AlphaDropout,
  SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed, Masking,
  Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D,
  ReLU, LeakyReLU, ELU, PReLU, Softmax, ThresholdedReLU]);

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
  /** `tf.layers.input`, the same as the root's `input()`: a symbolic input for `model()`. */
  input: (args: InputArgs) => SymbolicTensor;
  add: (args?: LayerArgs) => Add;
  subtract: (args?: LayerArgs) => Subtract;
  multiply: (args?: LayerArgs) => Multiply;
  average: (args?: LayerArgs) => Average;
  maximum: (args?: LayerArgs) => Maximum;
  minimum: (args?: LayerArgs) => Minimum;
  concatenate: (args?: ConcatenateArgs) => Concatenate;
  dot: (args: DotArgs) => Dot;
  maxPooling1d: (args?: Pooling1DArgs) => MaxPooling1D;
  averagePooling1d: (args?: Pooling1DArgs) => AveragePooling1D;
  maxPooling2d: (args?: Pooling2DArgs) => MaxPooling2D;
  averagePooling2d: (args?: Pooling2DArgs) => AveragePooling2D;
  globalAveragePooling1d: (args?: GlobalPoolingArgs) => GlobalAveragePooling1D;
  globalMaxPooling1d: (args?: GlobalPoolingArgs) => GlobalMaxPooling1D;
  globalAveragePooling2d: (args?: GlobalPoolingArgs) => GlobalAveragePooling2D;
  globalMaxPooling2d: (args?: GlobalPoolingArgs) => GlobalMaxPooling2D;
  zeroPadding2d: (args?: ZeroPadding2DArgs) => ZeroPadding2D;
  upSampling2d: (args?: UpSampling2DArgs) => UpSampling2D;
  cropping2D: (args: Cropping2DArgs) => Cropping2D;
  /** Alias of `cropping2D` (TF.js spells it with a capital D). */
  cropping2d: (args: Cropping2DArgs) => Cropping2D;
  repeatVector: (args: RepeatVectorArgs) => RepeatVector;
  batchNormalization: (args?: BatchNormalizationArgs) => BatchNormalization;
  layerNormalization: (args?: LayerNormalizationArgs) => LayerNormalization;
  spatialDropout1d: (args: SpatialDropoutArgs) => SpatialDropout1D;
  spatialDropout2d: (args: SpatialDropoutArgs) => SpatialDropout2D;
  gaussianNoise: (args: GaussianNoiseArgs) => GaussianNoise;
  gaussianDropout: (args: GaussianDropoutArgs) => GaussianDropout;
  alphaDropout: (args: AlphaDropoutArgs) => AlphaDropout;
  simpleRNN: (args: SimpleRNNArgs) => SimpleRNN;
  lstm: (args: LSTMArgs) => LSTM;
  gru: (args: GRUArgs) => GRU;
  bidirectional: (args: BidirectionalArgs) => Bidirectional;
  timeDistributed: (args: TimeDistributedArgs) => TimeDistributed;
  masking: (args?: MaskingArgs) => Masking;
  conv1d: (args: Conv1DArgs) => Conv1D;
  conv2d: (args: Conv2DArgs) => Conv2D;
  conv2dTranspose: (args: Conv2DTransposeArgs) => Conv2DTranspose;
  depthwiseConv2d: (args: DepthwiseConv2DArgs) => DepthwiseConv2D;
  separableConv2d: (args: SeparableConv2DArgs) => SeparableConv2D;
  /** TF.js aliases of the pooling factories (`tf.layers.maxPool2d`, `globalMaxPool1d`, …). */
  avgPool1d: (args?: Pooling1DArgs) => AveragePooling1D;
  avgPooling1d: (args?: Pooling1DArgs) => AveragePooling1D;
  avgPool2d: (args?: Pooling2DArgs) => AveragePooling2D;
  avgPooling2d: (args?: Pooling2DArgs) => AveragePooling2D;
  maxPool1d: (args?: Pooling1DArgs) => MaxPooling1D;
  maxPool2d: (args?: Pooling2DArgs) => MaxPooling2D;
  globalMaxPool1d: (args?: GlobalPoolingArgs) => GlobalMaxPooling1D;
  globalMaxPool2d: (args?: GlobalPoolingArgs) => GlobalMaxPooling2D;
  reLU: (args?: ReLUArgs) => ReLU;
  leakyReLU: (args?: LeakyReLUArgs) => LeakyReLU;
  elu: (args?: ELUArgs) => ELU;
  prelu: (args?: PReLUArgs) => PReLU;
  softmax: (args?: SoftmaxArgs) => Softmax;
  thresholdedReLU: (args?: ThresholdedReLUArgs) => ThresholdedReLU;
} = {
  dense: (args) => new Dense(args),
  dropout: (args) => new Dropout(args),
  embedding: (args) => new Embedding(args),
  activation: (args) => new Activation(args),
  flatten: (args) => new Flatten(args),
  reshape: (args) => new Reshape(args),
  permute: (args) => new Permute(args),
  inputLayer: (args) => new InputLayer(args),
  input: (args) => input(args),
  add: (args) => new Add(args),
  subtract: (args) => new Subtract(args),
  multiply: (args) => new Multiply(args),
  average: (args) => new Average(args),
  maximum: (args) => new Maximum(args),
  minimum: (args) => new Minimum(args),
  concatenate: (args) => new Concatenate(args),
  dot: (args) => new Dot(args),
  maxPooling1d: (args) => new MaxPooling1D(args),
  averagePooling1d: (args) => new AveragePooling1D(args),
  maxPooling2d: (args) => new MaxPooling2D(args),
  averagePooling2d: (args) => new AveragePooling2D(args),
  globalAveragePooling1d: (args) => new GlobalAveragePooling1D(args),
  globalMaxPooling1d: (args) => new GlobalMaxPooling1D(args),
  globalAveragePooling2d: (args) => new GlobalAveragePooling2D(args),
  globalMaxPooling2d: (args) => new GlobalMaxPooling2D(args),
  zeroPadding2d: (args) => new ZeroPadding2D(args),
  upSampling2d: (args) => new UpSampling2D(args),
  cropping2D: (args) => new Cropping2D(args),
  cropping2d: (args) => new Cropping2D(args),
  repeatVector: (args) => new RepeatVector(args),
  batchNormalization: (args) => new BatchNormalization(args),
  layerNormalization: (args) => new LayerNormalization(args),
  spatialDropout1d: (args) => new SpatialDropout1D(args),
  spatialDropout2d: (args) => new SpatialDropout2D(args),
  gaussianNoise: (args) => new GaussianNoise(args),
  gaussianDropout: (args) => new GaussianDropout(args),
  alphaDropout: (args) => new AlphaDropout(args),
  simpleRNN: (args) => new SimpleRNN(args),
  lstm: (args) => new LSTM(args),
  gru: (args) => new GRU(args),
  bidirectional: (args) => new Bidirectional(args),
  timeDistributed: (args) => new TimeDistributed(args),
  masking: (args) => new Masking(args),
  conv1d: (args) => new Conv1D(args),
  conv2d: (args) => new Conv2D(args),
  conv2dTranspose: (args) => new Conv2DTranspose(args),
  depthwiseConv2d: (args) => new DepthwiseConv2D(args),
  separableConv2d: (args) => new SeparableConv2D(args),
  avgPool1d: (args) => new AveragePooling1D(args),
  avgPooling1d: (args) => new AveragePooling1D(args),
  avgPool2d: (args) => new AveragePooling2D(args),
  avgPooling2d: (args) => new AveragePooling2D(args),
  maxPool1d: (args) => new MaxPooling1D(args),
  maxPool2d: (args) => new MaxPooling2D(args),
  globalMaxPool1d: (args) => new GlobalMaxPooling1D(args),
  globalMaxPool2d: (args) => new GlobalMaxPooling2D(args),
  reLU: (args) => new ReLU(args),
  leakyReLU: (args) => new LeakyReLU(args),
  elu: (args) => new ELU(args),
  prelu: (args) => new PReLU(args),
  softmax: (args) => new Softmax(args),
  thresholdedReLU: (args) => new ThresholdedReLU(args),
};
