import type { Tensor } from '../ops/tensor.js';
import type { DataInput } from './data.js';
import { checkSameRows, rowRange, toSamples } from './data.js';
import type { Sequential } from './sequential.js';
import { sampleWeights } from './weights.js';

/** Samples as a loop consumes them: inputs, targets, and per-sample loss weights (null: none). */
export interface Samples {
  x: Tensor;
  y: Tensor;
  w: Tensor | null;
}

/** What `fit` trains and validates on, after the split (Keras 3 `ArrayDataAdapter`'s role). */
export interface FitSamples {
  /** The whole x and y as given, before any split. */
  x: Tensor;
  y: Tensor;
  train: Samples;
  validation: Samples | undefined;
}

/** The data options of `fit` (a subset of FitArgs). */
export interface FitDataOptions {
  sampleWeight?: DataInput;
  classWeight?: Record<number, number> | null;
  validationSplit?: number;
  validationData?: [DataInput, DataInput] | [DataInput, DataInput, DataInput];
  allowNonFinite?: boolean;
}

/**
 * x, y and sample weights as tensors, checked against each other and the model (errors name
 * `method` and the argument, and quote shapes as given, before any batch is cut).
 * @example const { x, y, w } = adaptSamples(model, xs, ys, undefined, undefined, false, 'model.evaluate')
 */
export function adaptSamples(model: Sequential, xIn: DataInput, yIn: DataInput, sampleWeight: DataInput | undefined, classWeight: Record<number, number> | null | undefined, allowNonFinite: boolean, method: string): Samples {
  const x = toSamples(xIn, 'x', method, allowNonFinite);
  const y = toSamples(yIn, 'y', method, allowNonFinite);
  checkSameRows(x, y, method);
  model.checkInput(x.shape);
  return { x, y, w: sampleWeights(y, sampleWeight, classWeight, method) };
}

/**
 * fit's data: the training samples and the validation set, either `validationData` (which takes
 * precedence) or the last ⌊N·validationSplit⌋ rows, cut before any shuffle (TF.js and Keras).
 * The split rows are views of the given data, not copies.
 */
export function adaptFitData(model: Sequential, xIn: DataInput, yIn: DataInput, options: FitDataOptions, method: string): FitSamples {
  const allow = options.allowNonFinite ?? false;
  const all = adaptSamples(model, xIn, yIn, options.sampleWeight, options.classWeight, allow, method);
  const { x, y, w } = all;
  if (options.validationData) {
    const [vx, vy, vw] = options.validationData;
    const xv = toSamples(vx, 'validationData[0]', method, allow);
    const yv = toSamples(vy, 'validationData[1]', method, allow);
    checkSameRows(xv, yv, `${method} (validationData)`);
    model.checkInput(xv.shape);
    return { x, y, train: all, validation: { x: xv, y: yv, w: vw === undefined ? null : sampleWeights(yv, vw, undefined, method) } };
  }
  if (!options.validationSplit) return { x, y, train: all, validation: undefined };
  const n = x.shape[0] as number;
  const splitAt = Math.floor(n * (1 - options.validationSplit));
  if (splitAt === 0 || splitAt === n) {
    throw new Error(`${method}: validationSplit=${options.validationSplit} of ${n} samples leaves ${splitAt} for training and ${n - splitAt} for validation; both must be at least 1`);
  }
  const rows = (from: number, to: number): Samples => ({ x: rowRange(x, from, to), y: rowRange(y, from, to), w: w ? rowRange(w, from, to) : null });
  return { x, y, train: rows(0, splitAt), validation: rows(splitAt, n) };
}
