/** Dimensions of a (batched) matrix product: out[b] = op(A[b]) · op(B[b]), op = transpose or not. */
export interface MatMulDims {
  /** Number of products; the batch stride of A or B is 0 when it is broadcast. */
  batch: number;
  /** Rows of op(A) and of the output. */
  m: number;
  /** Columns of op(A) = rows of op(B): the reduced dimension. */
  k: number;
  /** Columns of op(B) and of the output. */
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  aBatchStride: number;
  bBatchStride: number;
}

/**
 * Reference float32 matrix product.
 *
 * Reference order of arithmetic (DESIGN.md law 2): each output element is
 * `acc = +0; for p = 0 … k−1 (increasing): acc = fl32(acc + fl32(a[i,p] · b[p,j]))`:
 * one rounding to float32 per product and per sum, no fused multiply-add. (A float32 product
 * is exact in float64 and a float32 sum rounded from float64 equals the directly rounded float32
 * sum, since 53 ≥ 2·24 + 2.) Any faster twin must reproduce these bits exactly.
 */
export function matMul(a: Float32Array, b: Float32Array, out: Float32Array, dims: MatMulDims): void {
  const { batch, m, k, n, transposeA, transposeB, aBatchStride, bBatchStride } = dims;
  // A[i,p] lives at aRow·i + aCol·p.
  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  for (let t = 0; t < batch; t++) {
    const aBase = t * aBatchStride;
    const bBase = t * bBatchStride;
    const oBase = t * m * n;
    if (transposeB) dotRows(a, b, out, aBase, bBase, oBase, aRow, aCol, m, k, n);
    else accumulateRows(a, b, out, aBase, bBase, oBase, aRow, aCol, m, k, n);
  }
}

/**
 * B stored [k, n]: whole output rows accumulate over p in increasing order, four rows of A at a
 * time so that each loaded element of B serves four outputs. Every output element still sees
 * exactly the reference sequence of roundings.
 */
function accumulateRows(a: Float32Array, b: Float32Array, out: Float32Array, aBase: number, bBase: number, oBase: number, aRow: number, aCol: number, m: number, k: number, n: number): void {
  out.fill(0, oBase, oBase + m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const o0 = oBase + i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    const a0 = aBase + i * aRow;
    for (let p = 0; p < k; p++) {
      const ap = a0 + p * aCol;
      const x0 = a[ap] as number;
      const x1 = a[ap + aRow] as number;
      const x2 = a[ap + 2 * aRow] as number;
      const x3 = a[ap + 3 * aRow] as number;
      const bP = bBase + p * n;
      for (let j = 0; j < n; j++) {
        const y = b[bP + j] as number;
        out[o0 + j] = (out[o0 + j] as number) + Math.fround(x0 * y);
        out[o1 + j] = (out[o1 + j] as number) + Math.fround(x1 * y);
        out[o2 + j] = (out[o2 + j] as number) + Math.fround(x2 * y);
        out[o3 + j] = (out[o3 + j] as number) + Math.fround(x3 * y);
      }
    }
  }
  for (; i < m; i++) {
    const oI = oBase + i * n;
    const aI = aBase + i * aRow;
    for (let p = 0; p < k; p++) {
      const x = a[aI + p * aCol] as number;
      const bP = bBase + p * n;
      for (let j = 0; j < n; j++) out[oI + j] = (out[oI + j] as number) + Math.fround(x * (b[bP + j] as number));
    }
  }
}

/**
 * B stored [n, k]: each output is a dot product over p in increasing order, four columns at a
 * time so that each loaded element of A serves four outputs.
 */
function dotRows(a: Float32Array, b: Float32Array, out: Float32Array, aBase: number, bBase: number, oBase: number, aRow: number, aCol: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const aI = aBase + i * aRow;
    const oI = oBase + i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = bBase + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[aI + p * aCol] as number;
        s0 = Math.fround(s0 + Math.fround(x * (b[b0 + p] as number)));
        s1 = Math.fround(s1 + Math.fround(x * (b[b1 + p] as number)));
        s2 = Math.fround(s2 + Math.fround(x * (b[b2 + p] as number)));
        s3 = Math.fround(s3 + Math.fround(x * (b[b3 + p] as number)));
      }
      out[oI + j] = s0;
      out[oI + j + 1] = s1;
      out[oI + j + 2] = s2;
      out[oI + j + 3] = s3;
    }
    for (; j < n; j++) {
      const bJ = bBase + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s = Math.fround(s + Math.fround((a[aI + p * aCol] as number) * (b[bJ + p] as number)));
      out[oI + j] = s;
    }
  }
}
