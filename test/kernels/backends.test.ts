import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getBackend, getThreads, matMul, ready, setBackend, setThreads, tensor2d } from '../../src/node.js';
import { fingerprintTensors } from '../../src/repro/fingerprint.js';
import type { ChildResult } from './train-in-child.js';
import { repoRoot, trainInChild } from './train-in-child.js';

const train = (backend: string, threads: number): ChildResult => trainInChild(new URL('./train-child.ts', import.meta.url), backend, threads);

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

describe('a pool with more workers than a job uses', () => {
  it('waits for exactly the workers the job uses (4 threads started, then 2 requested): the bits stay the reference bits', async () => {
    setBackend('wasm');
    setThreads(4);
    await ready();
    setThreads(2);
    const n = 256;
    const a = tensor2d(Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 1013) / 1013 - 0.5), [n, n]);
    const wasmPrints: string[] = [];
    for (let i = 0; i < 60; i++) wasmPrints.push(fingerprintTensors([{ name: 'p', tensor: matMul(a, a) }]));
    setBackend('reference');
    const reference = fingerprintTensors([{ name: 'p', tensor: matMul(a, a) }]);
    setBackend('wasm');
    setThreads(2);
    expect(new Set(wasmPrints)).toEqual(new Set([reference]));
  });
});

describe('kernel workers in any host program', () => {
  it('start in a program run as an ES module from --eval (--input-type=module, as repeat runs its lanes)', () => {
    const entry = pathToFileURL(fileURLToPath(new URL('../../src/index.ts', import.meta.url))).href;
    const source = `import { ready, getThreads, matMul, tensor2d } from ${JSON.stringify(entry)}; setThreadsIfNeeded(); await ready(); const a = tensor2d(new Float32Array(256 * 256).fill(0.5), [256, 256]); matMul(a, a); await new Promise((r) => setTimeout(r, 200)); console.log('threads', getThreads()); function setThreadsIfNeeded() {}`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', source], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, SAMEBITS_THREADS: '2' } });
    expect(out.trim()).toBe('threads 2');
  });
});

describe('thread counts as asked', () => {
  const entry = pathToFileURL(fileURLToPath(new URL('../../src/index.ts', import.meta.url))).href;
  const runEval = (source: string, env: Record<string, string> = {}): { stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', source], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } });
    return { stdout: r.stdout, stderr: r.stderr };
  };

  it('getThreads reports setThreads and SAMEBITS_THREADS at once, before ready()', () => {
    expect(runEval(`import { setThreads, getThreads } from ${JSON.stringify(entry)}; setThreads(3); console.log(getThreads());`).stdout.trim()).toBe('3');
    expect(runEval(`import { getThreads } from ${JSON.stringify(entry)}; console.log(getThreads());`, { SAMEBITS_THREADS: '2' }).stdout.trim()).toBe('2');
  });

  it('a SAMEBITS_THREADS that is not an integer from 1 to 16 is named in a warning', () => {
    for (const [raw, said] of [['abc', 'using the number of cores'], ['0', 'using the number of cores'], ['100', 'using 16']] as const) {
      const { stderr } = runEval(`import { getThreads } from ${JSON.stringify(entry)}; getThreads();`, { SAMEBITS_THREADS: raw });
      expect(stderr).toContain(`SAMEBITS_THREADS="${raw}" is not an integer from 1 to 16; ${said}`);
    }
  });
});
