import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../src/util/base64.js';
import { measureDifference } from '../../src/repro/tensor-difference.js';

const f32 = (...v: number[]): Float32Array => Float32Array.from(v);
const next = (x: number): number => { const b = new Float32Array([x]); new Uint32Array(b.buffer)[0]! += 1; return b[0]!; };

describe('measureDifference', () => {
  it('finds nothing between identical bits', () => {
    expect(measureDifference(f32(1, -2, 0), f32(1, -2, 0), 'float32')).toEqual({ elements: 3, differing: 0, maxAbs: 0, maxRel: 0, maxUlps: 0, nanMismatches: 0 });
  });

  it('counts ulps across zero and between neighbours, and -0 vs +0 as differing by 0 ulps', () => {
    expect(measureDifference(f32(1), f32(next(1)), 'float32')).toMatchObject({ differing: 1, maxUlps: 1, maxAbs: 2 ** -23, maxRel: 2 ** -23 / next(1) });
    const tiny = 2 ** -149; // the smallest subnormal float32
    expect(measureDifference(f32(-tiny), f32(tiny), 'float32').maxUlps).toBe(2);
    expect(measureDifference(f32(-0), f32(0), 'float32')).toMatchObject({ differing: 1, maxUlps: 0, maxAbs: 0 });
  });

  it('reports NaN on one side apart, and NaN on both as equal', () => {
    expect(measureDifference(f32(NaN, 1), f32(NaN, 1), 'float32').differing).toBe(0);
    expect(measureDifference(f32(NaN, 1), f32(0, 3), 'float32')).toMatchObject({ differing: 2, nanMismatches: 1, maxAbs: 2 });
  });

  it('measures int32 tensors in integer steps', () => {
    expect(measureDifference(Int32Array.of(5, 7), Int32Array.of(5, 10), 'int32')).toMatchObject({ differing: 1, maxUlps: 3, maxAbs: 3 });
  });
});

describe('base64', () => {
  it('round-trips every length mod 3 and matches Node\'s encoder', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
    }
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => fromBase64('AQ$D')).toThrow(/invalid character '\$' at 2/);
  });
});
