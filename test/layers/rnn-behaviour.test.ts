import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import type { RNNBase } from '../../src/layers/index.js';
import { Sequential } from '../../src/models/index.js';
import { concat, reshape, slice, stack, split } from '../../src/ops/index.js';
import { tensor2d, tensor3d, zeros } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const x = randomTensor(xorshift(5), [3, 5, 4], { lo: -1, hi: 1 });
const kinds = {
  simpleRNN: (a: object) => layers.simpleRNN({ units: 3, ...a }),
  lstm: (a: object) => layers.lstm({ units: 3, ...a }),
  gru: (a: object) => layers.gru({ units: 3, ...a }),
  'gru resetAfter false': (a: object) => layers.gru({ units: 3, resetAfter: false, ...a }),
};

/** Two layers with the same weights, the second with other options. */
function pair(make: (a: object) => RNNBase, a: object, b: object): [RNNBase, RNNBase] {
  setRandomSeed(11);
  const first = make({ biasInitializer: 'randomNormal', ...a });
  first.apply(x);
  const second = make(b);
  second.apply(x);
  second.setWeights(first.getWeights());
  return [first, second];
}

const timestep = (y: Tensor, t: number): Tensor => reshape(slice(y, [0, t, 0], [y.shape[0] as number, 1, -1]), [y.shape[0] as number, y.shape[2] as number]);
const reverseTime = (t: Tensor): Tensor => concat(split(t, t.shape[1] as number, 1).reverse(), 1);

describe.each(Object.entries(kinds))('%s behaviour', (_name, make) => {
  it('returnSequences: the last timestep is the last output, bit for bit', () => {
    const [seq, last] = pair(make, { returnSequences: true }, {});
    expectSameBits(timestep(seq.apply(x) as Tensor, 4).values, (last.apply(x) as Tensor).values);
  });

  it('returnState: [output, ...states], the output equal to h; shapes from computeOutputShape', () => {
    const [plain, withState] = pair(make, {}, { returnState: true });
    const out = withState.apply(x) as Tensor[];
    const states = make === kinds.lstm ? 2 : 1;
    expect(out.length).toBe(1 + states);
    expectSameBits(out[0]?.values ?? [], (plain.apply(x) as Tensor).values);
    expectSameBits(out[1]?.values ?? [], out[0]?.values ?? [], 'h');
    expect(withState.computeOutputShape([null, 5, 4])).toEqual([[null, 3], ...new Array<(number | null)[]>(states).fill([null, 3])]);
  });

  it('goBackwards equals running forwards over the reversed sequence, bit for bit', () => {
    const [forward, backward] = pair(make, { returnSequences: true }, { returnSequences: true, goBackwards: true });
    expectSameBits((backward.apply(x) as Tensor).values, (forward.apply(reverseTime(x)) as Tensor).values);
  });

  it('stateful: two halves in two calls give the whole sequence\'s result; resetStates starts over', () => {
    const [whole, halves] = pair(make, {}, { stateful: true });
    const [a, b] = [slice(x, [0, 0, 0], [3, 2, 4]), slice(x, [0, 2, 0], [3, 3, 4])];
    halves.resetStates(); // pair() built it with a call, which it carries
    const first = halves.apply(a) as Tensor;
    expectSameBits((halves.apply(b) as Tensor).values, (whole.apply(x) as Tensor).values);
    halves.resetStates();
    expectSameBits((halves.apply(a) as Tensor).values, first.values, 'after resetStates');
    expect(() => halves.apply(slice(x, [0, 0, 0], [2, 2, 4]))).toThrow(/carries states for batch size 3, received a batch of 2; call resetStates\(\) or keep the batch size fixed/);
  });

  it('takes initial states as [x, ...states] (TF.js), continuing a sequence exactly', () => {
    const [whole, split2] = pair(make, {}, { returnState: true });
    const [, ...states] = split2.apply(slice(x, [0, 0, 0], [3, 2, 4])) as Tensor[];
    const [y] = split2.apply([slice(x, [0, 2, 0], [3, 3, 4]), ...states]) as Tensor[];
    expectSameBits(y?.values ?? [], (whole.apply(x) as Tensor).values);
  });

  it('a masked timestep keeps the previous output and states: same bits as the sequence without it', () => {
    const [rnn] = pair(make, { returnSequences: true }, {});
    const model = new Sequential({ layers: [layers.masking({ maskValue: 0, inputShape: [5, 4] }), rnn] });
    // Sample 0 masks steps 1 and 4, sample 1 masks none, sample 2 masks all but step 0.
    const masked = [[1, 4], [], [1, 2, 3, 4]];
    const rows = [0, 1, 2].map((b) => split(reshape(slice(x, [b, 0, 0], [1, 5, 4]), [5, 4]), 5, 0).map((s, t) => ((masked[b] as number[]).includes(t) ? zeros([1, 4]) : s)));
    const y = model.predict(stack(rows.map((r) => concat(r, 0)), 0));
    for (let b = 0; b < 3; b++) {
      const kept = (rows[b] as Tensor[]).filter((_, t) => !(masked[b] as number[]).includes(t));
      const alone = rnn.apply(reshape(concat(kept, 0), [1, kept.length, 4])) as Tensor;
      let k = -1;
      for (let t = 0; t < 5; t++) {
        if (!(masked[b] as number[]).includes(t)) k++;
        expectSameBits(slice(y, [b, t, 0], [1, 1, 3]).values, slice(alone, [0, k, 0], [1, 1, 3]).values, `sample ${b} step ${t}`);
      }
    }
  });
});

describe('recurrent layers with masks and dropout', () => {
  it('embedding({maskZero: true}) masks index 0 for the next recurrent layer', () => {
    setRandomSeed(2);
    const model = new Sequential({ layers: [layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputLength: 4 }), layers.gru({ units: 2 })] });
    const padded = model.predict(tensor2d([[3, 1, 0, 0], [0, 2, 0, 4]]));
    const short = model.layers[1]?.apply(model.layers[0]?.apply(tensor2d([[3, 1]])) as Tensor) as Tensor;
    const middle = model.layers[1]?.apply(model.layers[0]?.apply(tensor2d([[2, 4]])) as Tensor) as Tensor;
    expectSameBits(slice(padded, [0, 0], [1, 2]).values, short.values);
    expectSameBits(slice(padded, [1, 0], [1, 2]).values, middle.values);
  });

  it('a mask passes through dropout, dense and activation to the recurrent layer (Keras, TF.js)', () => {
    setRandomSeed(6);
    const model = new Sequential({ layers: [
      layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputLength: 4 }), layers.dropout({ rate: 0.5 }),
      layers.dense({ units: 3 }), layers.activation({ activation: 'tanh' }), layers.lstm({ units: 2 }),
    ] });
    const padded = model.predict(tensor2d([[3, 1, 0, 0]]));
    const head = model.layers.slice(0, 4).reduce((h, l) => l.apply(h) as Tensor, tensor2d([[3, 1]]));
    expectSameBits(padded.values, (model.layers[4]?.apply(head) as Tensor).values);
    expect(layers.flatten().computeMask(x, tensor2d([[1]]).cast('bool'))).toBe(null);
  });

  it('masking zeroes masked timesteps and passes a [batch, time] mask', () => {
    const m = layers.masking({ maskValue: 2 });
    const input = tensor3d([[[2, 2], [2, 1]]]);
    expect(Array.from((m.apply(input) as Tensor).values)).toEqual([0, 0, 2, 1]);
    expect(Array.from(m.computeMask(input, null)?.values ?? [])).toEqual([0, 1]);
  });

  it('bad initial states, masks and resetStates calls are refused, naming the layer and the shapes', () => {
    const lstm = layers.lstm({ units: 3, name: 'lstm_bad' });
    expect(() => lstm.apply([x, zeros([3, 3])])).toThrow('lstm_bad: expected 2 initial state(s) of shape [3, 3], received [3, 3]');
    expect(() => lstm.apply([x, zeros([3, 3]), zeros([2, 3])])).toThrow('lstm_bad: expected 2 initial state(s) of shape [3, 3], received [3, 3], [2, 3]');
    expect(() => lstm.resetStates()).toThrow('lstm_bad: resetStates needs a stateful layer (stateful: true)');
    const stateful = layers.gru({ units: 3, stateful: true, name: 'gru_bad' });
    expect(() => stateful.resetStates([zeros([3, 2])])).toThrow('gru_bad: resetStates expected 1 tensor(s) of shape [batch, 3], received [3, 2]');
    expect(() => lstm.invoke(x, { training: false, step: 0, seedKey: [0, 0], mask: zeros([3, 4], 'bool') } as never)).toThrow('lstm_bad: expected a bool mask of shape [3, 5], received bool [3, 4]');
  });

  it('a returnState layer in a Sequential model is refused, naming the layer', () => {
    expect(() => new Sequential({ layers: [layers.lstm({ units: 2, returnState: true, inputShape: [3, 2], name: 'lstm_states' })] })).toThrow('lstm_states: has 3 outputs (the output and its states, returnState: true), but a Sequential model passes one tensor from layer to layer; use returnState: false, or the functional API');
  });

  it('dropout uses one input mask per sequence, the same at every timestep (Keras)', () => {
    setRandomSeed(4);
    const rnn = layers.simpleRNN({ units: 6, activation: 'linear', useBias: false, kernelInitializer: 'identity', recurrentInitializer: 'zeros', returnSequences: true, dropout: 0.5 });
    const y = rnn.apply(randomTensor(xorshift(1), [2, 4, 6], { lo: 1, hi: 1 }).add(1), { training: true }) as Tensor;
    const steps = [0, 1, 2, 3].map((t) => Array.from(timestep(y, t).values));
    for (const s of steps) expect(s).toEqual(steps[0]);
    expect(new Set(steps[0])).toEqual(new Set([0, 4]));
  });

  it.each([['dropout', { dropout: 0.3 }], ['recurrentDropout', { recurrentDropout: 0.3 }]])('%s: same seed and step give the same bits, another seed or step others, inference none', (_n, opts) => {
    const run = (seed: number, calls: number, training = true): Float32Array => {
      setRandomSeed(seed);
      const lstm = layers.lstm({ units: 4, ...opts });
      let y = lstm.apply(x, { training }) as Tensor;
      for (let i = 1; i < calls; i++) y = lstm.apply(x, { training }) as Tensor;
      return y.values as Float32Array;
    };
    const a = run(1, 1);
    expectSameBits(run(1, 1), a);
    expect(Array.from(run(2, 1))).not.toEqual(Array.from(a));
    expect(Array.from(run(1, 2))).not.toEqual(Array.from(a));
    expect(Array.from(run(1, 1, false))).not.toEqual(Array.from(a));
    expectSameBits(run(1, 1, false), run(1, 2, false), 'inference');
  });
});
