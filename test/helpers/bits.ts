import { expect } from 'vitest';

/**
 * Asserts two float arrays hold the same float32 values bit for bit (+0 and −0 differ); any NaN
 * equals any NaN, since NaN payloads are not part of the contract (DESIGN.md law 3).
 */
export function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what = 'values'): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const v = expected[i] as number;
    if (!Object.is(Math.fround(v), v) && !Number.isNaN(v)) expect.fail(`${what}: expected element ${i} = ${v} is not a float32; round it explicitly`);
  }
  const a = new Float32Array(Array.from(actual));
  const e = new Float32Array(Array.from(expected));
  const ua = new Uint32Array(a.buffer);
  const ue = new Uint32Array(e.buffer);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(e[i])) continue;
    if (ua[i] !== ue[i]) {
      expect.fail(`${what}: element ${i} is ${a[i]} (0x${(ua[i] as number).toString(16)}), expected ${e[i]} (0x${(ue[i] as number).toString(16)})`);
    }
  }
}

/**
 * The bytes of a tensor's own elements (not the whole buffer it views: a variable's storage is
 * a window on the kernel module's memory).
 */
export function bytesOf(t: { values: ArrayBufferView }): Uint8Array {
  return new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength);
}
