import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEnginePipeline } from '../../src/repro/engine-pipeline.js';

const child = fileURLToPath(new URL('./pipeline-child.ts', import.meta.url));
const golden = JSON.parse(readFileSync(new URL('../golden/engine-pipeline.json', import.meta.url), 'utf8')) as { seed: number; fingerprint: string };

function runInFreshProcess(seed: number): { fingerprint: string; bytes: string } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, String(seed)], { encoding: 'utf8' });
  return JSON.parse(out) as { fingerprint: string; bytes: string };
}

describe('engine pipeline (seeded init -> matMul -> softmax -> cross-entropy -> gradients)', () => {
  it('gives identical output bytes in two fresh processes', () => {
    const a = runInFreshProcess(golden.seed);
    const b = runInFreshProcess(golden.seed);
    expect(a.bytes.length).toBeGreaterThan(1000);
    expect(b.bytes).toBe(a.bytes);
  });

  it('matches the committed golden SHA-256 in a fresh process and in this one', () => {
    expect(runInFreshProcess(golden.seed).fingerprint).toBe(golden.fingerprint);
    expect(runEnginePipeline(golden.seed).fingerprint).toBe(golden.fingerprint);
  });

  it('gives different bytes for a different seed', () => {
    expect(runEnginePipeline(golden.seed + 1).fingerprint).not.toBe(golden.fingerprint);
  });

  it('computes a finite loss near log(10) for random logits', () => {
    const { loss } = runEnginePipeline(golden.seed);
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeGreaterThan(1);
    expect(loss).toBeLessThan(5);
  });
});
