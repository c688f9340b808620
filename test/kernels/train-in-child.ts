import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the working directory of child processes, so `tsx` resolves. */
export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url));

/** What a training child script (train-child.ts, conv-train-child.ts) prints as JSON. */
export interface ChildResult { backend: string; threads: number; fingerprint: string; history: Record<string, number[]> }

/**
 * Runs a training child script in a fresh Node process with the given kernel set and thread
 * count, so each run starts from a clean engine (a fresh wasm module and worker pool).
 * @example const run = trainInChild(new URL('./train-child.ts', import.meta.url), 'wasm', 2);
 */
export function trainInChild(child: URL, backend: string, threads: number): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(child), backend], {
    encoding: 'utf8', cwd: repoRoot, env: { ...process.env, SAMEBITS_THREADS: String(threads) },
  });
  return JSON.parse(out) as ChildResult;
}
