import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DigitsCnnReport } from '../../src/examples/digits-cnn.js';
import type { ForecasterReport } from '../../src/examples/lstm-forecaster.js';

const golden = JSON.parse(readFileSync(new URL('../golden/examples.json', import.meta.url), 'utf8')) as {
  digitsCnn: { accuracy: number; fingerprint: string };
  lstmForecaster: { mse: number; fingerprint: string };
};
const child = fileURLToPath(new URL('./breadth-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs an example in a fresh Node process (asynchronously: a long synchronous child would stall the test runner's messages). */
async function run<R>(example: string, backend: string, threads: number): Promise<{ backend: string; threads: number; report: R }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, example, backend], {
    encoding: 'utf8', cwd: root, env: { ...process.env, SAMEBITS_THREADS: String(threads) },
  });
  return JSON.parse(stdout) as { backend: string; threads: number; report: R };
}

/** reference, wasm on 1 thread and wasm on 2 threads, each in a fresh process. */
const SETTINGS: [string, number][] = [['reference', 1], ['wasm', 1], ['wasm', 2]];

describe('example 6: a CNN on the 8×8 digits', () => {
  it('learns the held-out digits and gives the golden fingerprint on reference and on wasm with 1 and 2 threads, in fresh processes', async () => {
    const runs = await Promise.all(SETTINGS.map(([backend, threads]) => run<DigitsCnnReport>('digits', backend, threads)));
    runs.forEach((r, i) => {
      expect([r.backend, r.threads]).toEqual(SETTINGS[i]);
      expect(r.report.fingerprint).toBe(golden.digitsCnn.fingerprint);
      expect(Object.is(r.report.accuracy, golden.digitsCnn.accuracy)).toBe(true);
      expect(r.report.losses).toEqual(runs[0]?.report.losses);
    });
    expect(golden.digitsCnn.accuracy).toBeGreaterThan(0.9); // chance is 0.1
  }, 240_000);
});

describe('example 7: an LSTM forecaster', () => {
  it('beats the naive forecast and gives the golden fingerprint on reference and on wasm with 1 and 2 threads, in fresh processes', async () => {
    const runs = await Promise.all(SETTINGS.map(([backend, threads]) => run<ForecasterReport>('forecaster', backend, threads)));
    runs.forEach((r, i) => {
      expect([r.backend, r.threads]).toEqual(SETTINGS[i]);
      expect(r.report.fingerprint).toBe(golden.lstmForecaster.fingerprint);
      expect(Object.is(r.report.mse, golden.lstmForecaster.mse)).toBe(true);
    });
    expect(golden.lstmForecaster.mse).toBeLessThan(runs[0]!.report.naiveMse);
  }, 240_000);
});
