/**
 * A real Redis for the queue tests: Debian's redis-server on a free port, with its data in a
 * temporary directory (append-only persistence, no RDB snapshots), stopped after the tests.
 */

import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running test Redis: its URL, and restart/stop. */
export interface TestRedis {
  url: string;
  port: number;
  dir: string;
  /** Shuts the server down cleanly (it flushes its append-only file) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops the server without restarting. */
  stopServer(): Promise<void>;
  /** Starts a stopped server again. */
  startServer(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** Whether redis-server is installed (the tests are skipped with a message if not). */
export function haveRedis(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a Redis answers PING on `port` (the protocol's inline form, so no redis-cli is needed). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with code ${child.exitCode}`);
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer within 10 s`);
}

/**
 * Starts redis-server on a free port with `--dir <tmp> --appendonly yes --save ''`.
 * @example const redis = await startRedis(); … await redis.stop();
 */
export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'samebits-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const startServer = async (): Promise<void> => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'no'], { stdio: 'ignore' });
    child = started;
    await waitForPing(port, started);
  };
  const stopServer = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM'); // redis-server shuts down cleanly on SIGTERM, flushing its append-only file
    await exited;
  };
  await startServer();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    startServer,
    stopServer,
    async restart() {
      await stopServer();
      await startServer();
    },
    async stop() {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
