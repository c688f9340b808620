import { describe, expect, it } from 'vitest';
import type { ChildResult } from './train-in-child.js';
import { trainInChild } from './train-in-child.js';

const train = (backend: string, threads: number): ChildResult => trainInChild(new URL('./conv-train-child.ts', import.meta.url), backend, threads);

describe('convolution layers: kernel sets and threads change only speed', () => {
  it('training a CNN (conv2d, depthwise, transpose, separable) gives the same weight bytes and history on reference and on wasm with 1 and 2 threads, in fresh processes', () => {
    const reference = train('reference', 1);
    expect(reference.backend).toBe('reference');
    expect((reference.history['loss'] as number[]).every(Number.isFinite)).toBe(true);
    for (const threads of [1, 2]) {
      const run = train('wasm', threads);
      expect(run.backend).toBe('wasm');
      expect(run.threads).toBe(threads);
      expect(run.fingerprint).toBe(reference.fingerprint);
      expect(JSON.stringify(run.history)).toBe(JSON.stringify(reference.history));
    }
  }, 120_000);
});
