/**
 * A watcher of custom training loops: `applyGradients` and `minimize` tell it about each step,
 * before the first variable changes and after the last. `samebits check` uses it to log loops
 * that never call `fit`; logging is repro/'s and Node's business, above optimizers/ (DESIGN.md:
 * lower layers never reach up), so the node entry installs the observer here.
 * NOTE: `apply`, the core that `fit` calls, tells no observer: fit logs through its callbacks.
 */

import type { Tensor } from '../ops/tensor.js';
import type { GradientPair, Optimizer } from './optimizer.js';

/** One step of a custom loop: the optimizer, the variables it updates with their gradients, and `minimize`'s cost. */
export interface OptimizerStep {
  optimizer: Optimizer;
  /** In the order of the updates; never empty (an empty step changes nothing and is not reported). */
  pairs: readonly GradientPair[];
  /** The value `minimize` differentiated (undefined for `applyGradients`). */
  loss?: Tensor;
}

/** Told about every step that `applyGradients` or `minimize` takes. */
export interface StepObserver {
  beforeStep(step: OptimizerStep): void;
  afterStep(step: OptimizerStep): void;
}

let installed: StepObserver | undefined;

/**
 * Installs the observer of custom-loop steps (undefined removes it). The node entry installs
 * one that logs fingerprints when SAMEBITS_FINGERPRINT_LOG is set; the browser-clean root none.
 * @example installStepObserver({ beforeStep() {}, afterStep: (s) => console.log(s.optimizer.iterations) })
 */
export function installStepObserver(observer: StepObserver | undefined): void {
  installed = observer;
}

/** The installed observer, or undefined. */
export function stepObserver(): StepObserver | undefined {
  return installed;
}
