import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getBackend, getThreads, matMul, ready, setBackend, setThreads, tensor2d } from '../../src/node.js';
import { fingerprintTensors } from '../../src/repro/fingerprint.js';

const child = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface ChildResult { backend: string; threads: number; fingerprint: string; history: Record<string, number[]> }

function train(backend: string, threads: number): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, backend], {
    encoding: 'utf8', cwd: root, env: { ...process.env, SAMEBITS_THREADS: String(threads) },
  });
  return JSON.parse(out) as ChildResult;
}

describe('kernel sets and threads change only speed', () => {
  it('training an MLP with dropout and a validation split gives the same weight bytes and history on reference and on wasm with 1, 2, 3 and 4 threads, in fresh processes', () => {
    const reference = train('reference', 1);
    expect(reference.backend).toBe('reference');
    for (const threads of [1, 2, 3, 4]) {
      const run = train('wasm', threads);
      expect(run.backend).toBe('wasm');
      expect(run.threads).toBe(threads);
      expect(run.fingerprint).toBe(reference.fingerprint);
      expect(JSON.stringify(run.history)).toBe(JSON.stringify(reference.history));
    }
  });

  it('large products give the same bits for 1 to 4 threads and on reference', async () => {
    const n = 200;
    const a = tensor2d(Float32Array.from({ length: n * 3 * n }, (_, i) => ((i * 7919) % 1009) / 1009 - 0.5), [n, 3 * n]);
    const prints: string[] = [];
    for (const threads of [1, 2, 3, 4]) {
      setBackend('wasm');
      setThreads(threads);
      await ready();
      expect(getThreads()).toBe(threads);
      const products = [matMul(a, a, false, true), matMul(a, a, true, false)];
      prints.push(fingerprintTensors(products.map((tensor, i) => ({ name: String(i), tensor }))));
    }
    setBackend('reference');
    const products = [matMul(a, a, false, true), matMul(a, a, true, false)];
    prints.push(fingerprintTensors(products.map((tensor, i) => ({ name: String(i), tensor }))));
    setBackend('wasm');
    expect(new Set(prints).size).toBe(1);
  });

  it('setBackend names the set in use and refuses unknown names; setThreads refuses bad counts', () => {
    expect(setBackend('reference')).toBe(true);
    expect(getBackend()).toBe('reference');
    expect(setBackend('wasm')).toBe(true);
    expect(getBackend()).toBe('wasm');
    expect(() => setBackend('webgl' as 'wasm')).toThrow(/unknown backend "webgl"; expected 'wasm' or 'reference'/);
    expect(() => setThreads(0)).toThrow(/setThreads: expected an integer from 1 to 16. Received: 0/);
    expect(() => setThreads(2.5)).toThrow(/Received: 2.5/);
  });
});
