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
 * One LSTM step from xz = x·W + b and hu = h·U [batch, 4·units] (gates i, f, g, o) and the
 * previous carry [batch, units]: `[h, carry]` with carry = σ(f)·cPrev + σ(i)·tanh(g) and
 * h = σ(o)·tanh(carry), z = xz + hu; the bits of those composed ops, forward and backward.
 * @example lstmCell(zeros([2, 12]), zeros([2, 12]), zeros([2, 3])) // [h, carry], zeros [2, 3]
 */
export function lstmCell(xz: Tensor, hu: Tensor, cPrev: Tensor): [Tensor, Tensor] {
  const [batch, units] = cPrev.shape as [number, number];
  const n = batch * units;
  const carry = float(cPrev.shape);
  const sf = new Float32Array(n);
  const si = new Float32Array(n);
  const ag = new Float32Array(n);
  const zs = [xz.values as Float32Array, hu.values as Float32Array] as const;
  kernels.lstmCarry(zs[0], zs[1], cPrev.values as Float32Array, batch, units, carry.values as Float32Array, sf, si, ag);
  // NOTE: two tape nodes, in the composition's order (the carry, then h). Gate o's gradient,
  // computed by h's node (always visited first), is handed to the carry's node, which returns
  // the whole dz once: the composition's split added four zero-padded blocks, which is the same
  // bits (each element is one block's gradient plus +0), without a fifth tensor and sum.
  let dO: Float32Array | null = null;
  record('lstmCarry', [xz, hu, cPrev], carry, (dy) => {
    const dz = float(xz.shape);
    const dc = float(cPrev.shape);
    kernels.lstmCarryBackward(dy.values as Float32Array, cPrev.values as Float32Array, sf, si, ag, dO, batch, units, dz.values as Float32Array, dc.values as Float32Array);
    dO = null;
    return [dz, dz, dc];
  });
  const h = float(cPrev.shape);
  const so = new Float32Array(n);
  const ac = new Float32Array(n);
  kernels.lstmHidden(zs[0], zs[1], carry.values as Float32Array, batch, units, h.values as Float32Array, so, ac);
  record('lstmHidden', [xz, hu, carry], h, (dy) => {
    const dc = float(carry.shape);
    dO = new Float32Array(n);
    kernels.lstmHiddenBackward(dy.values as Float32Array, so, ac, batch, units, dO, dc.values as Float32Array);
    return [null, null, dc];
  });
  return [h, carry];
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

/**
 * A GRU (reset before the product, resetAfter false) step in two ops around the product by U_h:
 * `gruReset(x, hzr, hr)` gives r·hr, and `update(mu, h)` of its result gives
 * z·h + (1 − z)·tanh(x_h + mu), mu = (r·hr)·U_h, x = x_t·W + b, hzr = hr·U_zr; the composition's bits.
 * @example const { m, update } = gruReset(zeros([2, 9]), zeros([2, 6]), zeros([2, 3])); update(zeros([2, 3]), zeros([2, 3]))
 */
export function gruReset(x: Tensor, hzr: Tensor, hr: Tensor): { m: Tensor; update: (mu: Tensor, h: Tensor) => Tensor } {
  const [batch, units] = hr.shape as [number, number];
  const n = batch * units;
  const m = float(hr.shape);
  const zs = new Float32Array(n);
  const rs = new Float32Array(n);
  kernels.gruReset(x.values as Float32Array, hzr.values as Float32Array, hr.values as Float32Array, batch, units, m.values as Float32Array, zs, rs);
  // NOTE: as lstmCell's, the later node (the update, visited first) hands z's and the
  // candidate's pre-activation gradients to this one, which returns x's whole gradient once.
  let stash: [Float32Array, Float32Array] | null = null;
  record('gruReset', [x, hzr, hr], m, (dy) => {
    const dx = float(x.shape);
    const dhzr = float(hzr.shape);
    const dhr = float(hr.shape);
    kernels.gruResetBackward(dy.values as Float32Array, hr.values as Float32Array, rs, stash ? stash[0] : null, stash ? stash[1] : null, batch, units, dx.values as Float32Array, dhzr.values as Float32Array, dhr.values as Float32Array);
    stash = null;
    return [dx, dhzr, dhr];
  });
  const update = (mu: Tensor, h: Tensor): Tensor => {
    const out = float(h.shape);
    const cs = new Float32Array(n);
    kernels.gruUpdate(x.values as Float32Array, mu.values as Float32Array, h.values as Float32Array, zs, batch, units, out.values as Float32Array, cs);
    record('gruUpdate', [x, mu, h], out, (dy) => {
      const dh = float(h.shape);
      const da3 = float(mu.shape);
      const da1 = new Float32Array(n);
      kernels.gruUpdateBackward(dy.values as Float32Array, h.values as Float32Array, zs, cs, n, dh.values as Float32Array, da1, da3.values as Float32Array);
      stash = [da1, da3.values as Float32Array];
      return [null, da3, dh];
    });
    return out;
  };
  return { m, update };
}

/**
 * A SimpleRNN (tanh) step tanh(xz + hu) as one op: the bits of `tanh(add(xz, hu))`, and its
 * gradient dy·(1 − h·h) for both inputs, as tanh's and add's backward give it.
 * @example simpleTanhCell(zeros([2, 3]), zeros([2, 3])) // zeros [2, 3]
 */
export function simpleTanhCell(xz: Tensor, hu: Tensor): Tensor {
  const h = float(hu.shape);
  const y = h.values as Float32Array;
  kernels.simpleTanh(xz.values as Float32Array, hu.values as Float32Array, y);
  record('simpleTanhCell', [xz, hu], h, (dy) => {
    const d = float(hu.shape);
    kernels.simpleTanhBackward(dy.values as Float32Array, y, d.values as Float32Array);
    return [d, d];
  });
  return h;
}
