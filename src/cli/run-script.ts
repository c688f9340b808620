import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { COMMAND_ENV, FINGERPRINT_LOG_ENV, FINGERPRINT_OPTIONS_ENV, MANIFEST_ENV } from '../repro/environment.js';
import type { FingerprintLog } from '../repro/log-format.js';
import { parseFingerprintLog } from '../repro/log-format.js';
import type { RunManifest } from '../repro/manifest.js';
import { readManifest } from '../repro/manifest.js';
import { UserError } from './user-error.js';

/** A command line: the program and its arguments. */
export interface CommandLine {
  command: string;
  args: string[];
}

/** This runtime's name as a user types it: `bun` under Bun, else `node`. */
function runtimeName(): string {
  return process.versions['bun'] !== undefined ? 'bun' : 'node';
}

/**
 * How a user runs `script`: TypeScript through tsx under Node (`node --import tsx`), JavaScript
 * with plain Node; under Bun, Bun runs both. The runtime is this process's own executable.
 */
export function scriptCommandLine(script: string, args: readonly string[], cwd: string = process.cwd()): CommandLine & { runner: string } {
  const typescript = /\.(ts|mts|cts|tsx)$/.test(script);
  const flags = runtimeName() === 'node' && typescript ? ['--import', 'tsx'] : [];
  if (flags.length > 0) requireTsx(script, cwd);
  return { command: process.execPath, args: [...flags, script, ...args], runner: [runtimeName(), ...flags].join(' ') };
}

/** Node runs TypeScript through tsx (`--import tsx`, resolved from the working directory). */
function requireTsx(script: string, cwd: string): void {
  try {
    createRequire(join(cwd, 'noop.js')).resolve('tsx');
  } catch {
    throw new UserError(`${script} is TypeScript, which Node runs through tsx, and tsx is not installed where you run this (${cwd}). Install it with 'npm install --save-dev tsx', run the command under Bun, or pass the compiled JavaScript instead`);
  }
}

/** A command line as a user would type it (this runtime's executable by its name). */
export function portableCommand(line: CommandLine): string[] {
  return [line.command === process.execPath ? runtimeName() : line.command, ...line.args];
}

/** The outcome of one child process. */
export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with extra environment variables, capturing its output; never rejects for a non-zero exit. */
export function runChild(line: CommandLine, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(line.command, line.args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`could not start '${line.command}': ${error.message}`)));
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Logging switched on from outside: the variables `fit` reads (see repro/environment.ts). */
export function reproEnvironment(paths: { log: string; manifest: string }, loggerOptions: Record<string, unknown>, commandLine: CommandLine): Record<string, string> {
  return {
    [FINGERPRINT_LOG_ENV]: paths.log,
    [FINGERPRINT_OPTIONS_ENV]: JSON.stringify(loggerOptions),
    [MANIFEST_ENV]: paths.manifest,
    [COMMAND_ENV]: JSON.stringify(portableCommand(commandLine)),
  };
}

/** What a run left: its parsed log (empty when it never called fit) and its manifest, if written. */
export async function readRunOutputs(paths: { log: string; manifest: string }): Promise<{ log: FingerprintLog; manifest: RunManifest | null }> {
  const log = existsSync(paths.log) ? parseFingerprintLog(readFileSync(paths.log, 'utf8'), paths.log) : { fits: [] };
  const manifest = existsSync(paths.manifest) ? await readManifest(paths.manifest) : null;
  return { log, manifest };
}

/** The last lines of a child's output, indented, for an error report. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
}
