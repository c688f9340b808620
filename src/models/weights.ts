import { Tensor } from '../tensor/tensor.js';
import type { DataInput } from './data.js';
import { toSamples } from './data.js';

/**
 * Per-sample loss weights from `sampleWeight` and/or `classWeight` (multiplied), or null when
 * neither is given. A sample's class is argmax of its one-hot row, or its label when y has one
 * column (Keras).
 */
export function sampleWeights(y: Tensor, sampleWeight: DataInput | undefined, classWeight: Record<number, number> | undefined, method: string): Tensor | null {
  const n = y.shape[0] as number;
  if (sampleWeight === undefined && classWeight === undefined) return null;
  const out = new Float32Array(n).fill(1);
  if (sampleWeight !== undefined) {
    const sw = toSamples(sampleWeight, 'sampleWeight', method, false);
    if (sw.size !== n) throw new Error(`${method}: sampleWeight has ${sw.size} values for ${n} samples; expected one weight per sample`);
    out.set(sw.values);
  }
  if (classWeight !== undefined) {
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
