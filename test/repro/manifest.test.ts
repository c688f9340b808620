import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gather } from '../../src/ops/index.js';
import { tensor1d } from '../../src/ops/create.js';
import { digestTrainingData } from '../../src/repro/data-digest.js';
import type { RunManifest } from '../../src/repro/manifest.js';
import { createManifest, readManifest, writeManifest } from '../../src/repro/manifest.js';
import { runManifest } from '../../src/repro/manifest-callback.js';
import { compareManifests } from '../../src/repro/manifest-compare.js';
import { fingerprint } from '../../src/repro/model-fingerprint.js';
import { detectRuntime } from '../../src/repro/runtime-info.js';
import { tinyData, tinyModel } from './tiny-training.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function trainedManifest(seed: number): Promise<RunManifest> {
  const model = tinyModel(seed);
  const { x, y } = tinyData();
  let manifest: RunManifest | undefined;
  const fitOptions = { epochs: 2, batchSize: 8, verbose: 0 as const, shuffle: true };
  await model.fit(x, y, { ...fitOptions, callbacks: [runManifest({ path: join(dir, `run-${seed}.json`), data: { x, y }, fitOptions, onManifest: (m) => { manifest = m; } })] });
  expect(manifest?.result?.fingerprint).toBe(fingerprint(model));
  return manifest as RunManifest;
}

describe('run manifests', () => {
  it('record the SameBits version, runtime, OS, CPU, threads, seed, model, optimizer, fit options, data, lockfile, times and result', async () => {
    const m = await trainedManifest(4);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(m.samebits).toBe(pkg.version);
    expect(m.runtime).toEqual({ name: 'node', version: process.versions.node });
    expect(m.os.platform).toBe(process.platform);
    expect(m.cpu.logicalCores).toBeGreaterThan(0);
    expect(m.threads).toBe(1);
    expect(m.seed).toBe(4);
    expect(m.model?.layers.map((l) => [l.className, l.config['units']])).toEqual([['Dense', 8], ['Dense', 1]]);
    expect(m.optimizer).toEqual({ className: 'Adam', config: expect.objectContaining({ learningRate: 0.01 }) });
    expect(m.loss).toBe('meanSquaredError');
    expect(m.fit).toMatchObject({ epochs: 2, batchSize: 8, shuffle: true, params: { samples: 64, steps: 8 } });
    expect(m.data?.x.shape).toEqual([64, 4]);
    const lock = readFileSync(new URL('../../package-lock.json', import.meta.url));
    expect(m.lockfile).toEqual({ path: 'package-lock.json', sha256: createHash('sha256').update(lock).digest('hex') });
    expect(Date.parse(m.endedAt as string)).toBeGreaterThanOrEqual(Date.parse(m.startedAt as string));
    expect(Object.keys(m.result?.metrics ?? {})).toEqual(['loss']);
  });

  it('are written as JSON that readManifest reads back', async () => {
    const m = await trainedManifest(5);
    expect(await readManifest(join(dir, 'run-5.json'))).toEqual(m);
    await writeManifest(join(dir, 'copy.json'), m);
    expect(JSON.parse(readFileSync(join(dir, 'copy.json'), 'utf8'))).toEqual(m);
    await expect(readManifest(join(dir, '..', 'nothing-here.json'))).rejects.toThrow();
  });

  it('can be made without a model: the environment alone', async () => {
    const m = await createManifest();
    expect(m).toMatchObject({ format: 'samebits-run-manifest', model: null, optimizer: null, data: null, result: null, seed: null });
  });

  it('compare as: same environment and inputs, same bits, for the same seed; the seed and the result differ for another', async () => {
    const a = await trainedManifest(4);
    const same = compareManifests(a, await trainedManifest(4));
    expect(same).toEqual({ environment: [], inputs: [], sameBits: true, fingerprints: { a: a.result?.fingerprint, b: a.result?.fingerprint } });
    const other = compareManifests(a, await trainedManifest(6));
    expect(other.inputs.map((d) => d.field)).toEqual(['seed']);
    expect(other.sameBits).toBe(false);
  });

  it('list environment differences apart from input differences', async () => {
    const a = await trainedManifest(4);
    const moved: RunManifest = { ...a, runtime: { name: 'bun', version: '1.2.3' }, cpu: { ...a.cpu, model: 'Other CPU' } };
    const c = compareManifests(a, moved);
    expect(c.environment.map((d) => `${d.field}: ${d.a} -> ${d.b}`)).toEqual([`runtime: node ${process.versions.node} -> bun 1.2.3`, `CPU: ${a.cpu.model} -> Other CPU`]);
    expect(c.inputs).toEqual([]);
    expect(c.sameBits).toBe(true);
  });

  it('name each differing fit option and layer on its own', async () => {
    const a = await trainedManifest(4);
    const layers = a.model?.layers ?? [];
    const changed: RunManifest = {
      ...a,
      fit: { ...a.fit, batchSize: 16, params: { ...(a.fit['params'] as object), steps: 4 } },
      model: a.model && { ...a.model, layers: [layers[0] as (typeof layers)[number], { ...(layers[1] as (typeof layers)[number]), config: { ...layers[1]?.config, units: 2 } }] },
    };
    const inputs = compareManifests(a, changed).inputs;
    expect(inputs.map((d) => d.field)).toEqual(['model: layer 1', 'fit: batchSize', 'fit: params.steps']);
    expect(inputs[0]?.b).toContain('"units":2');
    expect(inputs.slice(1).map((d) => `${d.a} -> ${d.b}`)).toEqual(['8 -> 16', '8 -> 4']);
  });
});

describe('digestTrainingData', () => {
  it('tells the same rows in another order (same rowsSha256) from different rows', async () => {
    const { x, y } = tinyData();
    const reversed = tensor1d(Array.from({ length: 64 }, (_, i) => 63 - i), 'int32');
    const a = await digestTrainingData(x, y);
    const shuffled = await digestTrainingData(gather(x, reversed), gather(y, reversed));
    expect(shuffled.sha256).not.toBe(a.sha256);
    expect(shuffled.rowsSha256).toBe(a.rowsSha256);
    const fewer = await digestTrainingData(gather(x, tensor1d([0, 1], 'int32')), gather(y, tensor1d([0, 1], 'int32')));
    expect(fewer.rowsSha256).not.toBe(a.rowsSha256);
  });
});

describe('detectRuntime', () => {
  it('names Node and its version here', () => {
    expect(detectRuntime()).toEqual({ name: 'node', version: process.versions.node });
  });
});
