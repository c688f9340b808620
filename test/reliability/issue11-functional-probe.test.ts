import { describe, expect, it } from 'vitest';
import { modelFromJSON } from '../../src/io/index.js';
import type { SymbolicTensor } from '../../src/layers/index.js';
import { input, layers } from '../../src/layers/index.js';
import { model, sequential } from '../../src/models/index.js';
import { Tensor } from '../../src/ops/tensor.js';
import { bytesOf } from '../helpers/bits.js';

// Found by probing issue 11's functional API as a TF.js / Keras user would use it.

const ones = (shape: number[]): Tensor => new Tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1), shape, 'float32');

function twoBranches(): ReturnType<typeof model> {
  const a = input({ shape: [3], name: 'a' });
  const b = input({ shape: [5], name: 'b' });
  return model({ inputs: [a, b], outputs: [layers.dense({ units: 1 }).apply(a), layers.dense({ units: 1 }).apply(b)] });
}

describe('functional inputs with different numbers of samples', () => {
  it('predict refuses them instead of silently dropping the extra rows', () => {
    const m = twoBranches();
    expect(() => m.predict([ones([2, 3]), ones([3, 5])])).toThrow(/x\[0\] has 2 samples but x\[1\] has 3/);
    expect(() => m.predict({ a: ones([4, 3]), b: ones([3, 5]) }, { batchSize: 2 })).toThrow(/has 4 samples but x\[1\] has 3/);
  });

  it('predictOnBatch refuses them instead of returning outputs of different batch sizes', () => {
    const m = twoBranches();
    expect(() => m.predictOnBatch([ones([2, 3]), ones([3, 5])])).toThrow(/x\[0\] has 2 samples but x\[1\] has 3/);
  });
});

describe('a shared layer applied to incompatible shapes', () => {
  it('model() refuses the graph, naming the layer, instead of failing later in predict', () => {
    const shared = layers.dense({ units: 2, name: 'shared' });
    const a = input({ shape: [3] });
    const b = input({ shape: [4] });
    expect(() => model({ inputs: [a, b], outputs: [shared.apply(a), shared.apply(b)] })).toThrow(/shared: expected input shape \[\*, 3\], received \[null, 4\]/);
  });
});

describe('fitDataset on a functional model, called as a TF.js port would call it', () => {
  it('a value that is not a dataset is refused with what was expected, not "is not a function"', async () => {
    const m = twoBranches();
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    // A TF.js port calls these on a tf.model; as JavaScript would, without the types' help.
    const loose = m as unknown as Record<'fitDataset' | 'evaluateDataset', (ds: unknown, args?: unknown) => Promise<unknown>>;
    await expect(loose.fitDataset(null, { epochs: 1 })).rejects.toThrow(/functional(_\d+)?\.fitDataset: expected a Dataset \(from data\.array, data\.generator, data\.csv or data\.zip\)\. Received: null/);
    await expect(loose.evaluateDataset(null)).rejects.toThrow(/functional(_\d+)?\.evaluateDataset: expected a Dataset/);
  });
});

describe('a Sequential model inside a functional one (not supported yet)', () => {
  it('sequential.apply(symbolic) says so and how to share its layers, not "could not be converted to a tensor"', () => {
    const seq = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    const x = input({ shape: [3] });
    // JavaScript, as in a TF.js port (the types refuse a symbolic tensor here).
    expect(() => (seq.apply as (v: unknown) => unknown).call(seq, x)).toThrow(/sequential(_\d+)?\.apply: a Sequential model cannot be applied to symbolic tensors .*layers\.reduce/);
    const y = seq.layers.reduce<SymbolicTensor>((h, l) => l.apply(h) as SymbolicTensor, x);
    expect(model({ inputs: x, outputs: y }).weights.map((w) => w.name)).toEqual(seq.weights.map((w) => w.name));
  });

  it('loading a Keras file whose functional model nests a Sequential says it is not supported, not "register the class Sequential"', () => {
    const topology = {
      class_name: 'Functional',
      config: {
        name: 'outer',
        layers: [
          { class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_shape: [null, 3], dtype: 'float32' }, inbound_nodes: [] },
          { class_name: 'Sequential', name: 'seqin', config: { name: 'seqin', layers: [] }, inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: ['x', 0, 0] } }], kwargs: {} }] },
        ],
        input_layers: [['x', 0, 0]],
        output_layers: [['seqin', 0, 0]],
      },
    };
    expect(() => modelFromJSON(topology)).toThrow(/Sequential 'seqin'.*a Sequential model nested in another model is not supported yet/);
  });
});

describe('summary(lineLength) too narrow for the table', () => {
  function branching(): ReturnType<typeof model> {
    const x = input({ shape: [4, 3], name: 'seq' });
    const [o, h, c] = layers.lstm({ units: 2, returnState: true }).apply(x) as SymbolicTensor[];
    return model({ inputs: x, outputs: [o as SymbolicTensor, layers.concatenate().apply([o as SymbolicTensor, h as SymbolicTensor, c as SymbolicTensor])] });
  }

  it('throws Keras 3\'s error, naming the model and the least width, instead of a RangeError or a wider table', () => {
    const m = branching();
    const seq = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    const quiet = (): void => {};
    // Keras 3 refuses a column narrower than 4: ValueError "Insufficient console width to print summary."
    expect(() => m.summary(20, undefined, quiet)).toThrow(/functional(_\d+)?\.summary: insufficient console width to print summary: lineLength 20 gives a column narrower than 4 characters; use at least 23/);
    expect(() => seq.summary(10, undefined, quiet)).toThrow(/sequential(_\d+)?\.summary: insufficient console width to print summary: lineLength 10 gives a column narrower than 4 characters; use at least 16/);
    expect(() => m.summary(-5, undefined, quiet)).toThrow(/lineLength -5/);
    const lines: string[] = [];
    m.summary(23, undefined, (l) => lines.push(l));
    expect(lines[1]?.length).toBe(23);
    // ...and the least width named for the Sequential prints a table of that width too.
    const seqLines: string[] = [];
    seq.summary(16, undefined, (l) => seqLines.push(l));
    expect(seqLines[1]?.length).toBe(16);
  });
});

describe('resetStates on a functional model with a stateful RNN (TF.js LayersModel.resetStates)', () => {
  it('clears the carried states, also in a nested model, so the next predict repeats the first bit for bit', () => {
    const x = input({ batchShape: [2, 3, 2] });
    const inner = model({ inputs: x, outputs: layers.simpleRNN({ units: 2, stateful: true }).apply(x) as SymbolicTensor, name: 'inner_stateful' });
    const y = input({ batchShape: [2, 3, 2] });
    const outer = model({ inputs: y, outputs: layers.dense({ units: 1 }).apply(inner.apply(y) as SymbolicTensor) });
    expect([inner.stateful, outer.stateful]).toEqual([true, true]);
    const data = new Tensor(Float32Array.from({ length: 12 }, (_, i) => Math.sin(i)), [2, 3, 2], 'float32');
    for (const m of [inner, outer]) {
      m.resetStates();
      const first = bytesOf(m.predict(data) as Tensor);
      expect(bytesOf(m.predict(data) as Tensor)).not.toEqual(first); // the states carried over
      m.resetStates();
      expect(bytesOf(m.predict(data) as Tensor)).toEqual(first);
    }
    expect(twoBranches().stateful).toBe(false);
  });
});

describe('masks through merge layers (Keras 3 Merge.compute_mask / Concatenate.compute_mask)', () => {
  const ids = (rows: number[][]): Tensor => new Tensor(Int32Array.from(rows.flat()), [rows.length, (rows[0] as number[]).length], 'int32');
  function masked(merge: (e: SymbolicTensor, f: SymbolicTensor) => SymbolicTensor): ReturnType<typeof model> {
    const x = input({ shape: [null], dtype: 'int32' });
    const e = layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true }).apply(x) as SymbolicTensor;
    const f = layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true }).apply(x) as SymbolicTensor;
    return model({ inputs: x, outputs: layers.lstm({ units: 2 }).apply(merge(e, f)) as SymbolicTensor });
  }

  it('reach the next layer: a padded step is skipped as without the merge, bit for bit', () => {
    const merges: [string, (e: SymbolicTensor, f: SymbolicTensor) => SymbolicTensor][] = [
      ['add', (e, f) => layers.add().apply([e, f])],
      ['maximum', (e, f) => layers.maximum().apply([e, f])],
      ['concatenate on features', (e, f) => layers.concatenate().apply([e, f])],
    ];
    for (const [name, merge] of merges) {
      const m = masked(merge);
      expect(bytesOf(m.predict(ids([[1, 2, 0]])) as Tensor), name).toEqual(bytesOf(m.predict(ids([[1, 2]])) as Tensor));
    }
  });

  it('concatenated along time, the masks are concatenated too', () => {
    const x = input({ shape: [null], dtype: 'int32' });
    const y = input({ shape: [null], dtype: 'int32' });
    const embed = layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    const joined = layers.concatenate({ axis: 1 }).apply([embed.apply(x) as SymbolicTensor, embed.apply(y) as SymbolicTensor]);
    const m = model({ inputs: [x, y], outputs: layers.lstm({ units: 2 }).apply(joined) as SymbolicTensor });
    expect(bytesOf(m.predict([ids([[1, 0]]), ids([[3, 0]])]) as Tensor)).toEqual(bytesOf(m.predict([ids([[1]]), ids([[3]])]) as Tensor));
  });
});
