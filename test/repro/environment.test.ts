import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { callbacksFromEnvironment, FINGERPRINT_LOG_ENV, FINGERPRINT_OPTIONS_ENV, MANIFEST_ENV } from '../../src/repro/environment.js';
import { FingerprintLogger } from '../../src/repro/fingerprint-logger.js';
import { parseFingerprintLog } from '../../src/repro/log-format.js';
import { fingerprint } from '../../src/repro/model-fingerprint.js';
import { tinyData, trainTiny } from './tiny-training.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env[FINGERPRINT_LOG_ENV];
  delete process.env[FINGERPRINT_OPTIONS_ENV];
  delete process.env[MANIFEST_ENV];
});

describe('logging switched on from outside', () => {
  it('makes fit write a fingerprint log and a manifest, with no change to the training code', async () => {
    const log = join(dir, 'outside.jsonl');
    const manifest = join(dir, 'outside.json');
    process.env[FINGERPRINT_LOG_ENV] = log;
    process.env[FINGERPRINT_OPTIONS_ENV] = '{"every":"batch","values":100}';
    process.env[MANIFEST_ENV] = manifest;
    const model = await trainTiny(8, 1, []);
    const fits = parseFingerprintLog(readFileSync(log, 'utf8')).fits;
    expect(fits).toHaveLength(1);
    expect(fits[0]?.header.every).toBe('batch');
    expect(fits[0]?.records.at(-1)?.fingerprint).toBe(fingerprint(model));
    expect(fits[0]?.records[0]?.tensors.map((t) => t.values !== undefined)).toEqual([true, true, true, true]); // all ≤ 100 elements
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as { seed: number; fit: { epochs: number }; result: { fingerprint: string } };
    expect(written).toMatchObject({ seed: 8, fit: { epochs: 1, batchSize: 8 }, result: { fingerprint: fingerprint(model) } });
  });

  it('replaces the log at the first fit of a process and appends the later fits', async () => {
    const log = join(dir, 'two-fits.jsonl');
    process.env[FINGERPRINT_LOG_ENV] = log;
    await trainTiny(8, 1, []);
    await trainTiny(9, 1, []);
    expect(parseFingerprintLog(readFileSync(log, 'utf8')).fits.map((f) => f.header.seed)).toEqual([8, 9]);
  });

  it('adds nothing when no variable is set', () => {
    const { x, y } = tinyData();
    expect(callbacksFromEnvironment({}, { x, y, args: {} })).toEqual([]);
  });

  it('adds the logger after the user\'s callbacks, and rejects unknown options by name', () => {
    const { x, y } = tinyData();
    const added = callbacksFromEnvironment({ [FINGERPRINT_LOG_ENV]: join(dir, 'x.jsonl') }, { x, y, args: {} });
    expect(added[0]).toBeInstanceOf(FingerprintLogger);
    expect(() => callbacksFromEnvironment({ [FINGERPRINT_LOG_ENV]: 'x', [FINGERPRINT_OPTIONS_ENV]: '{"evry":1}' }, { x, y, args: {} })).toThrow(/SAMEBITS_FINGERPRINT_OPTIONS: unknown option evry/);
    expect(() => callbacksFromEnvironment({ [FINGERPRINT_LOG_ENV]: 'x', [FINGERPRINT_OPTIONS_ENV]: 'batch' }, { x, y, args: {} })).toThrow(/must be a JSON object/);
  });
});
