import { describe, expect, it } from 'vitest';
import { Bidirectional, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';
import { rnnRef } from '../helpers/rnn-reference.js';
import type { RNNRefOptions } from '../helpers/rnn-reference.js';

/** forward(x) merged with backward(x) put back in time order, in float64. */
function bidiRef(o: RNNRefOptions, mode: 'concat' | 'sum' | 'mul' | 'ave') {
  return (x: Ref, w: readonly Ref[]): Ref => {
    const n = w.length / 2;
    const f = rnnRef(o, x, w.slice(0, n));
    const b = rnnRef({ ...o, goBackwards: true }, x, w.slice(n));
    const U = o.units;
    if (o.returnSequences) {
      const [B, T] = b.shape as [number, number];
      const flipped = new Float64Array(b.data.length);
      for (let i = 0; i < B; i++) for (let t = 0; t < T; t++) flipped.set(b.data.subarray((i * T + T - 1 - t) * U, (i * T + T - t) * U), (i * T + t) * U);
      b.data = flipped;
    }
    if (mode !== 'concat') {
      const op = { sum: (p: number, q: number) => p + q, mul: (p: number, q: number) => p * q, ave: (p: number, q: number) => (p + q) / 2 }[mode];
      return { shape: f.shape, data: f.data.map((v, i) => op(v, b.data[i] as number)) };
    }
    const rows = f.data.length / U;
    const out = new Float64Array(rows * 2 * U);
    for (let r = 0; r < rows; r++) {
      out.set(f.data.subarray(r * U, (r + 1) * U), r * 2 * U);
      out.set(b.data.subarray(r * U, (r + 1) * U), r * 2 * U + U);
    }
    return { shape: [...f.shape.slice(0, -1), 2 * U], data: out };
  };
}

const lstmWeights = (prefix: string, f: number, u: number): { name: string; shape: number[] }[] => [
  { name: `${prefix}/kernel`, shape: [f, 4 * u] }, { name: `${prefix}/recurrent_kernel`, shape: [u, 4 * u] }, { name: `${prefix}/bias`, shape: [4 * u] },
];

describe('Bidirectional layer contract', () => {
  runLayerTest('bidirectional lstm, concat (default)', {
    make: () => layers.bidirectional({ layer: layers.lstm({ units: 2, name: 'inner_a', biasInitializer: 'randomNormal' }) }),
    inputShape: [2, 3, 4], expectedOutputShape: [2, 4],
    expectedWeights: [...lstmWeights('forward_inner_a', 4, 2), ...lstmWeights('backward_inner_a', 4, 2)],
    gradient: { reference: bidiRef({ kind: 'lstm', units: 2 }, 'concat') },
  });
  for (const mode of ['sum', 'mul', 'ave'] as const) {
    runLayerTest(`bidirectional gru with returnSequences, mergeMode '${mode}'`, {
      make: () => layers.bidirectional({ layer: layers.gru({ units: 2, returnSequences: true, name: `inner_${mode}`, biasInitializer: 'randomNormal' }), mergeMode: mode }),
      inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 2],
      expectedWeights: ['forward', 'backward'].flatMap((d) => [{ name: `${d}_inner_${mode}/kernel`, shape: [4, 6] }, { name: `${d}_inner_${mode}/recurrent_kernel`, shape: [2, 6] }, { name: `${d}_inner_${mode}/bias`, shape: [2, 6] }]),
      gradient: { reference: bidiRef({ kind: 'gru', units: 2, returnSequences: true, resetAfter: true }, mode) },
    });
  }
});

describe('Bidirectional behaviour', () => {
  it('names its weights <name>/forward_<layer>/… and <name>/backward_<layer>/… as TF.js', () => {
    const bidi = layers.bidirectional({ layer: layers.simpleRNN({ units: 2, name: 'srnn' }), name: 'bidi' });
    bidi.apply(ones([1, 2, 3]));
    expect(bidi.weights.map((v) => v.name)).toEqual(['bidi/forward_srnn/kernel', 'bidi/forward_srnn/recurrent_kernel', 'bidi/forward_srnn/bias', 'bidi/backward_srnn/kernel', 'bidi/backward_srnn/recurrent_kernel', 'bidi/backward_srnn/bias']);
  });

  it('with mergeMode null returns both directions, then each direction\'s states with returnState', () => {
    const both = layers.bidirectional({ layer: layers.lstm({ units: 2 }), mergeMode: null }).apply(ones([3, 2, 4])) as Tensor[];
    expect(both.map((t) => t.shape)).toEqual([[3, 2], [3, 2]]);
    const layer = layers.bidirectional({ layer: layers.lstm({ units: 2, returnState: true }) });
    const out = layer.apply(ones([3, 2, 4])) as Tensor[];
    expect(out.map((t) => t.shape)).toEqual([[3, 4], [3, 2], [3, 2], [3, 2], [3, 2]]);
    expect(layer.computeOutputShape([null, 2, 4])).toEqual([[null, 4], [null, 2], [null, 2], [null, 2], [null, 2]]);
  });

  it('keeps the wrapped layer\'s config (TF.js) and comes back from it', () => {
    const bidi = layers.bidirectional({ layer: layers.gru({ units: 3, name: 'g' }), mergeMode: 'sum' });
    const config = bidi.getConfig();
    expect(Object.keys(config).slice(0, 2)).toEqual(['merge_mode', 'layer']);
    expect(config['layer']).toMatchObject({ className: 'GRU', config: { name: 'g', units: 3 } });
    const copy = Bidirectional.fromConfig(Bidirectional, { layer: { class_name: 'LSTM', config: { units: 4, name: 'l' } }, merge_mode: null });
    expect(copy.mergeMode).toBe(null);
    expect(copy.forwardLayer.name).toBe('forward_l');
  });

  it('refuses a layer that is not recurrent and an unknown merge mode', () => {
    expect(() => layers.bidirectional({ layer: layers.dense({ units: 2 }) as never, name: 'bidi_bad' })).toThrow('bidi_bad: layer must be a recurrent layer (simpleRNN, lstm or gru), received Dense');
    expect(() => layers.bidirectional({ layer: layers.lstm({ units: 2 }), mergeMode: 'max' as never, name: 'bidi_mode' })).toThrow(`bidi_mode: mergeMode must be 'concat', 'sum', 'mul', 'ave' or null. Received: mergeMode="max"`);
  });
});
