import { allocFloat32 } from '../kernels/index.js';
import { Tensor } from '../ops/tensor.js';
import type { OptimizerWeight } from './optimizer.js';

/** One variable's optimizer state: its slot arrays, in the optimizer's slot-name order. */
export interface SlotRecord {
  variableName: string;
  shape: number[];
  slots: Float32Array[];
}

/**
 * The slots as named tensors in the TF.js layout: for each suffix in turn, that slot of every
 * record in order (`a/m`, `b/m`, `a/v`, `b/v`). The tensors are copies.
 */
export function slotWeights(records: readonly SlotRecord[], suffixes: readonly string[]): OptimizerWeight[] {
  const out: OptimizerWeight[] = [];
  suffixes.forEach((suffix, k) => {
    for (const r of records) {
      out.push({ name: `${r.variableName}/${suffix}`, tensor: new Tensor((r.slots[k] as Float32Array).slice(), r.shape, 'float32') });
    }
  });
  return out;
}

/**
 * Slot records from named tensors `<variable name>/<suffix>` (the suffix is what follows the
 * last '/', since variable names contain '/'). Records keep the order in which their variables
 * first appear. Every variable must have every suffix, all of one shape; suffixes in `ignored`
 * are dropped; anything else is an error naming the weight.
 */
export function readSlots(owner: string, weights: readonly OptimizerWeight[], suffixes: readonly string[], ignored: readonly string[]): SlotRecord[] {
  const records: { variableName: string; shape: number[]; slots: (Float32Array | undefined)[] }[] = [];
  for (const weight of weights) {
    const name: unknown = weight?.name;
    const tensor: unknown = weight?.tensor;
    if (typeof name !== 'string') throw new Error(`${owner}: every weight needs a string name, received ${typeof name}`);
    const cut = name.lastIndexOf('/');
    const suffix = name.slice(cut + 1);
    const k = cut > 0 ? suffixes.indexOf(suffix) : -1;
    if (k < 0) {
      if (cut > 0 && ignored.includes(suffix)) continue;
      const expected = suffixes.length > 0 ? suffixes.map((s) => `'<variable>/${s}'`).join(', ') : 'none (this optimizer keeps no slots)';
      throw new Error(`${owner}: unexpected weight '${name}'; slots expected: ${expected}`);
    }
    if (!(tensor instanceof Tensor) || tensor.dtype !== 'float32') {
      throw new Error(`${owner}: weight '${name}' must be a float32 Tensor, received ${tensor instanceof Tensor ? tensor.dtype : typeof tensor}`);
    }
    const variableName = name.slice(0, cut);
    let record = records.find((r) => r.variableName === variableName);
    if (!record) {
      record = { variableName, shape: tensor.shape.slice(), slots: suffixes.map(() => undefined) };
      records.push(record);
    }
    if (record.slots[k]) throw new Error(`${owner}: weight '${name}' is given twice`);
    if (record.shape.length !== tensor.shape.length || record.shape.some((d, i) => d !== tensor.shape[i])) {
      throw new Error(`${owner}: weight '${name}' has shape [${tensor.shape.join(',')}], but other slots of '${variableName}' have [${record.shape.join(',')}]`);
    }
    const slot = allocFloat32(tensor.size);
    slot.set(tensor.values);
    record.slots[k] = slot;
  }
  return records.map((r) => {
    const missing = suffixes.filter((_, k) => !r.slots[k]);
    if (missing.length > 0) throw new Error(`${owner}: missing ${missing.map((s) => `'${r.variableName}/${s}'`).join(', ')}`);
    return { variableName: r.variableName, shape: r.shape, slots: r.slots as Float32Array[] };
  });
}
