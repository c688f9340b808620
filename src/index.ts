/**
 * SameBits: deterministic deep learning with the TensorFlow.js Layers API.
 * Same code, same seed, same data: the same bits.
 */
export { Tensor, Variable, findVariable } from './tensor/tensor.js';
export type { NestedArray } from './tensor/tensor.js';
export type { DataType, TypedArray } from './tensor/dtype.js';
export type { Shape } from './tensor/shape.js';
export {
  tensor, tensor1d, tensor2d, tensor3d, tensor4d, scalar, fill, zeros, ones, zerosLike, onesLike,
  range, linspace, eye, variable,
} from './tensor/create.js';
export type { TensorLike, TensorLikeArray } from './tensor/create.js';
export * from './ops/index.js';
export { fsum, ExactAccumulator } from './math/index.js';
export { setRandomSeed, getRandomSeed } from './repro/seed.js';
export { fingerprintTensors, canonicalBytes } from './repro/fingerprint.js';
export type { NamedTensor } from './repro/fingerprint.js';
export { fingerprint, summarizeTrainableVariables } from './repro/model-fingerprint.js';
export type { HasWeights } from './repro/model-fingerprint.js';
export * from './models/index.js';
export { layers, Layer, Dense, Dropout, Embedding, Activation, Flatten, InputLayer, Permute, Reshape, getActivation } from './layers/index.js';
export type { LayerArgs, DenseArgs, DropoutArgs, EmbeddingArgs, ActivationArgs, PermuteArgs, ReshapeArgs, SymbolicShape, ApplyArgs } from './layers/index.js';
export { initializers, Initializer, getInitializer } from './initializers/index.js';
export type { InitializerIdentifier, ConfigDict } from './initializers/index.js';
export { train, Optimizer, SGD, Momentum, Adam, AdamW, Adamax, RMSProp, Adagrad, Adadelta, getOptimizer } from './optimizers/index.js';
export type { OptimizerIdentifier, OptimizerOptions, NamedGradients } from './optimizers/index.js';
export { losses, getLoss } from './losses/index.js';
export type { LossFunction, LossIdentifier } from './losses/index.js';
export { metrics, getMetric } from './metrics/index.js';
export type { Metric, MetricIdentifier } from './metrics/index.js';
export { summarize } from './stats/summary.js';
export type { SampleSummary } from './stats/summary.js';
export { callbacks } from './callbacks.js';
export { BackupAndRestore, loadCheckpoint, checkpointFiles } from './io/checkpoint.js';
export type { BackupAndRestoreArgs, LoadedCheckpoint, CheckpointHeader } from './io/checkpoint.js';
export type { FitSnapshot } from './models/fit-state.js';
export { FingerprintLogger, fingerprintLogger } from './repro/fingerprint-logger.js';
export type { FingerprintLoggerArgs } from './repro/fingerprint-logger.js';
export { parseFingerprintLog } from './repro/log-format.js';
export type { FingerprintLog, LoggedFit, LogHeader, LogRecord, TensorPrint, TensorGroup } from './repro/log-format.js';
export { diffLogs } from './repro/diff.js';
export type { LogComparison, FirstDivergence, TensorDivergence } from './repro/diff.js';
export { formatComparison } from './repro/diff-format.js';
export { measureDifference } from './repro/tensor-difference.js';
export type { DifferenceSize } from './repro/tensor-difference.js';
export { createManifest, writeManifest, readManifest } from './repro/manifest.js';
export type { RunManifest, ManifestParts } from './repro/manifest.js';
export { RunManifestCallback, runManifest } from './repro/manifest-callback.js';
export type { RunManifestArgs } from './repro/manifest-callback.js';
export { compareManifests } from './repro/manifest-compare.js';
export type { ManifestComparison, ManifestDifference } from './repro/manifest-compare.js';
export { compareRuns, formatVerdict } from './repro/check.js';
export type { CheckRun, CheckVerdict } from './repro/check.js';
export { digestTrainingData } from './repro/data-digest.js';
export type { DataDigest } from './repro/data-digest.js';
export { io, loadLayersModel, serialization, registerClass, ModelFileError, encodeWeights, decodeWeights, modelToJSON } from './io/index.js';
export type { IOHandler, ModelArtifacts, SaveResult, WeightsManifestEntry, SaveConfig } from './io/index.js';
