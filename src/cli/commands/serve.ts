import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PAGE_HTML } from '../../page/html.js';
import { trainEverywhere } from '../../page/training.js';
import type { EngineRun } from '../../page/training.js';
import { UserError, guarded } from '../user-error.js';
import type { Command } from './types.js';

const HELP = `Usage: samebits serve [--port N]

Serves a page that trains two small models in your browser (the weights-before-after example
and a classifier with dropout), draws the loss curve as it trains, and compares the weight
fingerprints with the ones Node computes here from the same script. The page is served
cross-origin isolated, so the browser runs the WebAssembly kernels.

Options:
  --port N     the port to listen on (default: the first free port from 8080; 0: any free port)
  -h, --help   show this help

Stop it with Ctrl-C.`;

// NOTE: without these two headers a page has no SharedArrayBuffer, and SameBits falls back to
// its reference kernels (same bits, slower).
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const FIRST_PORT = 8080;
const PORTS_TRIED = 20;

/** A running page server. */
export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** The page script: prebuilt by `npm run build` (dist/page/bundle.js), or from sources bundled now. */
async function pageScript(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const prebuilt = join(here, '../../page/bundle.js');
  if (existsSync(prebuilt)) return readFileSync(prebuilt, 'utf8');
  // From sources (tsx in a checkout), where esbuild, a devDependency, is present.
  const specifier = 'esbuild';
  const { build } = (await import(/* @vite-ignore */ specifier)) as typeof import('esbuild');
  const result = await build({ entryPoints: [join(here, '../../page/main.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  return result.outputFiles[0]?.text ?? '';
}

function handler(nodeRun: () => Promise<EngineRun>, script: () => Promise<string>) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, type: string, body: string): void => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...ISOLATION }).end(body);
    };
    const fail = (error: unknown): void => send(500, 'text/plain; charset=utf-8', String(error));
    if (path === '/' || path === '/index.html') send(200, 'text/html; charset=utf-8', PAGE_HTML);
    else if (path === '/node.json') nodeRun().then((run) => send(200, 'application/json', JSON.stringify(run)), fail);
    else if (path === '/page/main.js') script().then((code) => send(200, 'text/javascript; charset=utf-8', code), fail);
    else send(404, 'text/plain; charset=utf-8', `not found: ${path}`);
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((ok, fail) => {
    const onError = (error: Error): void => fail(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      ok((server.address() as { port: number }).port);
    });
  });
}

/**
 * Starts the page server on 127.0.0.1; Node's fingerprints are computed once, in the background.
 * @example const { url, close } = await startPageServer({ port: 0 });
 */
export async function startPageServer(options: { port?: number } = {}): Promise<PageServer> {
  let run: Promise<EngineRun> | undefined;
  const nodeRun = (): Promise<EngineRun> => (run ??= trainEverywhere());
  void nodeRun().catch(() => {}); // a failure reaches the page through /node.json
  let script: Promise<string> | undefined;
  const server = createServer(handler(nodeRun, () => (script ??= pageScript())));
  const ports = options.port === undefined ? Array.from({ length: PORTS_TRIED }, (_, i) => FIRST_PORT + i).concat(0) : [options.port];
  for (const candidate of ports) {
    try {
      const port = await listen(server, candidate);
      return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => { server.close(() => ok()); server.closeAllConnections(); }) };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE' || options.port !== undefined) {
        throw (error as { code?: string }).code === 'EADDRINUSE' ? new UserError(`port ${candidate} is in use; pick another with --port`) : error;
      }
    }
  }
  throw new Error('no free port');
}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: expected an integer from 0 to 65535. Received: ${raw}`);
  return port;
}

/** `samebits serve`: the page that trains in the browser and compares with Node. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve a page that trains in your browser and shows the same fingerprint as Node.',
  run: guarded('serve', async (argv) => {
    const { values } = parseArgs({ args: [...argv], options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const port = parsePort(values.port);
    const server = await startPageServer(port === undefined ? {} : { port });
    console.log(`SameBits page: ${server.url}  (Ctrl-C to stop)`);
    await new Promise<void>((ok) => {
      process.once('SIGINT', ok);
      process.once('SIGTERM', ok);
    });
    await server.close();
    return 0;
  }),
};
