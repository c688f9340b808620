import { describe, expect, it } from 'vitest';
import type { SymbolicTensor } from '../../src/layers/index.js';
import { InputLayer, input, layers } from '../../src/layers/index.js';
import { LayersModel, model } from '../../src/models/index.js';
import { ones } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { key } from '../../src/random/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { bytesOf, expectSameBits } from '../helpers/bits.js';
import { TwoOutputs } from '../helpers/two-outputs.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

describe('model({inputs, outputs})', () => {
  it('lists layers as TF.js does: by decreasing depth, then traversal order', () => {
    // TF.js 4.22 gives this order for the same graph (ran: m.layers.map(l => l.name)).
    const m = twoInTwoOut('_o');
    expect(m.layers.map((l) => l.name)).toEqual(['in_a_o', 'in_b_o', 'pa_o', 'pb_o', 'shared_o', 'cat_o', 'drop_o', 'add_o', 'out1_o', 'out2_o']);
    expect(m.inputNames).toEqual(['in_a_o', 'in_b_o']);
    expect(m.outputNames).toEqual(['out1_o', 'out2_o']);
    expect(m.inputs.map((x) => x.shape)).toEqual([[null, 3], [null, 2]]);
    expect(m.outputs.map((y) => y.shape)).toEqual([[null, 1], [null, 2]]);
    expect(m.getLayer('cat_o').className).toBe('Concatenate');
    expect(m.getLayer(2).name).toBe('pa_o');
    expect(m.inputLayers.every((l) => l instanceof InputLayer)).toBe(true);
  });

  it('gives a shared layer one set of weights', () => {
    const m = twoInTwoOut('_w');
    expect(m.weights.map((w) => w.name)).toEqual(['pa_w/kernel', 'pa_w/bias', 'pb_w/kernel', 'pb_w/bias', 'shared_w/kernel', 'shared_w/bias', 'out1_w/kernel', 'out1_w/bias', 'out2_w/kernel', 'out2_w/bias']);
    expect(m.countParams()).toBe(12 + 9 + 16 + 9 + 10);
  });

  it('gives the same initial weights for the same structure under the same seed, whatever the names', () => {
    setRandomSeed(7);
    const a = twoInTwoOut('_s1');
    setRandomSeed(7);
    const b = twoInTwoOut('_s2');
    a.weights.forEach((w, i) => expectSameBits(w.values, (b.weights[i] as Tensor).values, w.name));
    expect(a.getLayer('pa_s1').randomPath).toBe('2.Dense');
  });

  it('predicts one tensor per output, with the same bits in any batch size', () => {
    const m = twoInTwoOut('_p');
    const { xa, xb } = twoInTwoOutData(10);
    const whole = m.predict([xa, xb], { batchSize: 10 }) as Tensor[];
    const small = m.predict({ in_a_p: xa, in_b_p: xb }, { batchSize: 3 }) as Tensor[];
    expect(whole.map((t) => t.shape)).toEqual([[10, 1], [10, 2]]);
    whole.forEach((t, i) => expectSameBits((small[i] as Tensor).values, t.values));
  });

  it('is a layer: nested in another model, it computes what it computes alone', () => {
    const inner = twoInTwoOut('_n');
    const a = input({ shape: [3] });
    const b = input({ shape: [2] });
    const outs = inner.apply([a, b]);
    const outer = model({ inputs: [a, b], outputs: outs });
    const { xa, xb } = twoInTwoOutData(4);
    const direct = inner.predict([xa, xb]) as Tensor[];
    const nested = outer.predict([xa, xb]) as Tensor[];
    direct.forEach((t, i) => expectSameBits((nested[i] as Tensor).values, t.values));
    expect(outer.weights).toHaveLength(inner.weights.length);
  });

  it('runs a layer with several outputs (TF.js convention: call returns Tensor[]) as a graph node', () => {
    const x = input({ shape: [2] });
    const [p, q] = new TwoOutputs().apply(layers.dense({ units: 2 }).apply(x)) as SymbolicTensor[];
    const m = model({ inputs: x, outputs: [layers.subtract().apply([q as SymbolicTensor, p as SymbolicTensor]), p as SymbolicTensor] });
    const [diff, first] = m.predict(ones([1, 2])) as Tensor[];
    expectSameBits((diff as Tensor).values, (first as Tensor).values); // 2h − h = h exactly
  });
});

describe('bad graphs', () => {
  it('refuses outputs that the inputs cannot compute', () => {
    const a = input({ shape: [2], name: 'in_disc_a' });
    const b = input({ shape: [2], name: 'in_disc_b' });
    const y = layers.add({ name: 'add_disc' }).apply([a, b]);
    expect(() => model({ inputs: a, outputs: y, name: 'm_disc' })).toThrow("m_disc: graph disconnected: the outputs need input 'in_disc_b' (from layer 'in_disc_b'), which is not among the model's inputs ('in_disc_a'); add it to inputs");
  });

  it('refuses an input that feeds no output', () => {
    const a = input({ shape: [2], name: 'in_used' });
    const b = input({ shape: [2], name: 'in_unused' });
    const y = layers.dense({ units: 1 }).apply(a);
    expect(() => model({ inputs: [a, b], outputs: y, name: 'm_unreach' })).toThrow("m_unreach: inputs[1] 'in_unused' (from layer 'in_unused') is not connected to any output; every input must feed some output");
  });

  it('refuses duplicate layer names', () => {
    const a = input({ shape: [2], name: 'in_dup' });
    const y = layers.dense({ units: 2, name: 'twin' }).apply(layers.dense({ units: 2, name: 'twin' }).apply(a));
    expect(() => model({ inputs: a, outputs: y, name: 'm_dup' })).toThrow("m_dup: the layer name 'twin' is used 2 times in the model; layer names must be unique");
  });

  it('refuses an input that is not made by input()', () => {
    const a = input({ shape: [2], name: 'in_mid' });
    const h = layers.dense({ units: 2, name: 'dense_mid' }).apply(a);
    const y = layers.dense({ units: 1 }).apply(h);
    expect(() => model({ inputs: h, outputs: y, name: 'm_mid' })).toThrow("m_mid: inputs[0] is 'dense_mid/output' (from layer 'dense_mid'), a Dense output; model inputs must be made by input()");
  });

  it('refuses outputs that are not symbolic tensors', () => {
    expect(() => model({ inputs: input({ shape: [1] }), outputs: ones([1, 1]) as never, name: 'm_conc' })).toThrow('m_conc: outputs must be a symbolic tensor (from input() or layer.apply(symbolic)), received Tensor');
  });

  it('refuses data of the wrong shape, naming the input', () => {
    const m = twoInTwoOut('_bad');
    expect(() => m.predict([ones([2, 3]), ones([2, 5])])).toThrow('in_b_bad: expected input shape [*, 2], received [2, 5]');
    expect(() => m.predict(ones([2, 3]))).toThrow('two_io_bad.predict: the model has 2 inputs (in_a_bad, in_b_bad); x must be a list of 2 arrays or a dict keyed by those names, received one array');
  });
});

describe('a model built from a graph keeps the graph apart from other models', () => {
  it('uses only its own calls of a layer used in two models', () => {
    const dense = layers.dense({ units: 2, name: 'reused' });
    const a = input({ shape: [2] });
    const first = model({ inputs: a, outputs: dense.apply(a) });
    const b = input({ shape: [2] });
    const second = model({ inputs: b, outputs: layers.dense({ units: 1 }).apply(dense.apply(b)) });
    expect(first).toBeInstanceOf(LayersModel);
    expect(second.layers).toContain(dense);
    expect(bytesOf(first.predict(ones([1, 2])) as Tensor)).toEqual(bytesOf(dense.apply(ones([1, 2]))));
  });
});

describe('a random layer used twice', () => {
  it('draws its own mask for each use (its path gets the call index), the same in every run', () => {
    const run = (): number[][] => {
      setRandomSeed(9);
      const x = input({ shape: [64] });
      const drop = layers.dropout({ rate: 0.5, name: 'drop_twice' });
      const m = model({ inputs: x, outputs: [drop.apply(x), drop.apply(x)] });
      return m.forwardAll([ones([2, 64])], { training: true, step: 3, seedKey: key(9) }).map((t) => Array.from(t.values));
    };
    const [first, second] = run();
    expect(first).not.toEqual(second);
    expect(run()).toEqual([first, second]);
  });
});
