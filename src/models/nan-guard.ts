import type { HasWeights } from './fingerprint.js';
import { fingerprint } from './fingerprint.js';

/** Where in training a step is: epoch and batch as fit counts them (from 0), and the global step. */
export interface StepPosition {
  epoch: number;
  batch: number;
  step: number;
}

/**
 * Warns once per fit, with console.warn, at the first step whose loss is NaN or infinite:
 * where it happened and the fingerprint of the weights that step started from. fit calls it
 * after the loss and gradients are computed and before the optimizer update, so the weights
 * are still the pre-step ones and nothing has to be copied on healthy steps.
 * @example const guard = nonFiniteLossGuard(model, 'model.fit'); guard(loss, { epoch, batch, step });
 */
export function nonFiniteLossGuard(model: HasWeights, method: string): (loss: number, at: StepPosition) => void {
  let warned = false;
  return (loss, at) => {
    if (warned || Number.isFinite(loss)) return;
    warned = true;
    console.warn(
      `${method}: the loss is ${String(loss)} at epoch ${at.epoch}, batch ${at.batch} (step ${at.step}); the weights before this step have fingerprint ${fingerprint(model)}. ` +
      'Training goes on; add callbacks.terminateOnNaN() to stop at the first non-finite loss.',
    );
  };
}
