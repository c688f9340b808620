import type { Tensor } from '../ops/tensor.js';
import type { DataInput, ModelData } from './data.js';
import { checkSameRowsAll, rowRange, toSampleList } from './data.js';
import type { EngineModel } from './engine.js';
import { sampleWeights } from './weights.js';

/**
 * Samples as a loop consumes them: one tensor per model input, one per output (targets), and
 * per-sample loss weights (null: none).
 */
export interface Samples {
  x: Tensor[];
  y: Tensor[];
  w: Tensor | null;
}

/** What `fit` trains and validates on, after the split (Keras 3 `ArrayDataAdapter`'s role). */
export interface FitSamples {
  /** The whole x and y as given, before any split. */
  x: Tensor[];
  y: Tensor[];
  train: Samples;
  validation: Samples | undefined;
}

/** The data options of `fit` (a subset of FitArgs). */
export interface FitDataOptions {
  sampleWeight?: DataInput;
  classWeight?: Record<number, number> | null;
  validationSplit?: number;
  validationData?: [ModelData, ModelData] | [ModelData, ModelData, DataInput];
  allowNonFinite?: boolean;
}

/** Per-sample weights; classWeight reads classes from the targets, so it needs a model with one output. */
function weightsOf(model: EngineModel, y: Tensor[], sampleWeight: DataInput | undefined, classWeight: Record<number, number> | null | undefined, method: string): Tensor | null {
  if (y.length > 1 && classWeight !== undefined && classWeight !== null) throw new Error(`${method}: classWeight needs a model with one output; ${model.name} has ${y.length} (${model.outputNames.join(', ')}); use sampleWeight instead`);
  return sampleWeights(y[0] as Tensor, sampleWeight, classWeight, method);
}

/**
 * x, y and sample weights as tensors, checked against each other and the model (errors name
 * `method` and the argument, and quote shapes as given, before any batch is cut).
 * @example const { x, y, w } = adaptSamples(model, xs, ys, undefined, undefined, false, 'model.evaluate')
 */
export function adaptSamples(model: EngineModel, xIn: ModelData, yIn: ModelData, sampleWeight: DataInput | undefined, classWeight: Record<number, number> | null | undefined, allowNonFinite: boolean, method: string): Samples {
  const x = toSampleList(xIn, model.inputNames, 'x', method, allowNonFinite);
  const y = toSampleList(yIn, model.outputNames, 'y', method, allowNonFinite);
  checkSameRowsAll(x, y, method);
  model.checkInputs(x.map((t) => t.shape));
  return { x, y, w: weightsOf(model, y, sampleWeight, classWeight, method) };
}

/**
 * fit's data: the training samples and the validation set, either `validationData` (which takes
 * precedence) or the last ⌊N·validationSplit⌋ rows, cut before any shuffle (TF.js and Keras).
 * The split rows are views of the given data, not copies.
 */
export function adaptFitData(model: EngineModel, xIn: ModelData, yIn: ModelData, options: FitDataOptions, method: string): FitSamples {
  const allow = options.allowNonFinite ?? false;
  const all = adaptSamples(model, xIn, yIn, options.sampleWeight, options.classWeight, allow, method);
  const { x, y, w } = all;
  if (options.validationData) {
    const [vx, vy, vw] = options.validationData;
    const xv = toSampleList(vx, model.inputNames, 'validationData[0]', method, allow);
    const yv = toSampleList(vy, model.outputNames, 'validationData[1]', method, allow);
    checkSameRowsAll(xv, yv, `${method} (validationData)`);
    model.checkInputs(xv.map((t) => t.shape));
    return { x, y, train: all, validation: { x: xv, y: yv, w: vw === undefined ? null : sampleWeights(yv[0] as Tensor, vw, undefined, method) } };
  }
  if (!options.validationSplit) return { x, y, train: all, validation: undefined };
  const n = (x[0] as Tensor).shape[0] as number;
  const splitAt = Math.floor(n * (1 - options.validationSplit));
  if (splitAt === 0 || splitAt === n) {
    throw new Error(`${method}: validationSplit=${options.validationSplit} of ${n} samples leaves ${splitAt} for training and ${n - splitAt} for validation; both must be at least 1`);
  }
  const rows = (from: number, to: number): Samples => ({ x: x.map((t) => rowRange(t, from, to)), y: y.map((t) => rowRange(t, from, to)), w: w ? rowRange(w, from, to) : null });
  return { x, y, train: rows(0, splitAt), validation: rows(splitAt, n) };
}
