import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand, startPageServer } from '../../src/cli/commands/serve.js';
import type { PageServer } from '../../src/cli/commands/serve.js';
import type { EngineRun } from '../../src/page/training.js';
import { BROWSERS, launchBrowser } from './harness.js';
import type { Browser } from 'puppeteer-core';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT_CLI = resolve(ROOT, 'dist/cli/main.js');

/** What the page shows once it has trained: its fingerprints, Node's, and its state. */
async function readPage(browser: Browser, url: string): Promise<Record<string, string>> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset['state'] === 'done' || document.body.dataset['state'] === 'failed', { timeout: 30_000 });
    return await page.evaluate(() => {
      const text = (id: string): string => document.getElementById(id)?.textContent ?? '';
      return {
        state: document.body.dataset['state'] ?? '', backend: document.body.dataset['backend'] ?? '', status: text('status'),
        isolated: String(crossOriginIsolated), curvePoints: String(document.querySelectorAll('#curve circle').length),
        pageBuild1: text('page-build-1'), pageBuild2: text('page-build-2'), pageClassifier: text('page-classifier'),
        nodeBuild1: text('node-build-1'), nodeBuild2: text('node-build-2'), nodeClassifier: text('node-classifier'),
      };
    });
  } finally {
    await page.close();
  }
}

/** Starts the built `samebits serve --port 0` and resolves to its URL and a stop function. */
function startBuiltCli(): Promise<PageServer> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) done({ url, close: () => new Promise((ok) => { child.once('exit', () => ok()); child.kill('SIGINT'); }) });
    });
    child.once('exit', (code) => fail(new Error(`samebits serve exited with ${code}: ${out}`)));
  });
}

describe('samebits serve', () => {
  let server: PageServer;
  let node: EngineRun;
  beforeAll(async () => {
    server = await startPageServer({ port: 0 });
    node = (await (await fetch(`${server.url}node.json`)).json()) as EngineRun;
  });
  afterAll(() => server.close());

  it('serves the page cross-origin isolated', async () => {
    const response = await fetch(server.url);
    expect([response.status, response.headers.get('cross-origin-opener-policy'), response.headers.get('cross-origin-embedder-policy')])
      .toEqual([200, 'same-origin', 'require-corp']);
    expect(await response.text()).toContain('<script type="module" src="/page/main.js">');
  });

  it('answers anything else with 404', async () => {
    expect((await fetch(`${server.url}../package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}page/training.js`)).status).toBe(404);
  });

  it('prints its help with --help and rejects a bad port', async () => {
    const lines: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (line: string) => lines.push(line);
    console.error = (line: string) => lines.push(line);
    try {
      expect(await serveCommand.run(['--help'])).toBe(0);
      expect(await serveCommand.run(['--port', 'eighty'])).toBe(2);
    } finally {
      console.log = log;
      console.error = error;
    }
    expect(lines.join('\n')).toMatch(/Usage: samebits serve[\s\S]*--port: expected an integer from 0 to 65535\. Received: eighty/);
  });

  for (const browser of BROWSERS) {
    const missing = !existsSync(browser.path);
    if (missing) console.log(`page: skipping ${browser.name}: ${browser.path} is missing`);
    it.skipIf(missing)(`shows Node's fingerprints, equal to its own, in headless ${browser.name} (from sources, and from the built CLI)`, async () => {
      const instance = await launchBrowser(browser);
      const built = existsSync(BUILT_CLI) ? await startBuiltCli() : null;
      if (!built) console.log(`page: skipping the built CLI in ${browser.name}: run npm run build first`);
      try {
        for (const url of built ? [server.url, built.url] : [server.url]) {
          const shown = await readPage(instance, url);
          expect(shown).toMatchObject({ state: 'done', backend: 'wasm', isolated: 'true', status: 'Same bits as Node.', curvePoints: '12' });
          expect([shown['pageBuild1'], shown['pageBuild2'], shown['pageClassifier']]).toEqual([...node.weightsBeforeAfter, node.classifier]);
          expect([shown['nodeBuild1'], shown['nodeBuild2'], shown['nodeClassifier']]).toEqual([...node.weightsBeforeAfter, node.classifier]);
        }
      } finally {
        await built?.close();
        await instance.close();
      }
    });
  }
});
