import type { ConfigDict } from '../initializers/initializer.js';
import { SAMEBITS_VERSION } from '../io/version.js';
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../ops/tensor.js';
import type { DataDigest } from './data-digest.js';
import { digestTrainingData } from './data-digest.js';
import { fingerprint } from './model-fingerprint.js';
import type { EnvironmentInfo } from './runtime-info.js';
import { describeEnvironment } from './runtime-info.js';
import { fastSha256 } from './tensor-print.js';

/**
 * What a training run was: where it ran, what it trained on, with which settings, and the
 * bits it ended with. Two runs with equal model, optimizer, fit, seed and data are expected
 * to have equal `result.fingerprint` whatever their environment (DESIGN.md).
 */
export interface RunManifest extends EnvironmentInfo {
  format: 'samebits-run-manifest';
  version: 1;
  /** SameBits version (from its package.json). */
  samebits: string;
  seed: number | null;
  model: { className: string; name: string; layers: { className: string; config: ConfigDict }[] } | null;
  optimizer: { className: string; config: ConfigDict } | null;
  loss: string | null;
  metrics: string[];
  /** fit's options and parameters (JSON values; tensors given as options appear as `"given"`). */
  fit: Record<string, unknown>;
  data: DataDigest | null;
  /** The project's lockfile in the working directory, when there is one. */
  lockfile: { path: string; sha256: string } | null;
  /** The command line, when the run was started by the samebits CLI. */
  command: string[] | null;
  /** Wall-clock start and end (ISO 8601): metadata only. */
  startedAt: string | null;
  endedAt: string | null;
  result: { fingerprint: string; metrics: Record<string, number | string> } | null;
}

/** What `createManifest` records; all optional. */
export interface ManifestParts {
  model?: Sequential;
  seed?: number;
  fit?: Record<string, unknown>;
  data?: { x: Tensor; y: Tensor };
  startedAt?: string;
  endedAt?: string;
  /** Final metrics (e.g. the last epoch's logs); the fingerprint is taken from `model`. */
  metrics?: Record<string, number>;
  command?: string[];
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'deno.lock'];

/** The installed SameBits version: package.json where it can be read, else the built-in constant. */
export async function samebitsVersion(): Promise<string> {
  try {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'samebits' && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // a browser, or a bundle without package.json
  }
  return SAMEBITS_VERSION;
}

/** SHA-256 of the first lockfile found in the working directory (npm, yarn, pnpm, Bun, Deno), or null. */
export async function lockfileDigest(directory?: string): Promise<RunManifest['lockfile']> {
  try {
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const dir = directory ?? process.cwd();
    const sha256 = await fastSha256();
    for (const name of LOCKFILES) {
      const bytes = await readFile(join(dir, name)).catch(() => undefined);
      if (bytes) return { path: name, sha256: sha256([new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)]) };
    }
  } catch {
    // no file system here
  }
  return null;
}

function idName(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'function') return `function ${id.name || '(anonymous)'}`;
  const named = id as { className?: unknown; name?: unknown } | null;
  return String(named?.className ?? named?.name ?? 'custom');
}

function numbersForJson(values: Record<string, number>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number.isFinite(v) ? v : String(v)]));
}

/**
 * A run manifest (see `RunManifest`) from what is known: the environment is always filled in;
 * the rest from `parts`.
 * @example const m = await createManifest({ model, data: { x, y }, seed: getRandomSeed() });
 */
export async function createManifest(parts: ManifestParts = {}): Promise<RunManifest> {
  const model = parts.model;
  const compiled = model?.compiled;
  return {
    format: 'samebits-run-manifest',
    version: 1,
    samebits: await samebitsVersion(),
    ...(await describeEnvironment()),
    seed: parts.seed ?? null,
    model: model ? { className: model.className, name: model.name, layers: model.layers.map((l) => ({ className: l.className, config: l.getConfig() })) } : null,
    optimizer: compiled ? { className: compiled.optimizer.className, config: compiled.optimizer.getConfig() } : null,
    loss: compiled ? idName(compiled.lossId) : null,
    metrics: compiled ? compiled.metricIds.map(idName) : [],
    fit: parts.fit ?? {},
    data: parts.data ? await digestTrainingData(parts.data.x, parts.data.y) : null,
    lockfile: await lockfileDigest(),
    command: parts.command ?? null,
    startedAt: parts.startedAt ?? null,
    endedAt: parts.endedAt ?? null,
    result: model ? { fingerprint: fingerprint(model), metrics: numbersForJson(parts.metrics ?? {}) } : null,
  };
}

/** Writes a manifest as indented JSON (Node, Bun, Deno). */
export async function writeManifest(path: string, manifest: RunManifest): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The object fields every manifest's environment has, checked before anything reads them. */
const ENVIRONMENT_FIELDS: [keyof EnvironmentInfo, string[]][] = [
  ['runtime', ['name', 'version']],
  ['os', ['platform', 'release', 'arch']],
  ['cpu', ['model']],
];

/** Checks the parts of a parsed manifest that `compareManifests` and `verify` rely on; throws naming what is wrong. */
function checkManifest(parsed: unknown, path: string): RunManifest {
  const m = parsed as Partial<Record<keyof RunManifest, unknown>> | null;
  if (typeof m !== 'object' || m === null || Array.isArray(m) || m.format !== 'samebits-run-manifest') {
    const format = typeof m === 'object' && m !== null && !Array.isArray(m) ? `format ${JSON.stringify(m.format)}` : `a JSON ${Array.isArray(m) ? 'array' : m === null ? 'null' : typeof m}`;
    throw new Error(`readManifest: '${path}' is not a SameBits run manifest (${format}, expected an object with format "samebits-run-manifest")`);
  }
  const broken = ENVIRONMENT_FIELDS.filter(([field, keys]) => {
    const value = m[field] as Record<string, unknown> | null | undefined;
    return typeof value !== 'object' || value === null || keys.some((k) => value[k] === undefined);
  }).map(([field]) => JSON.stringify(field));
  if (broken.length > 0) throw new Error(`readManifest: '${path}' is not a complete run manifest: ${broken.join(', ')} missing or malformed`);
  const command = m.command;
  if (command !== undefined && command !== null && !(Array.isArray(command) && command.every((a) => typeof a === 'string'))) {
    throw new Error(`readManifest: '${path}': "command" must be a list of strings such as ["node", "train.js"], received ${JSON.stringify(command)}`);
  }
  return m as RunManifest;
}

/** Reads a manifest written by `writeManifest`, checking that it is one (and the fields a comparison reads). */
export async function readManifest(path: string): Promise<RunManifest> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`readManifest: '${path}' is not JSON (${(error as Error).message})`);
  }
  return checkManifest(parsed, path);
}
