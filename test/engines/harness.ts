// Runs the cross-engine training script (entry.ts, bundled once with esbuild from the
// browser-clean sources) in each engine and returns what it printed as an EngineRun.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import type { Browser } from 'puppeteer-core';
import { getQuickJS } from 'quickjs-emscripten';
import type { EngineRun } from '../../src/page/training.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MARK = 'SAMEBITS ';

/** The training script as one IIFE for every engine: platform browser, no flags, no externals. */
export async function bundleTraining(): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'test/engines/entry.ts')],
    bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Writes the bundle to a fresh folder as an ES module file; returns its path. */
export function writeBundle(code: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'samebits-engines-')), 'training.mjs');
  writeFileSync(file, code);
  return file;
}

function parseRun(output: string, engine: string): EngineRun {
  const line = output.split('\n').find((l) => l.startsWith(MARK) || l.startsWith('SAMEBITS-ERROR'));
  if (!line?.startsWith(MARK)) throw new Error(`${engine}: no result. Output:\n${output.slice(0, 2000)}`);
  return JSON.parse(line.slice(MARK.length)) as EngineRun;
}

/** A binary from node_modules/.bin, or null (the caller prints why it skips). */
export function localBinary(name: string): string | null {
  const path = join(ROOT, 'node_modules/.bin', name);
  return existsSync(path) ? path : null;
}

/** Runs `command args… file` as a separate process and parses its line. */
export function runProcess(engine: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<EngineRun> {
  return new Promise((done, fail) => {
    execFile(command, [...args], { timeout: 60_000, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${engine}: ${error.message}\n${stdout}\n${stderr}`));
      else {
        try {
          done(parseRun(stdout, engine));
        } catch (e) {
          fail(e);
        }
      }
    });
  });
}

/**
 * Runs the bundle in QuickJS (quickjs-emscripten: QuickJS compiled to WebAssembly, shipped in the
 * npm package). The context has no console, TextEncoder, WebAssembly or timers (as the qjs
 * binary's global scope): it gets only the result printer.
 */
export async function runQuickJS(code: string): Promise<EngineRun> {
  const runtime = (await getQuickJS()).newRuntime();
  runtime.setMaxStackSize(0);
  const vm = runtime.newContext();
  let line: string | undefined;
  const printer = vm.newFunction('samebitsDone', (s) => { line = vm.getString(s); });
  vm.setProp(vm.global, 'samebitsDone', printer);
  printer.dispose();
  try {
    vm.unwrapResult(vm.evalCode(code, 'training.js')).dispose();
    while (line === undefined) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) throw new Error(`QuickJS: ${JSON.stringify(vm.dump(jobs.error))}`);
      if (jobs.value === 0) break;
    }
    return parseRun(line ?? '', 'QuickJS');
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}

/** The headers that make a page cross-origin isolated (SharedArrayBuffer, so the wasm kernels). */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Serves the bundle on 127.0.0.1: under /isolated/ with the isolation headers, under /plain/ without. */
export async function serveBundle(code: string): Promise<{ url: (isolated: boolean) => string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const headers = request.url?.startsWith('/isolated/') ? ISOLATION_HEADERS : {};
    if (request.url?.endsWith('/training.js')) {
      response.writeHead(200, { 'Content-Type': 'text/javascript', ...headers }).end(code);
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers })
        .end('<!doctype html><title>SameBits engines</title><script>window.samebitsDone = (line) => { window.samebitsLine = line; };</script><script src="training.js"></script>');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: (isolated) => `http://127.0.0.1:${port}/${isolated ? 'isolated' : 'plain'}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** The system browsers CI installs (Debian's chromium and firefox-esr). */
export const BROWSERS: readonly { name: 'Chromium' | 'Firefox ESR'; product: 'chrome' | 'firefox'; path: string }[] = [
  { name: 'Chromium', product: 'chrome', path: '/usr/bin/chromium' },
  { name: 'Firefox ESR', product: 'firefox', path: '/usr/bin/firefox-esr' },
];

/**
 * Launches a system browser headless with puppeteer-core: Chromium over the DevTools protocol,
 * Firefox over WebDriver BiDi (playwright-core cannot drive Debian's Firefox: it needs its own
 * patched build). Nothing is downloaded.
 */
export function launchBrowser(browser: (typeof BROWSERS)[number]): Promise<Browser> {
  const chromiumArgs = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'samebits-chromium-'))}`,
  ];
  return puppeteer.launch({
    browser: browser.product, executablePath: browser.path, headless: true,
    args: browser.product === 'chrome' ? chromiumArgs : [], timeout: 30_000,
  });
}

/** Opens `url` in a new page and waits for the training script's line. */
export async function runInPage(browser: Browser, url: string): Promise<EngineRun & { crossOriginIsolated: boolean }> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as { samebitsLine?: string }).samebitsLine !== undefined, { timeout: 30_000 });
    const line = await page.evaluate(() => (window as { samebitsLine?: string }).samebitsLine ?? '');
    return { ...parseRun(line, url), crossOriginIsolated: await page.evaluate(() => crossOriginIsolated) };
  } finally {
    await page.close();
  }
}

/** The import map a plain `<script type="module">` needs for the built root's two bare imports (as in the README). */
export const IMPORT_MAP: string = JSON.stringify({
  imports: { '@noble/hashes/': '/node_modules/@noble/hashes/', 'fastest-levenshtein': '/node_modules/fastest-levenshtein/esm/mod.js' },
});

/**
 * Serves the checkout's dist/ and node_modules/ as they are (no bundler), cross-origin isolated,
 * with a page whose module script imports the built root and the built training script.
 */
export async function serveBuiltModules(): Promise<{ url: string; close: () => Promise<void> }> {
  const page = `<!doctype html><title>SameBits modules</title><script type="importmap">${IMPORT_MAP}</script>
<script type="module">
  import { getBackend } from '/dist/index.js';
  import { trainEverywhere } from '/dist/page/training.js';
  trainEverywhere().then((run) => { window.samebitsLine = 'SAMEBITS ' + JSON.stringify({ ...run, backend: getBackend() }); },
    (e) => { window.samebitsLine = 'SAMEBITS-ERROR ' + e; });
</script>`;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = join(ROOT, decodeURIComponent(path));
    const servable = /^\/(dist|node_modules)\//.test(path) && !path.includes('..') && path.endsWith('.js') && existsSync(file);
    if (path === '/') response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...ISOLATION_HEADERS }).end(page);
    else if (servable) response.writeHead(200, { 'Content-Type': 'text/javascript', ...ISOLATION_HEADERS }).end(readFileSync(file));
    else response.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}
