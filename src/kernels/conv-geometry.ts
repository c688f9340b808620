import type { ConvGeometry } from './reference/conv.js';

/**
 * True when im2col is the identity (a 1×1 window, stride 1, no padding): the input is its own
 * patch matrix, so kernels skip the copy (same bits).
 * @example isPointwise({ ...g, kH: 1, kW: 1 })
 */
export function isPointwise(g: ConvGeometry): boolean {
  return g.kH === 1 && g.kW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;
}
