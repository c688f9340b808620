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
  // A[i,p] lives at aRow·i + aCol·p; B[p,j] at bRow·p + bCol·j.
  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  for (let t = 0; t < batch; t++) {
    const aBase = t * aBatchStride;
    const bBase = t * bBatchStride;
    const oBase = t * m * n;
    if (transposeB) {
      // B is stored [n, k]: each output is a dot product of two contiguous-ish runs.
      for (let i = 0; i < m; i++) {
        const aI = aBase + i * aRow;
        for (let j = 0; j < n; j++) {
          const bJ = bBase + j * k;
          let acc = 0;
          for (let p = 0; p < k; p++) {
            acc = Math.fround(acc + Math.fround((a[aI + p * aCol] as number) * (b[bJ + p] as number)));
          }
          out[oBase + i * n + j] = acc;
        }
      }
    } else {
      // B is stored [k, n]: accumulate whole output rows; each element still sums p in order.
      for (let i = 0; i < m; i++) {
        const oI = oBase + i * n;
        out.fill(0, oI, oI + n);
        const aI = aBase + i * aRow;
        for (let p = 0; p < k; p++) {
          const aip = a[aI + p * aCol] as number;
          const bP = bBase + p * n;
          for (let j = 0; j < n; j++) {
            out[oI + j] = (out[oI + j] as number) + Math.fround(aip * (b[bP + j] as number));
          }
        }
      }
    }
  }
}
