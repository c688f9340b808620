import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainEverywhere } from '../../src/page/training.js';
import type { EngineRun } from '../../src/page/training.js';
import { BROWSERS, bundleTraining, launchBrowser, localBinary, runInPage, runProcess, runQuickJS, serveBuiltModules, serveBundle, writeBundle } from './harness.js';

// The same training script (src/page/training.ts: the weights-before-after example and a dropout
// MLP) in every engine gives the same fingerprints as here, in Node from the sources. Only the
// kernel set may differ: wasm where WebAssembly and SharedArrayBuffer exist, else reference.

let reference: EngineRun;
let code: string;
let file: string;
const backends: string[] = [];

beforeAll(async () => {
  [reference, code] = await Promise.all([trainEverywhere(), bundleTraining()]);
  file = writeBundle(code);
});

afterAll(() => {
  console.log(`engines: classifier ${reference.classifier.slice(0, 16)}…, weights-before-after ${reference.weightsBeforeAfter[0]?.slice(0, 16)}…\n  ${backends.join('\n  ')}`);
});

/** Same fingerprints as the reference; records the engine's backend for the summary. */
function expectSameBits(engine: string, run: EngineRun): void {
  backends.push(`${engine}: ${run.backend}`);
  expect({ weightsBeforeAfter: run.weightsBeforeAfter, classifier: run.classifier, losses: run.losses })
    .toEqual({ weightsBeforeAfter: reference.weightsBeforeAfter, classifier: reference.classifier, losses: reference.losses });
}

/** Skips with a printed reason when `binary` is missing. */
function skipUnless(binary: string | null, engine: string): boolean {
  if (binary !== null && existsSync(binary)) return false;
  console.log(`engines: skipping ${engine}: ${binary ?? 'its binary'} is missing`);
  return true;
}

describe('the training script in every engine', () => {
  it('trains both models, the two example builds to one fingerprint', () => {
    expect(reference.weightsBeforeAfter).toHaveLength(2);
    expect(reference.weightsBeforeAfter[1]).toBe(reference.weightsBeforeAfter[0]);
    expect(reference.losses.at(-1)).toBeLessThan(reference.losses[0] as number);
  });

  it('gives the same bits in Node, bundled, in a fresh process', async () => {
    expectSameBits('Node (bundle)', await runProcess('Node', process.execPath, [file]));
  });

  const bun = localBinary('bun');
  it.skipIf(skipUnless(bun, 'Bun'))('gives the same bits in Bun', async () => {
    expectSameBits('Bun', await runProcess('Bun', bun as string, [file]));
  });

  const deno = localBinary('deno');
  const denoEnv = { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
  it.skipIf(skipUnless(deno, 'Deno'))('gives the same bits in Deno with no permissions at all', async () => {
    expectSameBits('Deno (no permissions)', await runProcess('Deno', deno as string, ['run', '--no-prompt', file], denoEnv));
  });

  it.skipIf(skipUnless(deno, 'Deno'))('gives the same bits in Deno with --allow-env', async () => {
    expectSameBits('Deno (--allow-env)', await runProcess('Deno', deno as string, ['run', '--no-prompt', '--allow-env', file], denoEnv));
  });

  it('gives the same bits in QuickJS (no WebAssembly, no TextEncoder: the reference kernels)', async () => {
    const run = await runQuickJS(code);
    expect(run.backend).toBe('reference');
    expectSameBits('QuickJS', run);
  });

  for (const browser of BROWSERS) {
    it.skipIf(skipUnless(browser.path, browser.name))(`gives the same bits in headless ${browser.name}, cross-origin isolated (wasm) and not (reference)`, async () => {
      const server = await serveBundle(code);
      const instance = await launchBrowser(browser);
      try {
        const isolated = await runInPage(instance, server.url(true));
        const plain = await runInPage(instance, server.url(false));
        expect([isolated.crossOriginIsolated, isolated.backend, plain.crossOriginIsolated, plain.backend]).toEqual([true, 'wasm', false, 'reference']);
        expectSameBits(`${browser.name} (isolated)`, isolated);
        expectSameBits(`${browser.name} (not isolated)`, plain);
      } finally {
        await instance.close();
        await server.close();
      }
    });
  }

  const chromium = BROWSERS[0];
  const built = resolve(import.meta.dirname, '../../dist/page/training.js');
  it.skipIf(chromium === undefined || skipUnless(chromium.path, chromium.name) || skipUnless(built, 'the built modules (run npm run build)'))(
    'gives the same bits from the built root as plain ES modules with an import map, no bundler (Chromium)', async () => {
      const server = await serveBuiltModules();
      const instance = await launchBrowser(chromium as (typeof BROWSERS)[number]);
      try {
        expectSameBits('Chromium (dist/ as plain modules)', await runInPage(instance, server.url));
      } finally {
        await instance.close();
        await server.close();
      }
    });
});
