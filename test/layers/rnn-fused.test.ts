import { describe, expect, it } from 'vitest';
import { GRU } from '../../src/layers/gru.js';
import type { GRUArgs } from '../../src/layers/gru.js';
import { LSTM } from '../../src/layers/lstm.js';
import { SimpleRNN } from '../../src/layers/simple-rnn.js';
import type { LSTMArgs } from '../../src/layers/lstm.js';
import type { RNNBase } from '../../src/layers/rnn-base.js';
import type { CallContext } from '../../src/layers/layer.js';
import { add, mul, sum } from '../../src/ops/index.js';
import { valueAndGrads } from '../../src/ops/gradients.js';
import { Tensor } from '../../src/ops/tensor.js';
import type { Variable } from '../../src/ops/tensor.js';
import { key } from '../../src/random/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { toStorage } from '../../src/tensor/dtype.js';
import { bytesOf } from '../helpers/bits.js';
import { xorshift } from '../helpers/rng.js';
import type { Rng } from '../helpers/rng.js';

// The fused cells (ops/recurrent-cell.ts) must give the bits of the composition of elementwise
// ops they replace, forward and every gradient: the same layer with the fused path switched off
// is the oracle, on random shapes and options, with values large enough to saturate the gates
// (signed zeros in the gradients) and special values.

class ComposedLSTM extends LSTM {
  protected override fused(): boolean {
    return false;
  }
}
class ComposedGRU extends GRU {
  protected override fused(): boolean {
    return false;
  }
}
class ComposedSimpleRNN extends SimpleRNN {
  protected override fused(): boolean {
    return false;
  }
}

const SPECIALS = [0, -0, 1e-30, -1e-30, 40, -40, 1e4, -1e4, Infinity, -Infinity, NaN];

/** float32 values in [-scale, scale), a few of them special. */
function values(rng: Rng, size: number, scale: number, specials: boolean): Float32Array {
  return Float32Array.from({ length: size }, () => (specials && rng.int(12) === 0 ? (SPECIALS[rng.int(SPECIALS.length)] as number) : rng.uniform(-scale, scale)));
}

function hex(t: Tensor | null | undefined): string {
  return t ? Buffer.from(bytesOf(t)).toString('hex') : 'none';
}

interface Case { kind: 'lstm' | 'gru' | 'simpleRNN'; args: LSTMArgs & GRUArgs; batch: number; time: number; features: number; mask: boolean; initial: boolean; specials: boolean; scale: number }

function randomCase(rng: Rng): Case {
  const kind = (['lstm', 'gru', 'simpleRNN'] as const)[rng.int(3)] as Case['kind'];
  const units = 1 + rng.int(5);
  const args: LSTMArgs & GRUArgs = {
    units, name: 'cell', biasInitializer: 'randomNormal',
    returnSequences: rng.int(2) === 0, returnState: rng.int(2) === 0, goBackwards: rng.int(2) === 0,
    dropout: [0, 0, 0.3][rng.int(3)] as number, recurrentDropout: [0, 0, 0.4][rng.int(3)] as number,
    stateful: rng.int(4) === 0, useBias: rng.int(5) !== 0, resetAfter: rng.int(2) === 0,
  };
  return { kind, args, batch: 1 + rng.int(4), time: 1 + rng.int(5), features: 1 + rng.int(4), mask: rng.int(3) === 0, initial: rng.int(3) === 0, specials: rng.int(3) === 0, scale: [1, 4, 30][rng.int(3)] as number };
}

/** Output, final states and the gradients of a random projection of them, as hex, over two calls (stateful carries over). */
function run(layer: RNNBase, c: Case, seed: number): string[] {
  const rng = xorshift(seed);
  const out: string[] = [];
  const stateCount = c.kind === 'lstm' ? 2 : 1;
  for (let call = 0; call < 2; call++) {
    const x = new Tensor(values(rng, c.batch * c.time * c.features, c.scale, c.specials), [c.batch, c.time, c.features], 'float32');
    const states = c.initial ? Array.from({ length: stateCount }, () => new Tensor(values(rng, c.batch * c.args.units, c.scale, c.specials), [c.batch, c.args.units], 'float32')) : [];
    const mask = c.mask ? new Tensor(toStorage('bool', Array.from({ length: c.batch * c.time }, () => rng.int(3))), [c.batch, c.time], 'bool') : undefined;
    const ctx: CallContext = { training: true, step: call, seedKey: key(seed), ...(mask ? { mask } : {}) };
    const weights = layer.trainableWeights.map((w) => (w as unknown as { read?: () => Tensor }).read?.() ?? (w as unknown as Variable));
    const projections: Tensor[] = [];
    const f = (xt: Tensor, ...rest: Tensor[]): Tensor => {
      const result = layer.call(states.length > 0 ? [xt, ...rest.slice(0, states.length)] : xt, ctx);
      const outs = Array.isArray(result) ? result : [result];
      let loss: Tensor | undefined;
      outs.forEach((o, i) => {
        projections[i] ??= new Tensor(values(rng, o.size, 2, c.specials && i > 0), o.shape, 'float32');
        const term = sum(mul(o, projections[i] as Tensor));
        loss = loss ? add(loss, term) : term;
      });
      return loss as Tensor;
    };
    const { value, grads } = valueAndGrads(f)([x, ...states, ...weights]);
    out.push(hex(value), ...grads.map(hex));
    const forward = layer.call(states.length > 0 ? [x, ...states] : x, { ...ctx, training: false });
    out.push(...(Array.isArray(forward) ? forward : [forward]).map(hex));
  }
  return out;
}

function pair(c: Case): [RNNBase, RNNBase] {
  setRandomSeed(3);
  const fused = c.kind === 'lstm' ? new LSTM(c.args) : c.kind === 'gru' ? new GRU(c.args) : new SimpleRNN(c.args);
  const composed = c.kind === 'lstm' ? new ComposedLSTM(c.args) : c.kind === 'gru' ? new ComposedGRU(c.args) : new ComposedSimpleRNN(c.args);
  for (const l of [fused, composed]) l.build([c.batch, c.time, c.features]);
  composed.setWeights(fused.getWeights());
  return [fused, composed];
}

describe('fused recurrent cells', () => {
  it('LSTM, GRU (resetAfter true and false) and SimpleRNN: same bytes as the composed ops, forward and every gradient, on 400 random configurations', () => {
    const rng = xorshift(2026);
    let fusedRuns = 0;
    for (let n = 0; n < 400; n++) {
      const c = randomCase(rng);
      const [fused, composed] = pair(c);
      const a = run(fused, c, 100 + n);
      const b = run(composed, c, 100 + n);
      expect(a.length).toBe(b.length);
      a.forEach((h, i) => expect(h, `case ${n} ${JSON.stringify({ ...c, args: { ...c.args } })}: tensor ${i}`).toBe(b[i]));
      fusedRuns++;
    }
    expect(fusedRuns).toBe(400);
  });
});
