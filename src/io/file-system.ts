/**
 * The `file://` handler (tfjs-node `io.fileSystem`): `DIR/model.json` plus `DIR/weights.bin`.
 * Saving is atomic per file and ordered so that a crash never leaves a half-written file where
 * the previous model was; loading checks every path and size before reading a byte of weights.
 */

import { ModelFileError } from './errors.js';
import type { LoadLimits } from './limits.js';
import { checkLimit, resolveLimits } from './limits.js';
import type { FileOps } from './file-ops.js';
import { nodeFileOps } from './file-ops.js';
import { artifactsInfo, modelJSONOf } from './artifacts.js';
import { describeSpec, parseSpec, specBytes } from './specs.js';
import type { IOHandler, ModelArtifacts, SaveResult, WeightsManifestEntry } from './types.js';
import { concatBuffers } from './weights.js';

/** Options of `fileSystem`. */
export interface FileSystemOptions {
  /** The file operations to use (default: Node's); tests inject failures through it. */
  fileOps?: FileOps;
  /** Bounds on what the model files may declare when loading (see `LoadLimits`). */
  limits?: Partial<LoadLimits>;
}

/** Most bytes Node's readFile returns in one buffer (its kIoMaxLength). */
const MAX_READ_BYTES = 2_147_483_647;

const utf8 = new TextEncoder();
let tempCounter = 0;

function join(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}/${name}`;
}

function dirname(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '.' : cut === 0 ? '/' : path.slice(0, cut);
}

/** A name for a temporary file beside `name`, unique within this process. */
function tempName(dir: string, name: string): string {
  const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
  return join(dir, `.${name}.${pid}-${tempCounter++}.tmp`);
}

/**
 * Checks a manifest path: relative, inside the model's directory, not a URL. Returns it joined
 * to `dir`.
 */
function weightPath(file: string, dir: string, path: unknown): string {
  const bad = (why: string): never => {
    throw new ModelFileError(file, `weightsManifest path ${JSON.stringify(path)} ${why}; weight files must lie in the model's directory`);
  };
  if (typeof path !== 'string' || path === '') return bad('is not a file name');
  if (path.includes('\0') || path.includes('\\')) bad('contains a NUL or a backslash');
  if (path.startsWith('/')) bad('is absolute');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) bad('is a URL or a drive path');
  if (path.split('/').some((s) => s === '..' || s === '')) bad("leaves the model's directory or has an empty segment");
  return join(dir, path);
}

async function save(ops: FileOps, dir: string, artifacts: ModelArtifacts): Promise<SaveResult> {
  const weights = new Uint8Array(concatBuffers(artifacts.weightData ?? []));
  const json = modelJSONOf(artifacts, [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }]);
  const jsonBytes = utf8.encode(JSON.stringify(json));
  const existing = await ops.stat(dir);
  if (existing && !existing.isDirectory) throw new Error(`save to file://${dir}: the path exists and is not a directory`);
  await ops.mkdir(dir);
  const weightsTemp = tempName(dir, 'weights.bin');
  const jsonTemp = tempName(dir, 'model.json');
  let stage = 'writing weights.bin';
  let replacedWeights = false;
  try {
    // Both files are complete and on disk before either replaces anything.
    await ops.writeFileSynced(weightsTemp, weights);
    stage = 'writing model.json';
    await ops.writeFileSynced(jsonTemp, jsonBytes);
    stage = 'replacing weights.bin';
    await ops.rename(weightsTemp, join(dir, 'weights.bin'));
    replacedWeights = true;
    stage = 'flushing the directory';
    // NOTE: flushing the directory between the renames orders them on disk: after a crash
    // the new model.json is never beside the old weights.bin.
    await ops.syncDirectory(dir);
    stage = 'replacing model.json';
    await ops.rename(jsonTemp, join(dir, 'model.json'));
    await ops.syncDirectory(dir);
  } catch (error) {
    await Promise.all([ops.remove(weightsTemp), ops.remove(jsonTemp)]).catch(() => undefined);
    const state = replacedWeights ? 'weights.bin was replaced but model.json was not' : 'the previous model files, if any, are unchanged';
    throw new Error(`save to file://${dir} failed while ${stage}: ${error instanceof Error ? error.message : String(error)}; ${state}`, { cause: error });
  }
  return { modelArtifactsInfo: artifactsInfo(artifacts) };
}

async function readJSON(ops: FileOps, file: string, limits: LoadLimits): Promise<Record<string, unknown>> {
  const stat = await ops.stat(file);
  if (!stat?.isFile) throw new ModelFileError(file, stat ? 'is not a regular file' : 'no such file');
  // NOTE: checked from the size before reading: a 3 GB file would otherwise fail inside Node
  // (ERR_FS_FILE_TOO_LARGE), and a 300 MB one be read whole before JSON.parse refused it.
  checkLimit(file, limits, 'maxModelJsonBytes', stat.size, 'model.json is too large');
  const bytes = await ops.readFile(file);
  checkLimit(file, limits, 'maxModelJsonBytes', bytes.length, 'model.json grew while it was read and is too large');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelFileError(file, 'must hold a JSON object {modelTopology, weightsManifest, …}');
  return json as Record<string, unknown>;
}

/** Reads the weight files of one manifest group after checking their paths and sizes. */
/** What the groups read so far hold, so that the limits bound all weight files together. */
interface Totals {
  bytes: number;
  elements: number;
}

/**
 * Refuses a weight file whose real path (symlinks resolved) lies outside the model's real
 * directory; the manifest path itself was checked by `weightPath`.
 */
async function checkRealPath(ops: FileOps, file: string, dir: string, path: string, listed: unknown): Promise<void> {
  if (!ops.realpath) return;
  const [realDir, realFile] = await Promise.all([ops.realpath(dir), ops.realpath(path)]);
  const rest = realFile.slice(realDir.length);
  if (!realFile.startsWith(realDir) || !(rest.startsWith('/') || rest.startsWith('\\')) || rest.length < 2) {
    throw new ModelFileError(file, `weightsManifest path ${JSON.stringify(listed)} resolves to ${realFile}, outside the model's directory ${realDir}; weight files must lie in the model's directory (a symlink may not lead out of it)`);
  }
}

async function readGroup(ops: FileOps, file: string, dir: string, group: unknown, g: number, seen: Set<string>, limits: LoadLimits, totals: Totals): Promise<{ data: Uint8Array[]; specs: WeightsManifestEntry[] }> {
  const ok = typeof group === 'object' && group !== null && Array.isArray((group as { paths?: unknown }).paths) && Array.isArray((group as { weights?: unknown }).weights);
  if (!ok) throw new ModelFileError(file, `weightsManifest[${g}] must be {paths: string[], weights: [...]}`);
  const { paths, weights } = group as { paths: unknown[]; weights: unknown[] };
  const full = paths.map((p) => weightPath(file, dir, p));
  const stats = [];
  for (const [i, path] of full.entries()) {
    if (seen.has(path)) throw new ModelFileError(file, `weightsManifest lists ${JSON.stringify(paths[i])} twice`);
    seen.add(path);
    const stat = await ops.stat(path);
    if (!stat?.isFile) throw new ModelFileError(path, stat ? 'is not a regular file' : `is missing (listed in ${file})`);
    await checkRealPath(ops, file, dir, path, paths[i]);
    stats.push(stat);
  }
  const available = stats.reduce((n, s) => n + s.size, 0);
  totals.bytes += available;
  checkLimit(file, limits, 'maxWeightBytes', totals.bytes, `the weight files${g > 0 ? ` of groups 0 to ${g}` : ''} are too large`);
  for (const [i, stat] of stats.entries()) {
    if (stat.size > MAX_READ_BYTES) throw new ModelFileError(full[i] as string, `is ${stat.size} bytes; Node reads at most ${MAX_READ_BYTES} bytes from one file: split the weights into several files (paths)`);
  }
  const names = paths.join(', ');
  const where = full.length === 1 ? (full[0] as string) : `${dir} (${names})`;
  let needed = 0;
  for (const [i, spec] of weights.entries()) {
    const parsed = parseSpec(file, spec, i);
    const bytes = specBytes(parsed, available - needed);
    if (bytes < 0) throw new ModelFileError(where, `is truncated or its manifest is wrong: it holds ${available} bytes, too few for weight ${i} ${describeSpec(parsed)} after the ${needed} bytes of the weights before it`);
    totals.elements += parsed.shape.includes(0) ? 0 : parsed.shape.reduce((n, d) => n * d, 1);
    checkLimit(file, limits, 'maxWeightElements', totals.elements, `the weights up to ${describeSpec(parsed)} are too many`);
    needed += bytes;
  }
  if (needed !== available) throw new ModelFileError(where, `holds ${available} bytes but the manifest's weights need ${needed}: ${needed < available ? 'the file is longer than its manifest says' : 'the file is truncated'}`);
  const data: Uint8Array[] = [];
  for (const [i, path] of full.entries()) {
    const bytes = await ops.readFile(path);
    if (bytes.length !== stats[i]?.size) throw new ModelFileError(path, 'changed size while it was being read');
    data.push(bytes);
  }
  return { data, specs: weights as WeightsManifestEntry[] };
}

/** The model.json a load URL names: the path itself, or `model.json` inside a directory. */
async function modelJsonPath(ops: FileOps, path: string): Promise<string> {
  if (path.endsWith('.json')) return path;
  return (await ops.stat(path))?.isDirectory ? join(path, 'model.json') : path;
}

async function load(ops: FileOps, file: string, limits: LoadLimits): Promise<ModelArtifacts> {
  const json = await readJSON(ops, file, limits);
  if (json['modelTopology'] === undefined || json['modelTopology'] === null) throw new ModelFileError(file, "missing key 'modelTopology'");
  const artifacts: ModelArtifacts = { modelTopology: json['modelTopology'] as object };
  for (const key of ['format', 'generatedBy', 'convertedBy', 'trainingConfig', 'signature', 'userDefinedMetadata'] as const) {
    if (json[key] !== undefined) Object.assign(artifacts, { [key]: json[key] });
  }
  const manifest = json['weightsManifest'];
  if (manifest === undefined || manifest === null) return artifacts;
  if (!Array.isArray(manifest)) throw new ModelFileError(file, 'weightsManifest must be an array of {paths, weights} groups');
  const dir = dirname(file);
  const seen = new Set<string>();
  const data: Uint8Array[] = [];
  const specs: WeightsManifestEntry[] = [];
  const totals: Totals = { bytes: 0, elements: 0 };
  for (const [g, group] of manifest.entries()) {
    const read = await readGroup(ops, file, dir, group, g, seen, limits, totals);
    data.push(...read.data);
    specs.push(...read.specs);
  }
  artifacts.weightSpecs = specs;
  const all = new Uint8Array(data.reduce((n, d) => n + d.length, 0));
  let at = 0;
  for (const d of data) {
    all.set(d, at);
    at += d.length;
  }
  artifacts.weightData = all.buffer;
  return artifacts;
}

/**
 * The `file://` handler for a directory (save) or a model.json or its directory (load), as
 * tfjs-node's `tf.io.fileSystem`.
 * @example await saveModel(model, fileSystem('/tmp/my-model'));
 */
export function fileSystem(path: string, options: FileSystemOptions = {}): IOHandler {
  if (typeof path !== 'string' || path === '') throw new Error(`fileSystem: expected a directory path, received ${JSON.stringify(path)}`);
  const ops = (): Promise<FileOps> => (options.fileOps ? Promise.resolve(options.fileOps) : nodeFileOps());
  const limits = resolveLimits(options.limits);
  const handler: IOHandler = {
    save: async (artifacts) => save(await ops(), path, artifacts),
    load: async () => {
      const fileOps = await ops();
      const file = await modelJsonPath(fileOps, path);
      handler.source = file;
      return load(fileOps, file, limits);
    },
    source: path.endsWith('.json') ? path : join(path, 'model.json'),
  };
  return handler;
}
