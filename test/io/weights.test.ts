import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/node.js';
import type { WeightsManifestEntry } from '../../src/io/index.js';
import { ModelFileError, decodeWeights, encodeWeights, float16ToNumber } from '../../src/io/index.js';
import { bytesOf } from './helpers.js';

const f32 = (bits: number[]): Tensor => new Tensor(new Float32Array(new Uint32Array(bits).buffer), [bits.length], 'float32');

describe('encodeWeights / decodeWeights (TF.js byte layout)', () => {
  it('round-trips float32 bit patterns (−0, subnormals, infinities, NaN), int32 and bool', () => {
    const weights = [
      { name: 'a', tensor: f32([0x80000000, 0x00000001, 0x7f800000, 0xff800000, 0x7fc00001, 0x3f800000]) },
      { name: 'b', tensor: tensor([[-2147483648, 2147483647], [0, -1]], [2, 2], 'int32') },
      { name: 'c', tensor: tensor([1, 0, 1], [3], 'bool') },
      { name: 'empty', tensor: new Tensor(new Float32Array(0), [0, 5], 'float32') },
    ];
    const { data, specs } = encodeWeights(weights);
    expect(data.byteLength).toBe(24 + 16 + 3);
    expect(specs).toEqual([
      { name: 'a', shape: [6], dtype: 'float32' }, { name: 'b', shape: [2, 2], dtype: 'int32' },
      { name: 'c', shape: [3], dtype: 'bool' }, { name: 'empty', shape: [0, 5], dtype: 'float32' },
    ]);
    const back = decodeWeights(data, specs);
    expect(back.map((w) => [w.name, w.tensor.dtype, w.tensor.shape, bytesOf(w.tensor)])).toEqual(weights.map((w) => [w.name, w.tensor.dtype, w.tensor.shape, bytesOf(w.tensor)]));
  });

  it('writes little-endian row-major bytes, as TF.js encodeWeights does', async () => {
    const t = tensor([[1.5, -2], [3.25, 1e-8]], [2, 2]);
    const ours = encodeWeights({ w: t }, 'optimizer');
    const theirs = await tf.io.encodeWeights({ w: tf.tensor2d([[1.5, -2], [3.25, 1e-8]]) }, 'optimizer');
    expect(Array.from(new Uint8Array(ours.data))).toEqual(Array.from(new Uint8Array(theirs.data as ArrayBuffer)));
    expect(ours.specs).toEqual(theirs.specs);
    expect(new DataView(ours.data).getFloat32(4, true)).toBe(-2);
  });

  it('accepts the weight data as several buffers', () => {
    const { data, specs } = encodeWeights({ x: tensor([1, 2, 3, 4]) });
    const back = decodeWeights([data.slice(0, 6), data.slice(6)], specs);
    expect(Array.from(back[0]?.tensor.dataSync() ?? [])).toEqual([1, 2, 3, 4]);
  });

  it('dequantizes uint8, uint16 and float16 to the same bits as TF.js decodeWeights', () => {
    const specs: WeightsManifestEntry[] = [
      { name: 'u8', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.1, min: -1 } },
      { name: 'u16', shape: [3], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.001, min: 0.5 } },
      { name: 'i8', shape: [2], dtype: 'int32', quantization: { dtype: 'uint8', scale: 0.7, min: -3 } },
      { name: 'h', shape: [7], dtype: 'float32', quantization: { dtype: 'float16' } },
    ];
    const bytes = new Uint8Array(4 + 6 + 2 + 14);
    bytes.set([0, 7, 128, 255], 0);
    new DataView(bytes.buffer).setUint16(4, 0, true);
    new DataView(bytes.buffer).setUint16(6, 1234, true);
    new DataView(bytes.buffer).setUint16(8, 65535, true);
    bytes.set([2, 250], 10);
    [0x3c00, 0xc000, 0x7bff, 0x0001, 0x8000, 0x7c00, 0x3555].forEach((h, i) => new DataView(bytes.buffer).setUint16(12 + 2 * i, h, true));
    const ours = decodeWeights(bytes.buffer, specs);
    const theirs = tf.io.decodeWeights(bytes.buffer, specs as tf.io.WeightsManifestEntry[]);
    for (const w of ours) {
      const expected = theirs[w.name] as tf.Tensor;
      expect(w.tensor.dtype, w.name).toBe(expected.dtype);
      expect(bytesOf(w.tensor), w.name).toEqual(Array.from(new Uint8Array(expected.dataSync().buffer)));
    }
  });

  it('float16ToNumber decodes the IEEE binary16 reference values', () => {
    // Values from the IEEE 754 binary16 definition: 1, −2, max normal, min subnormal, −0, ∞, NaN.
    expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400].map(float16ToNumber)).toEqual([1, -2, 65504, 2 ** -24, 2 ** -14]);
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true);
    expect(float16ToNumber(0x7c00)).toBe(Infinity);
    expect(float16ToNumber(0x7e00)).toBeNaN();
  });

  it('refuses data shorter or longer than the specs, naming the source', () => {
    const { data, specs } = encodeWeights({ x: tensor([1, 2, 3]) });
    expect(() => decodeWeights(data.slice(0, 8), specs, 'm.json')).toThrow(ModelFileError);
    expect(() => decodeWeights(data.slice(0, 8), specs, 'm.json')).toThrow(/^m.json: weight 0 'x' \[3\] float32 needs more than the 8 bytes left/);
    expect(() => decodeWeights(new ArrayBuffer(16), specs, 'm.json')).toThrow(/holds 16 bytes but its 1 weight specs describe 12/);
  });

  it('refuses absurd shapes without allocating them', () => {
    const specs: WeightsManifestEntry[] = [{ name: 'huge', shape: [1e6, 1e6, 1e6], dtype: 'float32' }];
    expect(() => decodeWeights(new ArrayBuffer(64), specs)).toThrow(/needs more than the 64 bytes left/);
  });

  it('refuses a non-buffer as weight data', () => {
    expect(() => decodeWeights('bytes' as unknown as ArrayBuffer, [])).toThrow(/weight data must be an ArrayBuffer/);
  });
});
