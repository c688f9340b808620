import { describe, expect, it } from 'vitest';
import { TimeDistributed, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

/** x · kernel + bias over the last axis, in float64. */
function denseRef(x: Ref, [kernel, bias]: readonly Ref[]): Ref {
  const [inDim, units] = (kernel as Ref).shape as [number, number];
  const rows = x.data.length / inDim;
  const out = new Float64Array(rows * units);
  for (let r = 0; r < rows; r++) {
    for (let u = 0; u < units; u++) {
      let acc = bias ? (bias.data[u] as number) : 0;
      for (let i = 0; i < inDim; i++) acc += (x.data[r * inDim + i] as number) * ((kernel as Ref).data[i * units + u] as number);
      out[r * units + u] = acc;
    }
  }
  return { shape: [...x.shape.slice(0, -1), units], data: out };
}

describe('TimeDistributed layer contract', () => {
  runLayerTest('timeDistributed(dense)', {
    make: () => layers.timeDistributed({ layer: layers.dense({ units: 3, biasInitializer: 'randomNormal' }) }),
    inputShape: [2, 4, 5], expectedOutputShape: [2, 4, 3],
    expectedWeights: [{ name: 'kernel', shape: [5, 3] }, { name: 'bias', shape: [3] }],
    gradient: { reference: denseRef },
  });
  runLayerTest('timeDistributed(flatten) on [batch, time, 2, 3]', {
    make: () => layers.timeDistributed({ layer: layers.flatten() }),
    inputShape: [2, 3, 2, 3], expectedOutputShape: [2, 3, 6],
    gradient: { reference: (x) => ({ shape: [2, 3, 6], data: x.data.slice() }) },
  });
});

describe('TimeDistributed behaviour', () => {
  it('names the wrapped layer\'s weights after the wrapper, as TF.js (time_distributed/kernel)', () => {
    const td = layers.timeDistributed({ layer: layers.dense({ units: 2 }), name: 'td' });
    td.apply(ones([1, 2, 3]));
    expect(td.weights.map((v) => v.name)).toEqual(['td/kernel', 'td/bias']);
  });

  it('comes back from a TF.js file config with the wrapped layer', () => {
    const td = TimeDistributed.fromConfig(TimeDistributed, { layer: { class_name: 'Dense', config: { units: 4, name: 'd' } }, name: 'td_file' });
    expect(td.layer.className).toBe('Dense');
    expect(td.computeOutputShape([null, 7, 3])).toEqual([null, 7, 4]);
  });

  it('refuses an input without a time axis', () => {
    expect(() => layers.timeDistributed({ layer: layers.dense({ units: 2 }), name: 'td_rank' }).apply(ones([2, 3]))).toThrow('td_rank: expected input of rank ≥ 3 [batch, time, …], received [2, 3]');
  });
});
