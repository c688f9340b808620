import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { Tensor } from './tensor.js';

// NOTE: these ops replace, in the recurrent layers, a dozen elementwise ops per timestep (each
// with its typed array and tape node) by one or two, with the same bits forward and backward:
// the kernels (kernels/reference/recurrent.ts) round where the ops did, and the two LSTM nodes
// take the places of the composition's tensors in the tape's order (the carry before h), so
// every gradient contribution is added in the order the composition added it.

function float(shape: readonly number[]): Tensor {
  return new Tensor(new Float32Array(shape.reduce((p, d) => p * d, 1)), shape, 'float32');
}

/**
 * An LSTM step's new carry σ(f)·cPrev + σ(i)·tanh(g), z = x·W + b + h·U [batch, 4·units]
 * (gates i, f, g, o) and cPrev [batch, units]; the bits of the composed ops.
 * @example lstmCarry(zeros([2, 12]), zeros([2, 3])) // zeros [2, 3]
 */
export function lstmCarry(z: Tensor, cPrev: Tensor): Tensor {
  const [batch, units] = cPrev.shape as [number, number];
  const out = float(cPrev.shape);
  const sf = new Float32Array(out.size);
  const si = new Float32Array(out.size);
  const ag = new Float32Array(out.size);
  kernels.lstmCarry(z.values as Float32Array, cPrev.values as Float32Array, batch, units, out.values as Float32Array, sf, si, ag);
  record('lstmCarry', [z, cPrev], out, (dy) => {
    const dz = float(z.shape);
    const dc = float(cPrev.shape);
    kernels.lstmCarryBackward(dy.values as Float32Array, cPrev.values as Float32Array, sf, si, ag, batch, units, dz.values as Float32Array, dc.values as Float32Array);
    return [dz, dc];
  });
  return out;
}

/**
 * An LSTM step's output σ(o)·tanh(carry), from z [batch, 4·units] and the new carry.
 * @example lstmHidden(zeros([2, 12]), zeros([2, 3])) // zeros [2, 3]
 */
export function lstmHidden(z: Tensor, carry: Tensor): Tensor {
  const [batch, units] = carry.shape as [number, number];
  const out = float(carry.shape);
  const so = new Float32Array(out.size);
  const ac = new Float32Array(out.size);
  kernels.lstmHidden(z.values as Float32Array, carry.values as Float32Array, batch, units, out.values as Float32Array, so, ac);
  record('lstmHidden', [z, carry], out, (dy) => {
    const dz = float(z.shape);
    const dc = float(carry.shape);
    kernels.lstmHiddenBackward(dy.values as Float32Array, so, ac, batch, units, dz.values as Float32Array, dc.values as Float32Array);
    return [dz, dc];
  });
  return out;
}

/**
 * A GRU (resetAfter) step z·h + (1 − z)·tanh(x_h + r·inner_h), z = σ(x_z + inner_z),
 * r = σ(x_r + inner_r), from x = x_t·W + b_in and inner = h·U + b_rec [batch, 3·units].
 * @example gruCell(zeros([2, 9]), zeros([2, 9]), zeros([2, 3])) // zeros [2, 3]
 */
export function gruCell(x: Tensor, inner: Tensor, h: Tensor): Tensor {
  const [batch, units] = h.shape as [number, number];
  const out = float(h.shape);
  const zs = new Float32Array(out.size);
  const rs = new Float32Array(out.size);
  const cs = new Float32Array(out.size);
  kernels.gruCell(x.values as Float32Array, inner.values as Float32Array, h.values as Float32Array, batch, units, out.values as Float32Array, zs, rs, cs);
  record('gruCell', [x, inner, h], out, (dy) => {
    const dx = float(x.shape);
    const dInner = float(inner.shape);
    const dh = float(h.shape);
    kernels.gruCellBackward(dy.values as Float32Array, inner.values as Float32Array, h.values as Float32Array, zs, rs, cs, batch, units, dx.values as Float32Array, dInner.values as Float32Array, dh.values as Float32Array);
    return [dx, dInner, dh];
  });
  return out;
}
