import { describe, expect, it, vi } from 'vitest';
import { utf8Bytes } from '../../src/util/utf8.js';

describe('utf8Bytes', () => {
  it('gives the bytes TextEncoder gives, lone surrogates included', () => {
    const encoder = new TextEncoder();
    const samples = ['', 'model/dense_1/kernel', 'é', '€', '😀', '\u07ff\u0800\uffff', '\ud800', 'x\udc00y', 'a\ud83d'];
    for (let i = 0; i < 5000; i++) {
      let s = '';
      for (let j = 0; j < i % 6; j++) s += String.fromCharCode((i * 7919 + j * 104729) % 65536);
      samples.push(s);
    }
    for (const s of samples) expect(Array.from(utf8Bytes(s))).toEqual(Array.from(encoder.encode(s)));
  });

  it('lets the random core load without TextEncoder (QuickJS)', async () => {
    const saved = globalThis.TextEncoder;
    try {
      // @ts-expect-error: removed to act as an engine without it
      delete globalThis.TextEncoder;
      vi.resetModules();
      const { foldInPath, key } = await import('../../src/random/key.js');
      expect(foldInPath(key(1), 'model/dense_1/kernel')).toBeDefined();
    } finally {
      globalThis.TextEncoder = saved;
    }
  });
});
