import { describe, expect, it } from 'vitest';
import { fingerprintTensors, layers, matMul, sequential, setBackend, setRandomSeed, tensor2d, train, fingerprint } from '../../src/index.js';
import { Tensor } from '../../src/ops/tensor.js';

function nanWithBits(bits: number): Float32Array {
  const f = new Float32Array(1);
  new Uint32Array(f.buffer)[0] = bits;
  return f;
}

describe('fingerprints and NaN (NaN-ness is in the contract, its payload is not)', () => {
  it('every NaN bit pattern gives the same fingerprint; -0 and +0 still differ', () => {
    const prints = [0x7fc00000, 0xffc00000, 0x7f800001, 0xffbfffff].map((b) => fingerprintTensors([{ name: 'x', tensor: new Tensor(nanWithBits(b), [1], 'float32') }]));
    expect(new Set(prints).size).toBe(1);
    const zero = (v: number): string => fingerprintTensors([{ name: 'x', tensor: new Tensor(Float32Array.of(v), [1], 'float32') }]);
    expect(zero(-0)).not.toBe(zero(0));
  });

  it('a product that makes NaN (Inf·0) fingerprints the same on the wasm and reference sets', () => {
    const a = new Float32Array(64 * 64).fill(1);
    a[0] = NaN;
    a[1] = Infinity;
    const b = new Float32Array(64 * 64).fill(1);
    for (let j = 0; j < 64; j++) b[64 + j] = 0;
    const prints = (['wasm', 'reference'] as const).map((set) => {
      setBackend(set);
      return fingerprintTensors([{ name: 'p', tensor: matMul(tensor2d(a, [64, 64]), tensor2d(b, [64, 64])) }]);
    });
    setBackend('wasm');
    expect(prints[0]).toBe(prints[1]);
  });

  it('a model trained on data with NaN and Infinity fingerprints the same on both sets', async () => {
    const prints: string[] = [];
    for (const set of ['wasm', 'reference'] as const) {
      setBackend(set);
      setRandomSeed(3);
      const x = new Float32Array(64 * 96).map((_, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? Infinity : (i % 7) / 7));
      const model = sequential({ layers: [layers.dense({ units: 80, inputShape: [96] }), layers.dense({ units: 1 })] });
      model.compile({ optimizer: train.sgd(0.01), loss: 'meanSquaredError' });
      await model.fit(tensor2d(x, [64, 96]), tensor2d(new Float32Array(64).fill(1), [64, 1]), { epochs: 1, batchSize: 64, verbose: 0, allowNonFinite: true });
      prints.push(fingerprint(model));
    }
    setBackend('wasm');
    expect(prints[0]).toBe(prints[1]);
  });
});

describe('the fingerprint log hashes the same canonical bytes', () => {
  it('canonicalParts equals canonicalBytes for a tensor holding NaNs of other payloads', async () => {
    const { canonicalParts } = await import('../../src/repro/tensor-print.js');
    const { canonicalBytes } = await import('../../src/tensor/fingerprint.js');
    const v = Float32Array.of(1, NaN, -2, NaN);
    new Uint32Array(v.buffer)[3] = 0xffc00001;
    const t = new Tensor(v, [4], 'float32');
    const [head, body] = canonicalParts(t);
    expect(Array.from(new Uint8Array([...head, ...body]))).toEqual(Array.from(canonicalBytes([{ name: '', tensor: t }])));
  });
});
