import { sigmoid, tanh } from '../../math/index.js';

/**
 * The fused recurrent cells' loops (LSTM, GRU with the default sigmoid gates and tanh
 * activation). Each one is specified as the composition of elementwise ops it replaces: every
 * intermediate is rounded to float32 (`Math.fround`) exactly where that op's output would be,
 * σ and tanh are src/math's (the `sigmoid`/`tanh` unary kernels'), and each backward loop
 * applies the same per-op derivative formulas (sigmoid: dy·(y·(1 − y)), tanh: dy·(1 − y·y),
 * mul: dy·other) in the order the tape would visit them. A gate gradient that the split's
 * slices would pad and sum is `d + 0` (adding the +0 padding turns −0 into +0, as the sum does).
 * Rows are [batch, k·units], row-major; `u` is units.
 */

/** sigmoid's derivative from its output y, as its backward ops round it: fl32(y·fl32(1 − y)). */
const sigmoidSlope = (y: number): number => Math.fround(y * Math.fround(1 - y));
/** tanh's derivative from its output y, as its backward ops round it: fl32(1 − fl32(y·y)). */
const tanhSlope = (y: number): number => Math.fround(1 - Math.fround(y * y));

/**
 * carry = σ(f)·cPrev + σ(i)·tanh(g), the gates z = xz + hu [b, 4u] (blocks i, f, g, o; one
 * rounding per add, as `add` before the split); saves σ(f), σ(i), tanh(g).
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function lstmCarry(xz: Float32Array, hu: Float32Array, cPrev: Float32Array, batch: number, u: number, carry: Float32Array, sf: Float32Array, si: Float32Array, ag: Float32Array): void {
  const r = Math.fround;
  for (let b = 0; b < batch; b++) {
    const zr = b * 4 * u;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const f = (sf[k] = sigmoid(r((xz[zr + u + j] as number) + (hu[zr + u + j] as number))));
      const t1 = r(f * (cPrev[k] as number));
      const i = (si[k] = sigmoid(r((xz[zr + j] as number) + (hu[zr + j] as number))));
      const g = (ag[k] = tanh(r((xz[zr + 2 * u + j] as number) + (hu[zr + 2 * u + j] as number))));
      carry[k] = t1 + r(i * g);
    }
  }
}

/**
 * Gradients of `lstmCarry` from dc: dz [b, 4u] (blocks i, f, g from dc; block o is `dO`, the
 * gradient `lstmHiddenBackward` left, or +0 without one) and dcPrev = dc·σ(f).
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function lstmCarryBackward(dc: Float32Array, cPrev: Float32Array, sf: Float32Array, si: Float32Array, ag: Float32Array, dO: Float32Array | null, batch: number, u: number, dz: Float32Array, dcPrev: Float32Array): void {
  for (let b = 0; b < batch; b++) {
    const zr = b * 4 * u;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const d = dc[k] as number;
      const i = si[k] as number;
      const g = ag[k] as number;
      const f = sf[k] as number;
      const dsi = Math.fround(d * g);
      const dag = Math.fround(d * i);
      dz[zr + 2 * u + j] = Math.fround(dag * tanhSlope(g)) + 0;
      dz[zr + j] = Math.fround(dsi * sigmoidSlope(i)) + 0;
      const dsf = Math.fround(d * (cPrev[k] as number));
      dcPrev[k] = d * f;
      dz[zr + u + j] = Math.fround(dsf * sigmoidSlope(f)) + 0;
      dz[zr + 3 * u + j] = dO ? (dO[k] as number) + 0 : 0;
    }
  }
}

/**
 * h = σ(o)·tanh(carry), o = xz + hu in block o of [b, 4u]; saves σ(o) and tanh(carry).
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function lstmHidden(xz: Float32Array, hu: Float32Array, carry: Float32Array, batch: number, u: number, h: Float32Array, so: Float32Array, ac: Float32Array): void {
  for (let b = 0; b < batch; b++) {
    const zr = b * 4 * u + 3 * u;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const o = (so[k] = sigmoid(Math.fround((xz[zr + j] as number) + (hu[zr + j] as number))));
      h[k] = o * (ac[k] = tanh(carry[k] as number));
    }
  }
}

/**
 * Gradients of `lstmHidden` from dh: gate o's (dO [b, u]) and this cell's share of dcarry.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function lstmHiddenBackward(dh: Float32Array, so: Float32Array, ac: Float32Array, batch: number, u: number, dO: Float32Array, dcarry: Float32Array): void {
  const n = batch * u;
  for (let k = 0; k < n; k++) {
    const d = dh[k] as number;
    const o = so[k] as number;
    const a = ac[k] as number;
    const dso = Math.fround(d * a);
    const dac = Math.fround(d * o);
    dcarry[k] = dac * tanhSlope(a);
    dO[k] = dso * sigmoidSlope(o);
  }
}

/**
 * GRU (resetAfter) step: with x = x_t·W + b_in and inner = h·U + b_rec [b, 3u] (z, r, h blocks):
 * z = σ(x_z + inner_z), r = σ(x_r + inner_r), cand = tanh(x_h + r·inner_h),
 * out = z·h + (1 − z)·cand. Saves z, r, cand.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function gruCell(x: Float32Array, inner: Float32Array, h: Float32Array, batch: number, u: number, out: Float32Array, zs: Float32Array, rs: Float32Array, cs: Float32Array): void {
  const f = Math.fround;
  for (let b = 0; b < batch; b++) {
    const row = b * 3 * u;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const z = (zs[k] = sigmoid(f((x[row + j] as number) + (inner[row + j] as number))));
      const r = (rs[k] = sigmoid(f((x[row + u + j] as number) + (inner[row + u + j] as number))));
      const c = (cs[k] = tanh(f((x[row + 2 * u + j] as number) + f(r * (inner[row + 2 * u + j] as number)))));
      out[k] = f(z * (h[k] as number)) + f(f(1 - z) * c);
    }
  }
}

/**
 * Gradients of `gruCell` from dy: dx, dinner (blocks z, r, h) and dh = dy·z.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function gruCellBackward(dy: Float32Array, inner: Float32Array, h: Float32Array, zs: Float32Array, rs: Float32Array, cs: Float32Array, batch: number, u: number, dx: Float32Array, dinner: Float32Array, dh: Float32Array): void {
  const f = Math.fround;
  for (let b = 0; b < batch; b++) {
    const row = b * 3 * u;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const d = dy[k] as number;
      const z = zs[k] as number;
      const r = rs[k] as number;
      const c = cs[k] as number;
      const rh = inner[row + 2 * u + j] as number;
      const ds1 = f(d * c);
      const dc = f(d * f(1 - z));
      const dzTotal = f(-ds1 + f(d * (h[k] as number)));
      dh[k] = d * z;
      const da3 = f(dc * tanhSlope(c));
      const dr = f(da3 * rh);
      const drh = f(da3 * r);
      const da2 = f(dr * sigmoidSlope(r));
      const da1 = f(dzTotal * sigmoidSlope(z));
      dx[row + j] = da1 + 0;
      dinner[row + j] = da1 + 0;
      dx[row + u + j] = da2 + 0;
      dinner[row + u + j] = da2 + 0;
      dx[row + 2 * u + j] = da3 + 0;
      dinner[row + 2 * u + j] = drh + 0;
    }
  }
}

/**
 * GRU (reset before the product) first half: z = σ(x_z + hzr_z), r = σ(x_r + hzr_r) from
 * x = x_t·W + b [b, 3u] and hzr = h·U_zr [b, 2u]; out = r·hr (the input of ·U_h). Saves z, r.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function gruReset(x: Float32Array, hzr: Float32Array, hr: Float32Array, batch: number, u: number, out: Float32Array, zs: Float32Array, rs: Float32Array): void {
  const f = Math.fround;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      zs[k] = sigmoid(f((x[b * 3 * u + j] as number) + (hzr[b * 2 * u + j] as number)));
      const r = (rs[k] = sigmoid(f((x[b * 3 * u + u + j] as number) + (hzr[b * 2 * u + u + j] as number))));
      out[k] = r * (hr[k] as number);
    }
  }
}

/**
 * GRU (reset before the product) second half: out = z·h + (1 − z)·tanh(x_h + mu), mu = (r·hr)·U_h
 * [b, u], z from `gruReset`. Saves the candidate.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function gruUpdate(x: Float32Array, mu: Float32Array, h: Float32Array, zs: Float32Array, batch: number, u: number, out: Float32Array, cs: Float32Array): void {
  const f = Math.fround;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const z = zs[k] as number;
      const c = (cs[k] = tanh(f((x[b * 3 * u + 2 * u + j] as number) + (mu[k] as number))));
      out[k] = f(z * (h[k] as number)) + f(f(1 - z) * c);
    }
  }
}

/**
 * Gradients of `gruUpdate` from dy: dh = dy·z, and the pre-activation gradients of z (da1) and of the candidate (da3, also mu's).
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function gruUpdateBackward(dy: Float32Array, h: Float32Array, zs: Float32Array, cs: Float32Array, n: number, dh: Float32Array, da1: Float32Array, da3: Float32Array): void {
  const f = Math.fround;
  for (let k = 0; k < n; k++) {
    const d = dy[k] as number;
    const z = zs[k] as number;
    const c = cs[k] as number;
    const ds1 = f(d * c);
    const dc = f(d * f(1 - z));
    const dzTotal = f(-ds1 + f(d * (h[k] as number)));
    dh[k] = d * z;
    da3[k] = dc * tanhSlope(c);
    da1[k] = dzTotal * sigmoidSlope(z);
  }
}

/**
 * Gradients of `gruReset` from dm: dhr = dm·r, dhzr [b, 2u] (blocks z, r) and dx [b, 3u] (blocks
 * z, r, h; z's and h's from `gruUpdateBackward`, +0 without), each block gradient plus +0.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function gruResetBackward(dm: Float32Array, hr: Float32Array, rs: Float32Array, da1: Float32Array | null, da3: Float32Array | null, batch: number, u: number, dx: Float32Array, dhzr: Float32Array, dhr: Float32Array): void {
  const f = Math.fround;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const d = dm[k] as number;
      const r = rs[k] as number;
      const dr = f(d * (hr[k] as number));
      dhr[k] = d * r;
      const da2 = f(dr * sigmoidSlope(r));
      const a1 = da1 ? (da1[k] as number) + 0 : 0;
      dx[b * 3 * u + j] = a1;
      dx[b * 3 * u + u + j] = da2 + 0;
      dx[b * 3 * u + 2 * u + j] = da3 ? (da3[k] as number) + 0 : 0;
      dhzr[b * 2 * u + j] = a1;
      dhzr[b * 2 * u + u + j] = da2 + 0;
    }
  }
}

/**
 * SimpleRNN (tanh) step: h = tanh(xz + hu), one rounding for the add; `tanh` is src/math's.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function simpleTanh(xz: Float32Array, hu: Float32Array, h: Float32Array): void {
  for (let k = 0; k < h.length; k++) h[k] = tanh(Math.fround((xz[k] as number) + (hu[k] as number)));
}

/**
 * Gradient of `simpleTanh`: dy·(1 − h·h), rounded as tanh's backward ops round.
 * Reference order: per element, the operations in the order written, each rounded to float32 where the composed op's result was (see the file comment).
 */
export function simpleTanhBackward(dy: Float32Array, h: Float32Array, dx: Float32Array): void {
  for (let k = 0; k < h.length; k++) dx[k] = (dy[k] as number) * tanhSlope(h[k] as number);
}
