/**
 * What the ported tfjs-examples share in place of their data files and browser UI: small
 * deterministic synthetic data of the official shapes, a stand-in for `Math.random` (which two
 * examples call directly), and the weight fingerprint the tests compare between runs.
 */
import { vi } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { fingerprintTensors, setRandomSeed } from '../../src/index.js';

/** A seeded uniform generator on [0, 1) (mulberry32), for synthetic data only. */
export function uniformSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Approximately standard normal values (Irwin–Hall: twelve uniforms minus 6), no Math.log. */
export function normalSource(seed: number): () => number {
  const u = uniformSource(seed);
  return () => { let s = -6; for (let i = 0; i < 12; i++) s += u(); return s; };
}

/**
 * Runs `example` as a fresh program would: global seed back to its default, `Math.random`
 * replaced by a seeded source (the official examples call it for initial values and shuffles;
 * TF.js itself never sees it here), console output of `summary()` and the progress bar silenced.
 */
export async function runFresh<T>(example: () => Promise<T>): Promise<T> {
  setRandomSeed(0);
  const random = vi.spyOn(Math, 'random').mockImplementation(uniformSource(1234));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await example();
  } finally {
    random.mockRestore();
    log.mockRestore();
    out.mockRestore();
  }
}

/** SHA-256 of the tensors' shapes and bytes, by position (independent of automatic layer names). */
export function weightsFingerprint(tensors: readonly Tensor[]): string {
  return fingerprintTensors(tensors.map((tensor, i) => ({ name: String(i), tensor })));
}
