/** Coordinators and workers of the queue tests, each a real `samebits` process (Node via tsx). */

import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Short lock and stalled-check intervals, so a lost worker's job runs again within seconds. */
export const FAST_QUEUE_ENV = { SAMEBITS_QUEUE_LOCK_MS: '2000', SAMEBITS_QUEUE_STALLED_MS: '500', SAMEBITS_QUEUE_POLL_MS: '100' };

/** A `samebits` process: its output so far, and its end. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to its whole process group (the CLI and the scripts it runs). */
  killGroup(): void;
}

/** Starts `samebits ...args` in its own process group. */
export function startCli(args: string[], env: Record<string, string> = {}, cwd = process.cwd()): CliProcess {
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args], { cwd, env: { ...process.env, ...FAST_QUEUE_ENV, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => { err += c; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    killGroup: () => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** Runs `samebits ...args` to its end. */
export async function runCli(args: string[], env: Record<string, string> = {}, cwd = process.cwd()): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startCli(args, env, cwd);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Waits until `condition` holds, checking every 25 ms; fails after `ms`. */
export async function waitFor(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts a `samebits worker` and waits until it takes jobs. */
export async function startWorker(url: string, env: Record<string, string> = {}, args: string[] = []): Promise<CliProcess> {
  const worker = startCli(['worker', url, ...args], env);
  await waitFor(() => worker.stderr().includes('taking jobs') || worker.child.exitCode !== null, 'a worker to start');
  if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.stderr()}`);
  return worker;
}

/** Stops workers (SIGKILL to their groups) and waits for them to end. */
export async function stopAll(processes: readonly CliProcess[]): Promise<void> {
  for (const p of processes) p.killGroup();
  await Promise.all(processes.map((p) => p.exited));
}
