/** The JavaScript runtime, operating system and CPU a run used: manifest metadata, never a numeric input. */
export interface EnvironmentInfo {
  runtime: { name: 'node' | 'bun' | 'deno' | 'browser' | 'unknown'; version: string };
  os: { platform: string; release: string; arch: string };
  cpu: { model: string; logicalCores: number };
  /** Threads SameBits computes with. NOTE: always 1 today; the contract says more give the same bits. */
  threads: number;
}

interface Globals {
  Deno?: { version?: { deno?: string }; build?: { os?: string; arch?: string } };
  Bun?: { version?: string };
  process?: { versions?: Record<string, string | undefined> };
  navigator?: { userAgent?: string; platform?: string; hardwareConcurrency?: number };
}

/** Which runtime this is and its version: Deno and Bun first, since both also define `process`. */
export function detectRuntime(): EnvironmentInfo['runtime'] {
  const g = globalThis as Globals;
  if (g.Deno?.version?.deno) return { name: 'deno', version: g.Deno.version.deno };
  const bun = g.Bun?.version ?? g.process?.versions?.['bun'];
  if (bun) return { name: 'bun', version: bun };
  const node = g.process?.versions?.['node'];
  if (node) return { name: 'node', version: node };
  if (g.navigator?.userAgent) return { name: 'browser', version: g.navigator.userAgent };
  return { name: 'unknown', version: '' };
}

/**
 * The runtime, OS and CPU of this process, from `node:os` where it exists (Node, Bun, Deno)
 * and from `navigator` in browsers.
 * @example (await describeEnvironment()).runtime // { name: 'node', version: '20.20.2' }
 */
export async function describeEnvironment(): Promise<EnvironmentInfo> {
  const runtime = detectRuntime();
  try {
    const os = await import('node:os');
    const cpus = os.cpus();
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
    return { runtime, os: { platform: os.platform(), release: os.release(), arch: os.arch() }, cpu: { model: cpus[0]?.model.trim() ?? 'unknown', logicalCores: cores }, threads: 1 };
  } catch {
    const nav = (globalThis as Globals).navigator;
    return { runtime, os: { platform: nav?.platform ?? 'unknown', release: '', arch: '' }, cpu: { model: 'unknown', logicalCores: nav?.hardwareConcurrency ?? 0 }, threads: 1 };
  }
}
