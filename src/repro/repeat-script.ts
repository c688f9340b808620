/**
 * Runs a training script once per seed as a child process (Node only), the way `samebits repeat
 * script.ts` does: SAMEBITS_SEED carries the seed in, and the metrics come back through
 * SAMEBITS_METRICS_FILE (`reportMetrics`) or, failing that, the last JSON-object line of stdout
 * (repeat-channel.ts describes the protocol).
 */

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeMetrics } from './repeat-codec.js';
import { METRICS_FILE_VARIABLE, SEED_VARIABLE } from './repeat-channel.js';
import type { RunMetrics } from './repeat-types.js';
import { makeScratchDir } from './scratch-dir.js';

/** Output kept from a child for error messages (the tail). */
const KEEP_OUTPUT = 64 * 1024;

/**
 * tsx's loader as a file URL, looked up from the script's folder, then the working directory,
 * then SameBits' own; plain 'tsx' (Node then names what is missing) if none has it.
 */
function tsxLoader(script: string): string {
  for (const base of [resolve(script), join(process.cwd(), 'noop.js'), new URL(import.meta.url).pathname]) {
    try {
      return pathToFileURL(createRequire(base).resolve('tsx')).href;
    } catch {
      // not installed there
    }
  }
  return 'tsx';
}

/**
 * The command that runs `script` as its author would, with this process's runtime: `node
 * script.js`, and for TypeScript `node --import tsx script.ts` (tsx found beside the script, in
 * the working directory or beside SameBits; under Bun, `bun script.ts`), unless `runner` names
 * the command, e.g. 'bun' or 'deno run -A'.
 * @example scriptCommand('train.ts') // [process.execPath, '--import', 'file:///…/tsx/dist/loader.mjs', 'train.ts']
 */
export function scriptCommand(script: string, runner?: string): string[] {
  if (runner !== undefined && runner.trim() !== '') return [...runner.trim().split(/\s+/), script];
  const typescript = ['.ts', '.mts', '.cts', '.tsx'].includes(extname(script).toLowerCase());
  // Bun runs TypeScript itself.
  const needsLoader = typescript && process.versions['bun'] === undefined;
  return needsLoader ? [process.execPath, '--import', tsxLoader(script), script] : [process.execPath, script];
}

/** SHA-256 (hex) of a script's bytes: identifies the code that produced a stored run. */
export function scriptSource(script: string): string {
  return createHash('sha256').update(readFileSync(script)).digest('hex');
}

function lastJsonObjectLine(stdout: string): unknown {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] as string).trim();
    if (!line.startsWith('{') || !line.endsWith('}')) continue;
    try {
      return JSON.parse(line) as unknown;
    } catch {
      // not JSON after all: keep looking upwards
    }
  }
  return undefined;
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * A run stopped from outside by SIGINT or SIGTERM (a Ctrl-C reaches the whole process group, a
 * shutdown signals every process), not failed by its own code.
 * @example if (error instanceof RunInterrupted) giveBack(job)
 */
export class RunInterrupted extends Error {}

/** Runs a command once per seed in child processes; `run(seed)` resolves to the metrics. */
export class ScriptRunner {
  private readonly scratch = makeScratchDir('samebits-repeat');

  /** `env`: extra environment for every run (a sweep's settings). */
  constructor(private readonly command: readonly string[], private readonly cwd: string = process.cwd(), private readonly env: Readonly<Record<string, string>> = {}) {}

  /** Runs the command with SAMEBITS_SEED = seed (and `extraEnv`) and collects the metrics it reports. */
  run(seed: number, extraEnv: Readonly<Record<string, string>> = {}): Promise<RunMetrics> {
    const metricsFile = join(this.scratch, `seed-${seed}.jsonl`);
    rmSync(metricsFile, { force: true });
    const [file, ...args] = this.command as [string, ...string[]];
    const env = { ...process.env, ...this.env, ...extraEnv, [SEED_VARIABLE]: String(seed), [METRICS_FILE_VARIABLE]: metricsFile };
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { cwd: this.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout = (stdout + chunk).slice(-KEEP_OUTPUT); });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-KEEP_OUTPUT); });
      child.on('error', (error) => reject(new Error(`seed ${seed}: could not start '${this.command.join(' ')}': ${error.message}`)));
      child.on('close', (code, signal) => {
        if (code !== 0) {
          const why = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
          reject(new (signal === 'SIGINT' || signal === 'SIGTERM' ? RunInterrupted : Error)(`seed ${seed}: '${this.command.join(' ')}' ${why}${stderr.trim() ? `:\n${tail(stderr)}` : ''}`));
          return;
        }
        try {
          resolve(this.collect(seed, metricsFile, stdout));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  }

  private collect(seed: number, metricsFile: string, stdout: string): RunMetrics {
    const where = `seed ${seed}`;
    if (existsSync(metricsFile)) {
      const merged: Record<string, unknown> = {};
      for (const line of readFileSync(metricsFile, 'utf8').split('\n')) if (line.trim()) Object.assign(merged, JSON.parse(line) as object);
      return decodeMetrics(merged, where);
    }
    const printed = lastJsonObjectLine(stdout);
    if (printed === undefined) {
      throw new Error(`${where}: '${this.command.join(' ')}' reported no metrics: call reportMetrics({...}) from samebits, or print them as one JSON line such as {"accuracy":0.93}`);
    }
    return decodeMetrics(printed, where);
  }

  /** Removes the scratch directory. */
  close(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
