/**
 * SameBits: deterministic deep learning with the TensorFlow.js Layers API.
 * Same code, same seed, same data: the same bits.
 *
 * The browser-clean root: nothing here imports from Node or reads the environment, so it
 * bundles for any engine as is. Node-only parts (file://, checkpoints on disk, fingerprint logs
 * and manifests on disk, repeated runs and their reports) are in ./node.ts, which Node resolves
 * `samebits` to (the "node" export condition) and which re-exports everything here.
 */
import { installModelSaver } from './models/saving.js';
import { saveModel } from './io/save-load.js';

// The composition root: `model.save` (models/) reaches io/ through the saver installed here
// (DESIGN.md: lower layers never reach up). package.json lists this file under sideEffects.
installModelSaver(saveModel);

export { Tensor, Variable, findVariable } from './ops/tensor.js';
export type { NestedArray } from './ops/tensor.js';
export type { DataType, TypedArray } from './tensor/dtype.js';
export type { Shape } from './tensor/shape.js';
export {
  tensor, tensor1d, tensor2d, tensor3d, tensor4d, scalar, fill, zeros, ones, zerosLike, onesLike,
  range, linspace, eye, variable,
} from './ops/create.js';
export type { TensorLike, TensorLikeArray } from './ops/create.js';
export * from './ops/index.js';
export { util } from './ops/tf-util.js';
export type { UtilNamespace } from './ops/tf-util.js';
export { buffer, TensorBuffer } from './ops/buffer.js';
export { moments, unstack } from './ops/moments.js';
export { memory, nextFrame } from './ops/memory.js';
export type { MemoryInfo } from './ops/memory.js';
export { setBackend, getBackend, ready, setThreads, getThreads } from './kernels/index.js';
export type { BackendName } from './kernels/index.js';
export { fsum, ExactAccumulator } from './math/index.js';
export { setRandomSeed, getRandomSeed } from './repro/seed.js';
export { fingerprintTensors, canonicalBytes } from './repro/fingerprint.js';
export type { NamedTensor } from './repro/fingerprint.js';
export { fingerprint, summarizeTrainableVariables } from './repro/model-fingerprint.js';
export type { HasWeights } from './repro/model-fingerprint.js';
export * from './models/index.js';
export { layers, Layer, Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape, getActivation } from './layers/index.js';
export type { LayerArgs, DenseArgs, DropoutArgs, EmbeddingArgs, ActivationArgs, PermuteArgs, ReshapeArgs, SymbolicShape, ApplyArgs } from './layers/index.js';
export { SymbolicTensor, input, Merge, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot } from './layers/index.js';
export type { InputArgs, LayerNode, SymbolicOutput, ConcatenateArgs, DotArgs } from './layers/index.js';
export { MaxPooling1D, AveragePooling1D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalAveragePooling2D, GlobalMaxPooling2D, ZeroPadding2D, UpSampling2D, Cropping2D, RepeatVector } from './layers/index.js';
export type { Pooling1DArgs, Pooling2DArgs, GlobalPoolingArgs, ZeroPadding2DArgs, UpSampling2DArgs, Cropping2DArgs, RepeatVectorArgs } from './layers/index.js';
export { RNNBase, SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed, Masking } from './layers/index.js';
export type { RNNBaseArgs, SimpleRNNArgs, LSTMArgs, GRUArgs, BidirectionalArgs, BidirectionalMergeMode, TimeDistributedArgs, MaskingArgs, LayerOutput, MultiOutputLayer, ApplyOutput } from './layers/index.js';
export { Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D } from './layers/index.js';
export type { Conv1DArgs, Conv2DArgs, Conv2DTransposeArgs, DepthwiseConv2DArgs, SeparableConv2DArgs, BaseConvArgs, ConvArgs, DataFormat, PaddingMode } from './layers/index.js';
export { initializers, Initializer, getInitializer } from './initializers/index.js';
// Normalization, noise layers, regularizers, constraints (issue 11).
export { BatchNormalization, LayerNormalization, SpatialDropout1D, SpatialDropout2D, GaussianNoise, GaussianDropout, AlphaDropout } from './layers/index.js';
export type { BatchNormalizationArgs, LayerNormalizationArgs, SpatialDropoutArgs, GaussianNoiseArgs, GaussianDropoutArgs, AlphaDropoutArgs } from './layers/index.js';
export { regularizers, Regularizer, L1L2, constraints, Constraint, MaxNorm, UnitNorm, NonNeg, MinMaxNorm } from './layers/index.js';
export type { RegularizerIdentifier, ConstraintIdentifier, L1L2Args, MaxNormArgs, MinMaxNormArgs } from './layers/index.js';
// Advanced activation layers.
export { ReLU, LeakyReLU, ELU, PReLU, Softmax, ThresholdedReLU } from './layers/index.js';
export type { ReLUArgs, LeakyReLUArgs, ELUArgs, PReLUArgs, SoftmaxArgs, ThresholdedReLUArgs } from './layers/index.js';
export type { InitializerIdentifier, ConfigDict } from './initializers/index.js';
export { train, Optimizer, SGD, Momentum, Adam, AdamW, Adamax, RMSProp, Adagrad, Adadelta, getOptimizer } from './optimizers/index.js';
export type { OptimizerIdentifier, OptimizerOptions, NamedGradients } from './optimizers/index.js';
export { schedules, scheduleFromConfig, LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, CosineDecay } from './optimizers/index.js';
export type { ScheduleConfig, ExponentialDecayOptions, PiecewiseConstantDecayOptions, CosineDecayOptions } from './optimizers/index.js';
// TF.js core's `tf.losses` (scalar by default); compile's per-sample losses are `getLoss` / `metrics`.
export { coreLosses as losses } from './losses/core-losses.js';
export type { CoreLossesNamespace } from './losses/core-losses.js';
export { Reduction } from './losses/reduction.js';
export { getLoss } from './losses/index.js';
export type { LossFunction, LossIdentifier } from './losses/index.js';
export { metrics, getMetric } from './metrics/index.js';
export type { Metric, MetricIdentifier } from './metrics/index.js';
export { summarize } from './stats/summary.js';
export type { SampleSummary } from './stats/summary.js';
export type { FitSnapshot } from './models/fit-state.js';
export { installModelSaver } from './models/saving.js';
export type { ModelSaver, SaveDestination, ModelArtifactsInfo } from './models/saving.js';
export { installOutsideCallbacks } from './models/outside-callbacks.js';
export type { OutsideCallbackSource, FitRequest } from './models/outside-callbacks.js';
export { installStepObserver } from './optimizers/step-observer.js';
export type { StepObserver, OptimizerStep } from './optimizers/step-observer.js';
export { parseFingerprintLog } from './repro/log-format.js';
export type { FingerprintLog, LoggedFit, LogHeader, LogRecord, TensorPrint, TensorGroup } from './repro/log-format.js';
export { diffLogs } from './repro/diff.js';
export type { LogComparison, FirstDivergence, TensorDivergence } from './repro/diff.js';
export { formatComparison } from './repro/diff-format.js';
export { measureDifference } from './repro/tensor-difference.js';
export type { DifferenceSize } from './repro/tensor-difference.js';
export type { RunManifest, ManifestParts } from './repro/manifest.js';
export { compareManifests } from './repro/manifest-compare.js';
export type { ManifestComparison, ManifestDifference } from './repro/manifest-compare.js';
export { compareRuns, formatVerdict } from './repro/check.js';
export type { CheckRun, CheckVerdict } from './repro/check.js';
export { digestTrainingData } from './repro/data-digest.js';
export type { DataDigest } from './repro/data-digest.js';
export { io, loadLayersModel, saveModel, registerRoute, serialization, registerClass, ModelFileError, encodeWeights, decodeWeights, modelToJSON, DEFAULT_LOAD_LIMITS } from './io/index.js';
export type { IOHandler, ModelArtifacts, SaveResult, WeightsManifestEntry, SaveConfig, LoadOptions, LoadLimits, Route } from './io/index.js';
export type { RunMetrics, TrainFunction, RepeatRun, RepeatEvent } from './repro/repeat-types.js';
export { summarizeRuns, metricValues } from './repro/repeat-summary.js';
export type { RepeatSummary, CurveSummary } from './repro/repeat-summary.js';
export { compareConfigurations, lowerIsBetterByName } from './repro/repeat-compare.js';
export { compare } from './stats/compare.js';
export type { Comparison, CompareOptions, CompareSide } from './stats/compare.js';
export { summarizeSample } from './stats/sample-summary.js';
export type { MetricSummary } from './stats/sample-summary.js';
export { bootstrapMeanInterval } from './stats/bootstrap.js';
export type { BootstrapOptions } from './stats/bootstrap.js';
export { welchTTest } from './stats/welch.js';
export type { WelchTest } from './stats/welch.js';
export { probabilityOfBeating } from './stats/pairs.js';
export { runsForPower } from './stats/power.js';
export type { PowerOptions } from './stats/power.js';
export { studentTCdf, studentTQuantile, studentTTwoSidedP } from './stats/t-distribution.js';
export { normalCdf, normalQuantile } from './stats/normal.js';
// tf.data (issue 11): datasets and small real and synthetic data sets.
export { CSVDataset, data, Dataset, datasetIdentity, installFileReader } from './data/index.js';
export type { DataNamespace, DataElement, DataIterator, DatasetLineage, CSVConfig, CSVSource, ColumnConfig, GeneratorSource, ZipInput } from './data/index.js';
export { datasets } from './datasets/index.js';
export type { DatasetsNamespace, DigitsOptions, SpiralsOptions, TimeSeriesOptions, XorOptions } from './datasets/index.js';
