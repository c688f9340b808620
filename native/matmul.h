/*
 * The matrix-product building blocks of kernels.c, shared with the convolution kernels of
 * conv.c (which run the same panel loop on patch rows built in cache, so their outputs carry
 * the bits of matmul(im2col(x), W)).
 */
#ifndef SAMEBITS_MATMUL_H
#define SAMEBITS_MATMUL_H

/* Packs columns [j0, j0 + 8) of op(B) (b [k, n], or [n, k] when transposeB) into pack[p*8 + c]; lanes past n are zero. */
void pack_panel(const float *b, float *pack, int k, int n, int j0, int transposeB);

/*
 * out[i, j] for rows i in [i0, i1) and columns j in [j0, j0 + width) from a packed panel:
 * acc = +0; for p = 0 … k−1: acc = f32(acc + f32(a[i·aRow + p·aCol] · pack[p, j])).
 */
void panel_rows(const float *a, const float *pack, float *out, int i0, int i1, int k, int n, int aRow, int aCol, int j0, int width);

#endif
