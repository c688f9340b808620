import type { KernelSet } from '../kernel-set.js';
import type { UnaryKernel } from '../reference/elementwise.js';
import { referenceKernels as ref } from '../reference/index.js';
import type { WasmModule } from './module.js';

/** The kernels of native/math.c and native/recurrent.c: those that spend their time in σ, tanh, exp and log. */
export type MathKernels = Pick<KernelSet, 'unary' | 'lstmCarry' | 'lstmCarryBackward' | 'lstmHidden' | 'lstmHiddenBackward'
  | 'gruCell' | 'gruCellBackward' | 'gruReset' | 'gruResetBackward' | 'gruUpdate' | 'gruUpdateBackward' | 'simpleTanh' | 'simpleTanhBackward'>;

/** Function codes of native/math.c's unary_math. */
const UNARY_CODES: Partial<Record<UnaryKernel, number>> = { exp: 0, expm1: 1, sigmoid: 2, tanh: 3, log: 4, log1p: 5, softplus: 6 };

/**
 * Below this many output elements the reference loop runs (same bits): copying the operands in
 * and out and the call cost more than the native loop saves. bench/math-wasm.ts (`kernels`):
 * sigmoid of 16 elements takes the same time either way, of 32 1.3 µs (reference) against 0.9.
 */
export const NATIVE_MATH_FROM = 32;
/**
 * The same for the backward cells, which only multiply (no σ or tanh), so only the loop's speed
 * is gained: the two break even at about 256 elements (lstmCarryBackward 3.6 µs against 3.4).
 */
export const NATIVE_RECURRENT_BACKWARD_FROM = 256;

/**
 * The native unary exp/expm1/sigmoid/tanh/log/log1p/softplus and fused recurrent cells, on the calling thread (a
 * cell's few thousand elements take microseconds, less than waking a worker). Operands outside
 * the module's memory are copied into the arena and outputs copied back; work smaller than
 * `nativeFrom` (forward) or `backwardFrom` runs the reference, with the same bits.
 */
export function mathKernels(mod: WasmModule, nativeFrom: number = NATIVE_MATH_FROM, backwardFrom: number = NATIVE_RECURRENT_BACKWARD_FROM): MathKernels {
  const { exports: x, arena, heap } = mod;

  /**
   * Calls `call` with the byte offsets of `ins` (copied in unless resident; null: 0) and then of
   * `outs` (room for their first `count` elements unless resident), and copies the outputs back.
   */
  function placed(ins: readonly (Float32Array | null)[], outs: readonly (readonly [Float32Array, number])[], call: (...at: number[]) => void): void {
    let floats = 0;
    for (const a of ins) if (a && !heap.isResident(a)) floats += a.length;
    for (const [a, n] of outs) if (!heap.isResident(a)) floats += n;
    arena.begin(floats, ins.length + outs.length);
    const at = ins.map((a) => (a === null ? 0 : heap.isResident(a) ? a.byteOffset : arena.copyIn(a)));
    const outAt = outs.map(([a, n]) => (heap.isResident(a) ? a.byteOffset : arena.alloc(n)));
    call(...at, ...outAt);
    outs.forEach(([a, n], i) => {
      if (!heap.isResident(a)) a.set(arena.view(outAt[i] as number, n));
    });
  }

  return {
    unary(name, xs, out) {
      const code = UNARY_CODES[name];
      const n = out.length;
      if (code === undefined || n < nativeFrom || !(xs instanceof Float32Array) || !(out instanceof Float32Array) || xs.length < n) return ref.unary(name, xs, out);
      placed([xs], [[out, n]], (px, po) => x.unary_math(code, px, po, n));
    },
    lstmCarry(xz, hu, cPrev, batch, u, carry, sf, si, ag) {
      const n = batch * u;
      if (n < nativeFrom) return ref.lstmCarry(xz, hu, cPrev, batch, u, carry, sf, si, ag);
      placed([xz, hu, cPrev], [[carry, n], [sf, n], [si, n], [ag, n]], (a, b, c, d, e, f, g) => x.lstm_carry(a, b, c, batch, u, d, e, f, g));
    },
    lstmCarryBackward(dc, cPrev, sf, si, ag, dO, batch, u, dz, dcPrev) {
      const n = batch * u;
      if (n < backwardFrom) return ref.lstmCarryBackward(dc, cPrev, sf, si, ag, dO, batch, u, dz, dcPrev);
      placed([dc, cPrev, sf, si, ag, dO], [[dz, 4 * n], [dcPrev, n]], (a, b, c, d, e, f, g, h) => x.lstm_carry_backward(a, b, c, d, e, f, batch, u, g, h));
    },
    lstmHidden(xz, hu, carry, batch, u, h, so, ac) {
      const n = batch * u;
      if (n < nativeFrom) return ref.lstmHidden(xz, hu, carry, batch, u, h, so, ac);
      placed([xz, hu, carry], [[h, n], [so, n], [ac, n]], (a, b, c, d, e, f) => x.lstm_hidden(a, b, c, batch, u, d, e, f));
    },
    lstmHiddenBackward(dh, so, ac, batch, u, dO, dcarry) {
      const n = batch * u;
      if (n < backwardFrom) return ref.lstmHiddenBackward(dh, so, ac, batch, u, dO, dcarry);
      placed([dh, so, ac], [[dO, n], [dcarry, n]], (a, b, c, d, e) => x.lstm_hidden_backward(a, b, c, n, d, e));
    },
    gruCell(xs, inner, h, batch, u, out, zs, rs, cs) {
      const n = batch * u;
      if (n < nativeFrom) return ref.gruCell(xs, inner, h, batch, u, out, zs, rs, cs);
      placed([xs, inner, h], [[out, n], [zs, n], [rs, n], [cs, n]], (a, b, c, d, e, f, g) => x.gru_cell(a, b, c, batch, u, d, e, f, g));
    },
    gruCellBackward(dy, inner, h, zs, rs, cs, batch, u, dx, dinner, dh) {
      const n = batch * u;
      if (n < backwardFrom) return ref.gruCellBackward(dy, inner, h, zs, rs, cs, batch, u, dx, dinner, dh);
      placed([dy, inner, h, zs, rs, cs], [[dx, 3 * n], [dinner, 3 * n], [dh, n]], (a, b, c, d, e, f, g, i, j) => x.gru_cell_backward(a, b, c, d, e, f, batch, u, g, i, j));
    },
    gruReset(xs, hzr, hr, batch, u, out, zs, rs) {
      const n = batch * u;
      if (n < nativeFrom) return ref.gruReset(xs, hzr, hr, batch, u, out, zs, rs);
      placed([xs, hzr, hr], [[out, n], [zs, n], [rs, n]], (a, b, c, d, e, f) => x.gru_reset(a, b, c, batch, u, d, e, f));
    },
    gruResetBackward(dm, hr, rs, da1, da3, batch, u, dx, dhzr, dhr) {
      const n = batch * u;
      if (n < backwardFrom) return ref.gruResetBackward(dm, hr, rs, da1, da3, batch, u, dx, dhzr, dhr);
      placed([dm, hr, rs, da1, da3], [[dx, 3 * n], [dhzr, 2 * n], [dhr, n]], (a, b, c, d, e, f, g, h) => x.gru_reset_backward(a, b, c, d, e, batch, u, f, g, h));
    },
    gruUpdate(xs, mu, h, zs, batch, u, out, cs) {
      const n = batch * u;
      if (n < nativeFrom) return ref.gruUpdate(xs, mu, h, zs, batch, u, out, cs);
      placed([xs, mu, h, zs], [[out, n], [cs, n]], (a, b, c, d, e, f) => x.gru_update(a, b, c, d, batch, u, e, f));
    },
    gruUpdateBackward(dy, h, zs, cs, n, dh, da1, da3) {
      if (n < backwardFrom) return ref.gruUpdateBackward(dy, h, zs, cs, n, dh, da1, da3);
      placed([dy, h, zs, cs], [[dh, n], [da1, n], [da3, n]], (a, b, c, d, e, f, g) => x.gru_update_backward(a, b, c, d, n, e, f, g));
    },
    simpleTanh(xz, hu, h) {
      const n = h.length;
      if (n < nativeFrom || xz.length < n || hu.length < n) return ref.simpleTanh(xz, hu, h);
      placed([xz, hu], [[h, n]], (a, b, c) => x.simple_tanh(a, b, c, n));
    },
    simpleTanhBackward(dy, h, dx) {
      const n = h.length;
      if (n < backwardFrom || dy.length < n || dx.length < n) return ref.simpleTanhBackward(dy, h, dx);
      placed([dy, h], [[dx, n]], (a, b, c) => x.simple_tanh_backward(a, b, c, n));
    },
  };
}
