import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { LossIdentifier } from '../../src/node.js';
import { train } from '../../src/node.js';
import type { Arch, TargetKind } from './data.js';
import { outputUnits, peerData } from './data.js';
import type { TfjsLoss } from './harness.js';
import { maxRelativeDifference, trainSameBits, trainTfjs } from './harness.js';
import type { ReferenceLoss } from './reference-losses.js';
import { hingeLabels, kerasLosses, oneHotLabels, tfjsLosses } from './reference-losses.js';
import { trainReference } from './reference-mlp.js';
import { referenceOptimizer } from './reference-optimizers.js';

/**
 * Every loss (TF.js's `lossesMap` and huber), one optimizer (SGD): SameBits and TF.js train
 * Dense(8, tanh) → Dense(units, an output activation fit for the loss) from the same weights on
 * the same rows, 5 epochs of 4 batches of 16, no shuffling; each run is also measured against
 * float64 training with the Keras 3 loss formula (and with TF.js's where it differs).
 *
 * Where the formulas differ by design, the data is chosen so that they coincide, and the case
 * says how: probabilities stay far from the clip bounds ε and 1 − ε (crossentropies, KLD);
 * hinge labels are ±1, or {0, 1} for SameBits against ±1 for TF.js (Keras maps {0, 1} to ±1,
 * TF.js uses labels as given); TF.js Layers has no huber loss and no fromLogits, so those cases
 * use tfjs-core's `tf.losses.huberLoss`, `sigmoidCrossEntropy` and `softmaxCrossEntropy`. Two
 * cases keep the difference and check it is the formula's: KLD with zero labels and hinge
 * with {0, 1} labels on both sides.
 *
 * Measured (max relative difference over the 5 epochs; Node 20, TF.js 4.22 cpu backend; the
 * TF.js reference uses TF.js's formula where it differs, and the last column is the distance
 * between the two references):
 *
 * | loss (output activation)                      | SameBits~TF.js | SameBits~Keras f64 | TF.js~TF.js f64 | Keras f64~TF.js f64 |
 * |-----------------------------------------------|--------|--------|--------|--------|
 * | meanSquaredError (linear)                     | 1.3e-7 | 1.2e-7 | 1.1e-7 | 0      |
 * | meanAbsoluteError (linear)                    | 1.1e-7 | 9.9e-8 | 5.0e-8 | 0      |
 * | meanAbsolutePercentageError (softplus)        | 8.9e-8 | 4.9e-8 | 4.1e-8 | 0      |
 * | meanSquaredLogarithmicError (softplus)        | 1.2e-7 | 1.5e-7 | 2.2e-7 | 0      |
 * | binaryCrossentropy (sigmoid)                  | 0      | 4.8e-8 | 4.8e-8 | 0      |
 * | binaryCrossentropy fromLogits (linear)        | 7.3e-8 | 4.8e-8 | 5.6e-8 | 0      |
 * | categoricalCrossentropy (softmax)             | 9.7e-8 | 9.1e-8 | 4.0e-8 | 0      |
 * | categoricalCrossentropy fromLogits (linear)   | 0      | 4.0e-8 | 4.0e-8 | 0      |
 * | sparseCategoricalCrossentropy (softmax)       | 9.7e-8 | 9.1e-8 | 4.0e-8 | 0      |
 * | huber, errors on both sides of δ (linear)     | 1.0e-7 | 4.9e-8 | 5.1e-8 | 0      |
 * | logCosh (linear)                              | 1.1e-7 | 7.4e-8 | 1.5e-7 | 0      |
 * | hinge, ±1 labels (linear)                     | 8.8e-8 | 6.6e-8 | 7.5e-8 | 0      |
 * | hinge, {0,1} for SameBits and ±1 for TF.js    | 8.8e-8 | 6.6e-8 | 7.5e-8 | 0      |
 * | squaredHinge, ±1 labels (linear)              | 6.2e-8 | 2.2e-8 | 6.8e-8 | 0      |
 * | categoricalHinge (linear)                     | 1.1e-7 | 8.4e-8 | 7.0e-8 | 0      |
 * | poisson (softplus)                            | 8.2e-8 | 4.4e-8 | 4.7e-8 | 0      |
 * | cosineProximity (linear)                      | 2.0e-7 | 1.4e-7 | 3.4e-7 | 0      |
 * | kullbackLeiblerDivergence, labels in (ε, 1]   | 9.5e-8 | 1.2e-7 | 1.2e-7 | 0      |
 * | by design: KLD with zero labels               | 8.5e-6 | 2.5e-8 | 1.0e-7 | 8.4e-6 |
 * | by design: hinge, {0,1} labels on both sides  | 1.3e-1 | 6.6e-8 | 9.8e-8 | 1.3e-1 |
 */

/** Float32 rounding of 20 training steps: measured ≤ 3.4e-7 for every library~reference pair. */
const ROUNDING = 1e-6;
/** Five times the rounding bound: a gap this large is the formula's. */
const BY_DESIGN = 5e-6;

interface LossCase {
  name: string;
  ours: LossIdentifier;
  theirs: TfjsLoss;
  /** Targets given to SameBits (and to TF.js unless `tfjsTargets`). */
  targets: TargetKind;
  tfjsTargets?: TargetKind;
  output: Arch['output'];
  lr: number;
  /** Float64 Keras formula; `tfjs` is TF.js's where it differs. */
  keras: ReferenceLoss;
  tfjs?: ReferenceLoss;
  byDesign?: boolean;
}

const reference = (name: string): ReferenceLoss => {
  const loss = kerasLosses[name] ?? tfjsLosses[name];
  if (loss === undefined) throw new Error(`no reference loss ${name}`);
  return loss;
};

const huber: TfjsLoss = (y, p) => tf.losses.huberLoss(y, p); // mean over all elements = mean of mean_last here
const bceLogits: TfjsLoss = (y, z) => tf.mean(tf.losses.sigmoidCrossEntropy(y, z, undefined, 0, tf.Reduction.NONE), -1);
const cceLogits: TfjsLoss = (y, z) => tf.losses.softmaxCrossEntropy(y, z, undefined, 0, tf.Reduction.NONE);

const CASES: LossCase[] = [
  { name: 'meanSquaredError', ours: 'meanSquaredError', theirs: 'meanSquaredError', targets: 'regression', output: 'linear', lr: 0.1, keras: reference('meanSquaredError') },
  { name: 'meanAbsoluteError', ours: 'meanAbsoluteError', theirs: 'meanAbsoluteError', targets: 'regression', output: 'linear', lr: 0.1, keras: reference('meanAbsoluteError') },
  { name: 'meanAbsolutePercentageError, targets in [0.5, 3]', ours: 'meanAbsolutePercentageError', theirs: 'meanAbsolutePercentageError', targets: 'positive', output: 'softplus', lr: 0.001, keras: reference('meanAbsolutePercentageError') },
  { name: 'meanSquaredLogarithmicError, targets in [0.5, 3]', ours: 'meanSquaredLogarithmicError', theirs: 'meanSquaredLogarithmicError', targets: 'positive', output: 'softplus', lr: 0.5, keras: reference('meanSquaredLogarithmicError') },
  { name: 'binaryCrossentropy on sigmoid outputs', ours: 'binaryCrossentropy', theirs: 'binaryCrossentropy', targets: 'binary', output: 'sigmoid', lr: 0.5, keras: reference('binaryCrossentropy') },
  { name: 'binaryCrossentropy fromLogits (TF.js: tf.losses.sigmoidCrossEntropy)', ours: { name: 'binaryCrossentropy', fromLogits: true }, theirs: bceLogits, targets: 'binary', output: 'linear', lr: 0.5, keras: reference('binaryCrossentropyFromLogits') },
  { name: 'categoricalCrossentropy on softmax outputs', ours: 'categoricalCrossentropy', theirs: 'categoricalCrossentropy', targets: 'oneHot', output: 'softmax', lr: 0.5, keras: reference('categoricalCrossentropy') },
  { name: 'categoricalCrossentropy fromLogits (TF.js: tf.losses.softmaxCrossEntropy)', ours: { name: 'categoricalCrossentropy', fromLogits: true }, theirs: cceLogits, targets: 'oneHot', output: 'linear', lr: 0.5, keras: reference('categoricalCrossentropyFromLogits') },
  { name: 'sparseCategoricalCrossentropy on softmax outputs', ours: 'sparseCategoricalCrossentropy', theirs: 'sparseCategoricalCrossentropy', targets: 'classIndex', output: 'softmax', lr: 0.5, keras: reference('sparseCategoricalCrossentropy') },
  { name: 'huber with errors on both sides of δ = 1 (TF.js: tf.losses.huberLoss)', ours: 'huber', theirs: huber, targets: 'wideRegression', output: 'linear', lr: 0.1, keras: reference('huber') },
  { name: 'logCosh (TF.js: logcosh)', ours: 'logCosh', theirs: 'logcosh', targets: 'regression', output: 'linear', lr: 0.2, keras: reference('logCosh') },
  { name: 'hinge with ±1 labels', ours: 'hinge', theirs: 'hinge', targets: 'signs', output: 'linear', lr: 0.1, keras: reference('hinge') },
  { name: 'hinge with {0, 1} labels against TF.js given the same labels as ±1', ours: 'hinge', theirs: 'hinge', targets: 'binary', tfjsTargets: 'signs', output: 'linear', lr: 0.1, keras: reference('hinge') },
  { name: 'squaredHinge with ±1 labels', ours: 'squaredHinge', theirs: 'squaredHinge', targets: 'signs', output: 'linear', lr: 0.05, keras: reference('squaredHinge') },
  { name: 'categoricalHinge', ours: 'categoricalHinge', theirs: 'categoricalHinge', targets: 'oneHot', output: 'linear', lr: 0.1, keras: reference('categoricalHinge') },
  { name: 'poisson, rates in [0.5, 3]', ours: 'poisson', theirs: 'poisson', targets: 'positive', output: 'softplus', lr: 0.2, keras: reference('poisson') },
  { name: 'cosineProximity', ours: 'cosineProximity', theirs: 'cosineProximity', targets: 'regression', output: 'linear', lr: 0.1, keras: reference('cosineProximity') },
  { name: 'kullbackLeiblerDivergence with labels in (ε, 1]', ours: 'kullbackLeiblerDivergence', theirs: 'kullbackLeiblerDivergence', targets: 'distribution', output: 'softmax', lr: 0.5, keras: reference('kullbackLeiblerDivergence') },
  {
    name: 'kullbackLeiblerDivergence with zero labels (Keras clips y to ε in the factor, TF.js does not)', ours: 'kullbackLeiblerDivergence', theirs: 'kullbackLeiblerDivergence',
    targets: 'oneHot', output: 'softmax', lr: 0.5, keras: reference('kullbackLeiblerDivergence'), tfjs: tfjsLosses['kullbackLeiblerDivergence'] as ReferenceLoss, byDesign: true,
  },
  {
    name: 'hinge with {0, 1} labels on both sides (Keras maps them to ±1, TF.js uses them as given)', ours: 'hinge', theirs: 'hinge',
    targets: 'binary', output: 'linear', lr: 0.1, keras: reference('hinge'), tfjs: reference('hinge'), byDesign: true,
  },
];

/** The labels a float64 reference trains on: one-hot for class indices, Keras's hinge mapping. */
function referenceLabels(kind: TargetKind, y: number[][], loss: ReferenceLoss, flavour: 'keras' | 'tfjs'): number[][] {
  if (kind === 'classIndex') return oneHotLabels(y, outputUnits(kind));
  return flavour === 'keras' && loss === kerasLosses['hinge'] ? hingeLabels(y) : y;
}

describe('peer: every loss under SGD, SameBits against TF.js 4.22', () => {
  for (const c of CASES) {
    const title = c.byDesign
      ? `${c.name}: each library follows its own formula, so the losses part by more than rounding`
      : `${c.name}: per-epoch losses agree within ${ROUNDING.toExponential()} relative`;
    it(title, async () => {
      const ours = peerData(c.targets);
      const theirs = peerData(c.tfjsTargets ?? c.targets);
      const arch: Arch = { hidden: 'tanh', output: c.output, units: outputUnits(c.targets) };
      const { losses, initial } = await trainSameBits(arch, ours, train.sgd(c.lr), c.ours);
      const tfjs = await trainTfjs(arch, theirs, initial, tf.train.sgd(c.lr), c.theirs);
      const sgd = { kind: 'sgd', lr: c.lr } as const;
      const keras = trainReference(arch, ours, initial, c.keras, referenceOptimizer(sgd, 'keras'), referenceLabels(c.targets, ours.y, c.keras, 'keras'));
      const tfjsLoss = c.tfjs ?? c.keras;
      const tfjsFormula = trainReference(arch, theirs, initial, tfjsLoss, referenceOptimizer(sgd, 'tfjs'), referenceLabels(c.tfjsTargets ?? c.targets, theirs.y, tfjsLoss, c.tfjs ? 'tfjs' : 'keras'));
      expect(maxRelativeDifference(losses, keras)).toBeLessThanOrEqual(ROUNDING);
      expect(maxRelativeDifference(tfjs, tfjsFormula)).toBeLessThanOrEqual(ROUNDING);
      if (c.byDesign) {
        expect(maxRelativeDifference(keras, tfjsFormula)).toBeGreaterThan(BY_DESIGN);
        expect(maxRelativeDifference(losses, tfjs)).toBeGreaterThan(BY_DESIGN);
      } else {
        expect(maxRelativeDifference(losses, tfjs)).toBeLessThanOrEqual(ROUNDING);
      }
    });
  }
});
