/**
 * Callbacks that `fit` adds without the program passing them: `samebits check` and `verify`
 * switch on a fingerprint logger and a manifest writer by environment variables. Reading those
 * and writing files is repro/'s and Node's business, above models/ (DESIGN.md: lower layers
 * never reach up), so the node entry installs a source here and `fit` asks it at its start.
 */

import type { Tensor } from '../ops/tensor.js';
import type { CallbackHooks } from './callbacks.js';
import type { FitArgs } from './fit.js';

/** The fit that asks: its data and options as given. */
export interface FitRequest {
  x: Tensor;
  y: Tensor;
  args: FitArgs;
}

/** Gives the callbacks to run after the user's for one fit (none: an empty list). */
export type OutsideCallbackSource = (fit: FitRequest) => CallbackHooks[] | Promise<CallbackHooks[]>;

let installed: OutsideCallbackSource | undefined;

/**
 * Installs the source `fit` asks (undefined removes it). The node entry installs one that reads
 * SAMEBITS_FINGERPRINT_LOG and SAMEBITS_MANIFEST; the browser-clean root installs none.
 * @example installOutsideCallbacks(() => [new TerminateOnNaN()])
 */
export function installOutsideCallbacks(source: OutsideCallbackSource | undefined): void {
  installed = source;
}

/** The installed source's callbacks for this fit, or none. */
export async function callbacksFromOutside(fit: FitRequest): Promise<CallbackHooks[]> {
  return installed === undefined ? [] : [...(await installed(fit))];
}
