/**
 * What Sequential and functional models both answer about their list of layers: a layer by name
 * or position, and the carried states of stateful layers.
 */

import type { Layer } from '../layers/index.js';

/** A layer that may carry states from batch to batch (RNNs with `stateful: true`, nested models). */
type StateCarrier = Layer & { stateful?: unknown; resetStates?: unknown };

/**
 * Whether some layer carries states from batch to batch (TF.js `model.stateful`).
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

/**
 * The layer named `name`, or at position `index` (TF.js `model.getLayer`, which also accepts the
 * index alone); `model` names the model in the error.
 * @example findLayer('sequential_1', model.layers, 'dense_1')
 */
export function findLayer(model: string, layers: readonly Layer[], nameOrIndex?: string | number, index?: number): Layer {
  const name = typeof nameOrIndex === 'number' ? undefined : nameOrIndex;
  if (typeof nameOrIndex === 'number') index = nameOrIndex;
  const found = index !== undefined ? layers[index] : layers.find((l) => l.name === name);
  if (!found) throw new Error(`${model}.getLayer: no layer ${index !== undefined ? `at index ${index}` : `named '${String(name)}'`}; layers: ${layers.map((l) => l.name).join(', ')}`);
  return found;
}
