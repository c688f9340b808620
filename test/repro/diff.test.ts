import { describe, expect, it } from 'vitest';
import type { CallbackHooks, Sequential } from '../../src/models/index.js';
import { diffLogs } from '../../src/repro/diff.js';
import { formatComparison } from '../../src/repro/diff-format.js';
import { fingerprintLogger } from '../../src/repro/fingerprint-logger.js';
import { fingerprint } from '../../src/repro/model-fingerprint.js';
import { STEPS_PER_EPOCH, tinyData, tinyModel } from './tiny-training.js';

interface Run { log: string; model: Sequential }

/** Trains the tiny model for 6 epochs (48 steps), logging every batch with values; `plant` may interfere. */
async function run(seed: number, plant?: (model: Sequential) => CallbackHooks, options: { gradients?: boolean; values?: boolean } = {}): Promise<Run> {
  const model = tinyModel(seed);
  const { x, y } = tinyData();
  const lines: string[] = [];
  const logger = fingerprintLogger({ onLine: (l) => lines.push(l), every: 'batch', values: options.values ?? true, gradients: options.gradients ?? false });
  await model.fit(x, y, { epochs: 6, batchSize: 8, verbose: 0, callbacks: [...(plant ? [plant(model)] : []), logger] });
  return { log: lines.join('\n').replace(/dense_\d+/g, 'dense'), model };
}

/** A callback that calls `act` just before fit's step `step`, or just after it. */
function atStep(step: number, when: 'before' | 'after', act: () => void): CallbackHooks {
  let epoch = 0;
  const hook = (batch: number): void => { if (epoch * STEPS_PER_EPOCH + batch === step) act(); };
  return when === 'before'
    ? { onEpochBegin: (e) => { epoch = e; }, onBatchBegin: hook }
    : { onEpochBegin: (e) => { epoch = e; }, onBatchEnd: hook };
}

describe('diffLogs', () => {
  it('reports identical runs, with the final fingerprint, when nothing differs', async () => {
    const a = await run(5);
    const b = await run(5);
    const c = diffLogs(a.log, b.log);
    expect(c.identical).toBe(true);
    expect(c.first).toBeUndefined();
    expect(c.comparedRecords).toBe(1 + 48 + 1);
    expect(c.finalFingerprint).toBe(fingerprint(a.model));
    expect(formatComparison(c, { a: 'a.jsonl', b: 'b.jsonl' })).toBe(`identical: all 50 logged records of a.jsonl and b.jsonl are bit-identical (final fingerprint ${fingerprint(a.model)})`);
  });

  it('finds another seed before the first step, in the first layer, and names the seeds', async () => {
    const c = diffLogs((await run(5)).log, (await run(6)).log);
    expect(c.identical).toBe(false);
    expect(c.first).toMatchObject({ kind: 'begin', step: -1, record: 0 });
    expect(c.first?.tensors.map((t) => t.name)).toEqual(['kernel', 'kernel']); // the biases start at zero in both
    expect(c.headerDifferences).toEqual(['seed: 5 vs 6']);
    expect(formatComparison(c)).toMatch(/^first divergence: before the first step \(the initial weights\); the 0 logged records before it are bit-identical\n/);
  });

  it('finds a learning rate changed at step 37 after step 37: the weights move differently, the gradients still agree', async () => {
    const a = await run(5, undefined, { gradients: true });
    const b = await run(5, (model) => atStep(37, 'before', () => { model.compiled?.optimizer.setLearningRate(0.02); }), { gradients: true });
    const c = diffLogs(a.log, b.log);
    expect(c.first).toMatchObject({ kind: 'batch', step: 37, epoch: 4, batch: 5, lossA: expect.any(Number) });
    expect(c.first?.lossA).toBe(c.first?.lossB); // the loss of step 37 is computed before the update
    expect(c.first?.tensors.map((t) => `${t.group} ${t.name}`)).toEqual(['weight kernel', 'weight bias', 'weight kernel', 'weight bias']);
    for (const t of c.first?.tensors ?? []) {
      // Adam moves an element by about lr·|m̂/√v̂| ≲ lr: the extra 0.01 of learning rate shows as up to about 0.01.
      expect(t.size?.differing).toBeGreaterThan(0);
      expect(t.size?.maxAbs).toBeGreaterThan(0);
      expect(t.size?.maxAbs).toBeLessThan(0.02);
    }
    expect(formatComparison(c)).toContain('first divergence: after step 37 (epoch 4, batch 5; counting from 0); the 38 logged records before it are bit-identical');
  });

  it('finds a single flipped bit at the step it was flipped: one element, one ulp, in that weight only', async () => {
    const a = await run(5);
    const b = await run(5, (model) => atStep(20, 'after', () => {
      const kernel = model.layers[1]?.weights[0]?.values as Float32Array;
      new Uint32Array(kernel.buffer, kernel.byteOffset, kernel.length)[3]! ^= 1;
    }));
    const c = diffLogs(a.log, b.log);
    expect(c.first).toMatchObject({ kind: 'batch', step: 20 });
    expect(c.first?.tensors).toHaveLength(1);
    expect(c.first?.tensors[0]).toMatchObject({ group: 'weight', layer: 'dense', name: 'kernel', shape: [8, 1], size: { elements: 8, differing: 1, maxUlps: 1, nanMismatches: 0 } });
    const size = c.first?.tensors[0]?.size;
    expect(size?.maxRel).toBeGreaterThan(2 ** -25); // one ulp of a float32: between 2^-24 and 2^-23 relative
    expect(size?.maxRel).toBeLessThanOrEqual(2 ** -23);
    expect(formatComparison(c)).toMatch(/weight +dense\/kernel \[8,1\]: 1 of 8 elements differ; max abs [0-9.e-]+, max rel [0-9.e-]+, max 1 ulps/);
  });

  it('names the differing tensors without sizes when the logs hold only hashes', async () => {
    const a = await run(5, undefined, { values: false });
    const b = await run(5, (model) => atStep(10, 'before', () => { model.compiled?.optimizer.setLearningRate(0.5); }), { values: false });
    const c = diffLogs(a.log, b.log);
    expect(c.first?.step).toBe(10);
    expect(c.first?.tensors.every((t) => t.size === undefined)).toBe(true);
    expect(formatComparison(c)).toContain('(sizes need the tensor values in both logs');
  });

  it('reports a log that stops early as a length difference, not a divergence', async () => {
    const a = await run(5);
    const cut = a.log.split('\n').slice(0, 20).join('\n');
    const c = diffLogs(a.log, cut);
    expect(c.identical).toBe(false);
    expect(c.first).toBeUndefined();
    expect(c.lengthDifference).toBe('fit 1: run A logged 50 records, run B 19; all 19 records both have are identical');
  });
});
