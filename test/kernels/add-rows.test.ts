import { describe, expect, it } from 'vitest';
import { binary, BINARY_FUNCTIONS } from '../../src/kernels/reference/elementwise.js';
import { binaryBroadcast } from '../../src/kernels/reference/binary.js';
import { bytesOf } from '../helpers/bits.js';
import { xorshift } from '../helpers/rng.js';

// `binary('add')`'s direct loops (same shape, a bias row) against the generic broadcasting loop.
describe('reference add fast paths', () => {
  it('give the broadcasting loop\'s bytes on random shapes, bias rows, columns and special values', () => {
    const rng = xorshift(77);
    const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4e38];
    const fill = (n: number): Float32Array => Float32Array.from({ length: n }, () => (rng.int(6) === 0 ? (specials[rng.int(specials.length)] as number) : rng.uniform(-3, 3)));
    for (let n = 0; n < 400; n++) {
      const outShape = Array.from({ length: 1 + rng.int(3) }, () => rng.int(4));
      const kind = rng.int(4);
      const bShape = kind === 0 ? outShape.slice() : kind === 1 ? outShape.slice(rng.int(outShape.length + 1)) : kind === 2 ? [1, ...outShape.slice(1)] : outShape.map((d, i) => (i === outShape.length - 1 ? 1 : d));
      const size = outShape.reduce((p, d) => p * d, 1);
      const a = fill(size);
      const b = fill(bShape.reduce((p, d) => p * d, 1));
      const fast = new Float32Array(size);
      const slow = new Float32Array(size);
      binary('add', a, outShape, b, bShape, outShape, fast);
      binaryBroadcast(a, outShape, b, bShape, outShape, slow, BINARY_FUNCTIONS.add);
      expect(Buffer.from(bytesOf({ values: fast })).equals(Buffer.from(bytesOf({ values: slow }))), `${JSON.stringify(outShape)} + ${JSON.stringify(bShape)}`).toBe(true);
    }
  });
});
