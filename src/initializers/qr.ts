/**
 * The orthonormal factor of a QR decomposition, by Householder reflections in float64 (Golub &
 * Van Loan, "Matrix Computations", 4th ed., §5.1–5.2: Householder vectors, backward
 * accumulation of Q). Householder rather than Gram–Schmidt because its Q stays orthonormal to
 * working precision however ill-conditioned the matrix; the reference order of arithmetic below
 * is fixed, uses only + − × ÷ and Math.sqrt, and so gives the same bits on every engine.
 */

/**
 * Q (m×n, row-major, m ≥ n) of the reduced decomposition A = QR of the row-major m×n matrix
 * `a`, with the sign of each column of Q chosen so that diag(R) ≥ 0, i.e. Q ← Q·sign(diag R)
 * (Keras `Orthogonal`; REFERENCE.md §4). That Q is unique when A has full column rank.
 *
 * Reference order: the working copy is column-major. For k = 0 … n−1: σ = Σ_{i≥k} w_ik² in
 * increasing i; α = √σ; v = (w_kk + sgn·α, w_{k+1,k}, …) with sgn = +1 if w_kk ≥ 0 else −1 (no
 * cancellation); R_kk = −sgn·α; τ = 2 / Σ v_i² (increasing i; τ = 0 if that sum is 0); each
 * later column j > k, in increasing j: d = Σ v_i·w_ij (increasing i), w_ij −= (τ·d)·v_i. Q is
 * accumulated backward from the first n columns of I: for k = n−1 … 0 the same reflection is
 * applied to columns k … n−1. Finally column k is multiplied by −1 when R_kk < 0.
 * A zero column gives R_kk = 0 and keeps its sign (NOTE: Keras' `sign(0) = 0` would zero the
 * column instead; with normal draws that never happens).
 *
 * @example orthonormalQ(new Float64Array([3, 0, 4, 5]), 2, 2) // [0.6, -0.8, 0.8, 0.6]
 */
export function orthonormalQ(a: Float64Array, m: number, n: number): Float64Array {
  if (!(m >= n) || a.length !== m * n) {
    throw new Error(`orthonormalQ: expected an m×n matrix with m >= n and m·n elements, received m=${m}, n=${n}, ${a.length} elements`);
  }
  const w = new Float64Array(m * n); // column j at w[j·m …]
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a[i * n + j]!;

  const vectors: Float64Array[] = [];
  const taus = new Float64Array(n);
  const flips = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const column = k * m;
    let sumSquares = 0;
    for (let i = k; i < m; i++) sumSquares += w[column + i]! * w[column + i]!;
    const alpha = Math.sqrt(sumSquares);
    const head = w[column + k]!;
    const sign = head >= 0 ? 1 : -1;
    const v = w.slice(column + k, column + m);
    v[0] = head + sign * alpha;
    flips[k] = alpha > 0 && sign > 0 ? 1 : 0; // R_kk = −sign·α < 0
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i]! * v[i]!;
    const tau = vv > 0 ? 2 / vv : 0;
    for (let j = k + 1; j < n; j++) reflect(w, j * m + k, v, tau);
    vectors.push(v);
    taus[k] = tau;
  }

  const q = new Float64Array(m * n); // column-major, starts as the first n columns of I
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    for (let j = k; j < n; j++) reflect(q, j * m + k, vectors[k]!, taus[k]!);
  }

  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = flips[j] === 1 ? -q[j * m + i]! : q[j * m + i]!;
  }
  return out;
}

/** x ← (I − τ·v·vᵀ)·x for the slice x = data[start … start + v.length). */
function reflect(data: Float64Array, start: number, v: Float64Array, tau: number): void {
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += v[i]! * data[start + i]!;
  const f = tau * dot;
  for (let i = 0; i < v.length; i++) data[start + i] = data[start + i]! - f * v[i]!;
}
