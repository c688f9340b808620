import { describe, expect, it } from 'vitest';
import { Masking, layers } from '../../src/layers/index.js';
import { tensor3d } from '../../src/ops/create.js';
import { grad, sum } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';
import { ref } from '../helpers/reference.js';

/** Timesteps whose features all equal 0.5 become zeros; the rest pass unchanged. */
function maskingRef(x: Ref): Ref {
  const f = x.shape[x.shape.length - 1] as number;
  const out = x.data.slice();
  for (let r = 0; r < out.length; r += f) {
    if (out.subarray(r, r + f).every((v) => v === 0.5)) out.fill(0, r, r + f);
  }
  return { shape: x.shape.slice(), data: out };
}

describe('Masking layer contract', () => {
  runLayerTest('masking with maskValue 0.5', {
    make: () => layers.masking({ maskValue: 0.5 }),
    inputShape: [2, 3, 2], expectedOutputShape: [2, 3, 2],
    input: () => tensor3d([[[0.5, 0.5], [0.1, -0.3], [0.5, 0.7]], [[0.2, 0.4], [0.5, 0.5], [0.5, 0.5]]]),
    // NOTE: a central difference on a masked element un-masks its timestep (the mask is a step
    // function of the input), so the gradient is checked below at fixed points instead.
    gradient: false,
  });
  it('matches its float64 reference, and passes the gradient to kept timesteps only', () => {
    const x = tensor3d([[[0.5, 0.5], [0.1, -0.3], [0.5, 0.7]]]);
    const m = layers.masking({ maskValue: 0.5 });
    expect(Array.from((m.apply(x) as Tensor).values)).toEqual(Array.from(maskingRef(ref(x)).data, Math.fround));
    const g = grad((t: Tensor) => sum(m.apply(t) as Tensor))(x);
    expect(Array.from(g.values)).toEqual([0, 0, 1, 1, 1, 1]);
  });
});

describe('Masking configuration', () => {
  it('defaults to maskValue 0 and reads mask_value from a file config', () => {
    expect(layers.masking().maskValue).toBe(0);
    expect(Masking.fromConfig(Masking, { mask_value: -1 }).maskValue).toBe(-1);
    expect(() => Masking.fromConfig(Masking, { mask_value: 'x' })).toThrow('Masking config: mask_value must be a number, received mask_value="x"');
  });
});
