import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallbackHooks } from '../../src/models/index.js';
import { fingerprintLogger } from '../../src/repro/fingerprint-logger.js';
import { tinyData, tinyModel } from './tiny-training.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-logger-cleanup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The paths this process holds open, from /proc/self/fd (Linux). */
function openPaths(): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      out.push(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // the descriptor readdir itself used is gone by now
    }
  }
  return out;
}

const throwAtBatch = (n: number): CallbackHooks => ({ onBatchEnd: (b) => { if (b === n) throw new Error(`boom at batch ${n}`); } });

describe.skipIf(!existsSync('/proc/self/fd'))('fingerprintLogger when fit fails', () => {
  it('closes its file when a later callback throws in onBatchEnd', async () => {
    const path = join(dir, 'batch-error.jsonl');
    const model = tinyModel(3);
    const { x, y } = tinyData();
    await expect(model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [fingerprintLogger({ path, every: 'batch' }), throwAtBatch(2)] })).rejects.toThrow('boom at batch 2');
    expect(openPaths()).not.toContain(path);
    // What was written before the failure is on disk: header, begin and the three finished batches.
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind)).toEqual(['header', 'begin', 'batch', 'batch', 'batch']);
  });

  it('closes its file and unwraps the optimizer when a layer fails mid-training', async () => {
    const path = join(dir, 'layer-error.jsonl');
    const model = tinyModel(3);
    const { x, y } = tinyData();
    const layer = model.layers[1] as unknown as { call: (...a: unknown[]) => unknown };
    const call = layer.call.bind(layer);
    let calls = 0;
    // The probe forward pass is call 1; fail in the third training step.
    layer.call = (...a: unknown[]): unknown => { if (++calls === 4) throw new Error('layer failed'); return call(...a); };
    await expect(model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [fingerprintLogger({ path, gradients: true })] })).rejects.toThrow('layer failed');
    expect(openPaths()).not.toContain(path);
    expect(Object.hasOwn(model.compiled?.optimizer as object, 'apply')).toBe(false);
  });

  it('leaves no file open after a normal fit either', async () => {
    const path = join(dir, 'ok.jsonl');
    const model = tinyModel(3);
    const { x, y } = tinyData();
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [fingerprintLogger({ path })] });
    expect(openPaths()).not.toContain(path);
  });
});
