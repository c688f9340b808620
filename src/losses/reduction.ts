import type { TensorInput } from '../ops/index.js';
import { cast, div, mul, notEqual, sum } from '../ops/index.js';
import { convertToTensor, ones } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';

/** How a `losses.*` function of TF.js core reduces elementwise losses (TF.js `tf.Reduction`). */
export type Reduction = 0 | 1 | 2 | 3;

/**
 * TF.js `tf.Reduction`: NONE keeps the elementwise losses; MEAN is Σ(w·loss)/Σw; SUM is
 * Σ(w·loss); SUM_BY_NONZERO_WEIGHTS (the default) is Σ(w·loss) / (number of non-zero weights),
 * the mean over all elements when there are no weights.
 */
export const Reduction: { readonly NONE: 0; readonly MEAN: 1; readonly SUM: 2; readonly SUM_BY_NONZERO_WEIGHTS: 3 } =
  Object.freeze({ NONE: 0, MEAN: 1, SUM: 2, SUM_BY_NONZERO_WEIGHTS: 3 });

/**
 * Weights and reduces elementwise `losses` as TF.js `tf.losses.computeWeightedLoss`, with
 * the same formulas (sum then divide, so the result is the float32 sum divided once).
 * @example computeWeightedLoss(tensor1d([1, 3])) // scalar 2
 */
export function computeWeightedLoss(losses: TensorInput, weights?: TensorInput | null, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const $losses = convertToTensor(losses, 'losses', 'computeWeightedLoss');
  const $weights = weights === undefined || weights === null ? undefined : convertToTensor(weights, 'weights', 'computeWeightedLoss');
  const weighted = $weights === undefined ? $losses : mul($losses, $weights);
  switch (reduction) {
    case Reduction.NONE: return weighted;
    case Reduction.SUM: return sum(weighted);
    case Reduction.MEAN: {
      if ($weights === undefined) return div(sum(weighted), $losses.size);
      const result = div(sum(weighted), sum($weights));
      const broadcastFactor = $losses.size / $weights.size;
      return broadcastFactor > 1 ? div(result, broadcastFactor) : result;
    }
    case Reduction.SUM_BY_NONZERO_WEIGHTS: {
      if ($weights === undefined) return div(sum(weighted), $losses.size);
      const nonZero = cast(sum(notEqual(mul($weights, ones($losses.shape)), 0)), 'float32');
      return div(sum(weighted), nonZero);
    }
    default: throw new Error(`computeWeightedLoss: unknown reduction ${String(reduction)}; expected one of Reduction.NONE, MEAN, SUM, SUM_BY_NONZERO_WEIGHTS`);
  }
}
