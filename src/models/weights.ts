import { Tensor } from '../ops/tensor.js';
import type { DataInput } from './data.js';
import { toSamples } from './data.js';
import { received } from '../util/received.js';

/**
 * Checks fit's `classWeight` at the boundary: an object (or array) whose keys are class
 * indices and whose values are finite numbers ≥ 0. NOTE: a NaN or string weight would
 * otherwise turn the loss into NaN without a word.
 * @example checkClassWeight({ 0: 1, 1: 5 }, 'model.fit')
 */
export function checkClassWeight(classWeight: unknown, method: string): Record<number, number> {
  if (classWeight === null || typeof classWeight !== 'object') {
    throw new Error(`${method}: classWeight must be an object mapping class index to weight, e.g. {0: 1, 1: 5}. Received: ${received(classWeight)}`);
  }
  // Object.keys lists integer keys in ascending order first, so the lowest bad class is named.
  for (const k of Object.keys(classWeight)) {
    if (!/^(0|[1-9][0-9]*)$/.test(k)) throw new Error(`${method}: classWeight keys must be class indices (integers ≥ 0). Received: classWeight[${JSON.stringify(k)}]`);
    const w: unknown = (classWeight as Record<string, unknown>)[k];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new Error(`${method}: classWeight[${k}] must be a finite number ≥ 0. Received: ${received(w)}`);
  }
  return classWeight as Record<number, number>;
}

/**
 * Per-sample loss weights from `sampleWeight` and/or `classWeight` (multiplied), or null when
 * neither is given. A sample's class is argmax of its one-hot row, or its label when y has one
 * column (Keras). `classWeight` is checked by `checkClassWeight` at fit's boundary.
 */
export function sampleWeights(y: Tensor, sampleWeight: DataInput | undefined, classWeight: Record<number, number> | null | undefined, method: string): Tensor | null {
  const n = y.shape[0] as number;
  if (sampleWeight === undefined && (classWeight === undefined || classWeight === null)) return null; // null: none, as in TF.js
  const out = new Float32Array(n).fill(1);
  if (sampleWeight !== undefined) {
    const sw = toSamples(sampleWeight, 'sampleWeight', method, false);
    if (sw.size !== n) throw new Error(`${method}: sampleWeight has ${sw.size} values for ${n} samples; expected one weight per sample`);
    out.set(sw.values);
  }
  if (classWeight !== undefined && classWeight !== null) {
    const columns = y.size / n;
    const values = y.values;
    for (let i = 0; i < n; i++) {
      let cls = 0;
      if (columns === 1) {
        cls = Math.round(values[i] as number);
      } else {
        for (let c = 1; c < columns; c++) if ((values[i * columns + c] as number) > (values[i * columns + cls] as number)) cls = c;
      }
      const cw = classWeight[cls];
      if (cw === undefined) throw new Error(`${method}: classWeight has no weight for class ${cls} (sample ${i}); give a weight for every class`);
      out[i] = Math.fround((out[i] as number) * cw);
    }
  }
  return new Tensor(out, [n], 'float32');
}
