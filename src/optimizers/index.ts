// Optimizers: TF.js signatures (`train.adam(...)`, `applyGradients`, `minimize`), Keras 3
// update rules and defaults; each update, weight decay and clipping loop is a named kernel
// (kernels/, reference order in its doc comment, DESIGN.md law 2).
export { Optimizer } from './optimizer.js';
export type { ClipOptions, GradientPair, NamedGradients, OptimizerOptions, OptimizerWeight, Step } from './optimizer.js';
export { SGD, Momentum } from './sgd.js';
export type { SGDOptions, MomentumOptions } from './sgd.js';
export { Adam, AdamW } from './adam.js';
export type { AdamOptions, AdamWOptions } from './adam.js';
export { Adamax } from './adamax.js';
export type { AdamaxOptions } from './adamax.js';
export { RMSProp } from './rmsprop.js';
export type { RMSPropOptions } from './rmsprop.js';
export { Adagrad } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { Adadelta } from './adadelta.js';
export type { AdadeltaOptions } from './adadelta.js';
export { installStepObserver } from './step-observer.js';
export type { OptimizerStep, StepObserver } from './step-observer.js';
export { train } from './train.js';
export type { ExtraOptions } from './train.js';
export { getOptimizer, optimizerFromConfig } from './get-optimizer.js';
export type { OptimizerIdentifier } from './get-optimizer.js';
export { schedules, scheduleFromConfig, LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, CosineDecay } from './schedules/index.js';
export type { ScheduleConfig, ExponentialDecayOptions, PiecewiseConstantDecayOptions, CosineDecayOptions } from './schedules/index.js';
