import type { Layer } from '../layers/index.js';

/** A layer that may carry states from batch to batch (RNNs with `stateful: true`, nested models). */
type StateCarrier = Layer & { stateful?: unknown; resetStates?: unknown };

/**
 * Whether some layer carries states from batch to batch (TF.js `model.stateful`); what Sequential
 * and functional models both answer.
 * @example anyStateful(model.layers)
 */
export function anyStateful(layers: readonly Layer[]): boolean {
  return layers.some((l) => (l as StateCarrier).stateful === true);
}

/**
 * Clears the carried states of every stateful layer, in layer order (TF.js
 * `model.resetStates()`); layers that carry none are left alone.
 * @example resetLayerStates(model.layers)
 */
export function resetLayerStates(layers: readonly Layer[]): void {
  for (const layer of layers) {
    const carrier = layer as StateCarrier;
    if (carrier.stateful === true && typeof carrier.resetStates === 'function') (carrier.resetStates as () => void)();
  }
}
