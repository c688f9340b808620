import type { CallContext, Layer, SymbolicShape } from '../layers/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import type { CompiledState } from './compile.js';

/**
 * What the shared training machinery (data adapter, epoch iterator, train step, fit, evaluate,
 * predict) needs of a model: Sequential and the functional LayersModel both are one. Inputs and
 * outputs are lists, in the model's order; a Sequential model has one of each.
 */
export interface EngineModel {
  readonly name: string;
  compiled: CompiledState | undefined;
  stopTraining: boolean;
  readonly weights: Variable[];
  readonly trainableWeights: Variable[];
  /** The layers, in model order (regularization penalties are added in this order). */
  readonly layers: Layer[];
  getWeights(): Tensor[];
  setWeights(values: readonly Tensor[]): void;
  /** The inputs' names, in order (dict data is keyed by them). */
  readonly inputNames: string[];
  /** The outputs' names, in order (per-output losses, metrics and log keys use them). */
  readonly outputNames: string[];
  /** Builds the model for samples of these shapes if needed and checks that they fit. */
  checkInputs(shapes: readonly (readonly number[])[]): void;
  /** Runs the model on one batch of each input; one tensor per output. */
  forwardAll(xs: Tensor[], ctx: CallContext): Tensor[];
  /** Output shapes with batch axis, once built. */
  outputShapes(): SymbolicShape[] | undefined;
  /** Input shapes with batch axis, where known (a Sequential model without inputShape learns it from its first batch). */
  inputShapes(): SymbolicShape[] | undefined;
}
