import type { RunManifest } from './manifest.js';

/** One field that differs between two manifests. */
export interface ManifestDifference {
  field: string;
  a: string;
  b: string;
}

/** Two manifests compared: what ran where, what went in, what came out. */
export interface ManifestComparison {
  /** Runtime, OS, CPU, threads, SameBits version, lockfile: by the contract, none of these changes the bits. */
  environment: ManifestDifference[];
  /** Seed, model (per layer), optimizer, loss, metrics, fit options (per option, `fit: params.samples`), training data: any of these may change the bits. */
  inputs: ManifestDifference[];
  /** Whether both final fingerprints are known and equal. */
  sameBits: boolean;
  fingerprints: { a: string | null; b: string | null };
}

function text(value: unknown): string {
  return value === undefined || value === null ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
}

function collect(out: ManifestDifference[], fields: [string, unknown, unknown][]): void {
  for (const [field, a, b] of fields) {
    const ta = text(a);
    const tb = text(b);
    if (ta !== tb) out.push({ field, a: ta, b: tb });
  }
}

/** A layer's config without its name: automatic names (`dense_3`) depend on what ran before in the process, not on the math. */
function layerShape(layer: NonNullable<RunManifest['model']>['layers'][number] | undefined): unknown {
  return layer && { className: layer.className, config: { ...layer.config, name: undefined } };
}

/** The fields of two records, one entry per key (nested one level for `params`), keys sorted for a stable report. */
function fieldwise(prefix: string, a: Record<string, unknown>, b: Record<string, unknown>): [string, unknown, unknown][] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k): [string, unknown, unknown][] => {
    const va = a[k];
    const vb = b[k];
    const nested = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    return nested(va) && nested(vb) ? fieldwise(`${prefix}${k}.`, va, vb) : [[`${prefix}${k}`, va, vb]];
  });
}

function modelFields(a: RunManifest['model'], b: RunManifest['model']): [string, unknown, unknown][] {
  const count = Math.max(a?.layers.length ?? 0, b?.layers.length ?? 0);
  const fields: [string, unknown, unknown][] = [['model: layers', a?.layers.length, b?.layers.length]];
  for (let i = 0; i < count; i++) fields.push([`model: layer ${i}`, layerShape(a?.layers[i]), layerShape(b?.layers[i])]);
  return fields;
}

/**
 * Compares manifest `a` (e.g. the recorded run) with `b` (a re-run): which environment fields
 * differ, which inputs differ, and whether the final fingerprints match.
 * @example compareManifests(recorded, rerun).sameBits
 */
export function compareManifests(a: RunManifest, b: RunManifest): ManifestComparison {
  const environment: ManifestDifference[] = [];
  collect(environment, [
    ['SameBits version', a.samebits, b.samebits],
    ['runtime', `${a.runtime.name} ${a.runtime.version}`, `${b.runtime.name} ${b.runtime.version}`],
    ['OS', `${a.os.platform} ${a.os.release} ${a.os.arch}`, `${b.os.platform} ${b.os.release} ${b.os.arch}`],
    ['CPU', a.cpu.model, b.cpu.model],
    ['logical cores', a.cpu.logicalCores, b.cpu.logicalCores],
    ['threads', a.threads, b.threads],
    ['lockfile', a.lockfile && `${a.lockfile.path} ${a.lockfile.sha256}`, b.lockfile && `${b.lockfile.path} ${b.lockfile.sha256}`],
  ]);
  const inputs: ManifestDifference[] = [];
  collect(inputs, [
    ['seed', a.seed, b.seed],
    ...modelFields(a.model, b.model),
    ['optimizer', a.optimizer, b.optimizer],
    ['loss', a.loss, b.loss],
    ['metrics', a.metrics, b.metrics],
    ...fieldwise('fit: ', a.fit, b.fit),
    ['training data (as given, in order)', a.data?.sha256, b.data?.sha256],
    ['training data (the set of rows)', a.data?.rowsSha256, b.data?.rowsSha256],
  ]);
  const fa = a.result?.fingerprint ?? null;
  const fb = b.result?.fingerprint ?? null;
  return { environment, inputs, sameBits: fa !== null && fa === fb, fingerprints: { a: fa, b: fb } };
}
