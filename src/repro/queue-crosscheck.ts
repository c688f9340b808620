/**
 * The cross-check of the queue (Node only): a drawn share of the runs is run a second time on
 * another worker, and both results must have the same bits (weights fingerprint and metrics).
 * Outcomes are kept in a JSON-lines file beside the results file, so a restarted coordinator
 * neither repeats nor forgets them; a mismatch is reported loudly, with both manifests side by
 * side and the `samebits diff` of the two fingerprint logs.
 */

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { diffLogs } from './diff.js';
import { formatComparison } from './diff-format.js';
import type { RunManifest } from './manifest.js';
import { compareManifests } from './manifest-compare.js';
import type { QueueJobResult } from './queue-job.js';

/** One cross-checked run: the two workers, their bits, and whether they match. */
export interface CrossCheck {
  id: string;
  config: string;
  seed: number;
  workers: [string, string];
  fingerprints: [string | null, string | null];
  metricsSha256: [string, string];
  match: boolean;
}

/**
 * Compares the two results of one run.
 * @example crossCheck(id, 'wide', 3, first, second).match
 */
export function crossCheck(id: string, config: string, seed: number, a: QueueJobResult, b: QueueJobResult): CrossCheck {
  const match = a.fingerprint === b.fingerprint && a.metricsSha256 === b.metricsSha256;
  return { id, config, seed, workers: [a.worker, b.worker], fingerprints: [a.fingerprint, b.fingerprint], metricsSha256: [a.metricsSha256, b.metricsSha256], match };
}

/** The cross-check outcomes already recorded in `path`, by job id. */
export function readCrossChecks(path: string): Map<string, CrossCheck> {
  const out = new Map<string, CrossCheck>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as CrossCheck;
      if (typeof record.id === 'string') out.set(record.id, record);
    } catch {
      // a line cut short by a crash: that cross-check is redone
    }
  }
  return out;
}

/** Appends an outcome as one line, flushed to disk before returning. */
export function appendCrossCheck(path: string, record: CrossCheck): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function side(manifest: RunManifest | null, pick: (m: RunManifest) => string): string {
  return manifest === null ? '(no manifest)' : pick(manifest);
}

/**
 * The loud report of a mismatch: both runs side by side (worker, SameBits version, runtime, OS,
 * CPU, seed, fingerprint, metrics), what differs between their manifests, and where their
 * fingerprint logs part (`samebits diff`). With `logsDir`, both logs are saved there too.
 * @example process.stderr.write(formatMismatch(check, first, second, 'crosscheck-logs'))
 */
export function formatMismatch(check: CrossCheck, a: QueueJobResult, b: QueueJobResult, logsDir?: string): string {
  const rows: [string, string, string][] = [
    ['worker', a.worker, b.worker],
    ['SameBits version', side(a.manifest, (m) => m.samebits), side(b.manifest, (m) => m.samebits)],
    ['runtime', side(a.manifest, (m) => `${m.runtime.name} ${m.runtime.version}`), side(b.manifest, (m) => `${m.runtime.name} ${m.runtime.version}`)],
    ['OS', side(a.manifest, (m) => `${m.os.platform} ${m.os.release} ${m.os.arch}`), side(b.manifest, (m) => `${m.os.platform} ${m.os.release} ${m.os.arch}`)],
    ['CPU', side(a.manifest, (m) => m.cpu.model), side(b.manifest, (m) => m.cpu.model)],
    ['seed', side(a.manifest, (m) => String(m.seed)), side(b.manifest, (m) => String(m.seed))],
    ['fingerprint', String(a.fingerprint), String(b.fingerprint)],
    ['metrics (SHA-256)', a.metricsSha256, b.metricsSha256],
    ['metrics', JSON.stringify(a.metrics).slice(0, 60), JSON.stringify(b.metrics).slice(0, 60)],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    '',
    `!!! CROSS-CHECK MISMATCH: ${check.config}, seed ${check.seed} gave DIFFERENT BITS on two workers !!!`,
    ...rows.map(([k, x, y]) => `  ${k.padEnd(w0)}  ${x.padEnd(w1)}  ${y}${x === y ? '' : '   <-- differs'}`),
  ];
  if (a.manifest !== null && b.manifest !== null) {
    const c = compareManifests(a.manifest, b.manifest);
    for (const d of [...c.environment, ...c.inputs]) lines.push(`  manifest: ${d.field}: ${d.a.slice(0, 80)} -> ${d.b.slice(0, 80)}`);
  }
  if (a.log !== null && b.log !== null) {
    lines.push('  samebits diff of the two fingerprint logs:');
    lines.push(...formatComparison(diffLogs(a.log, b.log), { a: a.worker, b: b.worker }).split('\n').map((l) => `    ${l}`));
    if (logsDir !== undefined) {
      mkdirSync(logsDir, { recursive: true });
      const base = `${check.config.replace(/[^A-Za-z0-9_.=-]+/g, '_')}-seed${check.seed}`;
      const pa = join(logsDir, `${base}-a.jsonl`);
      const pb = join(logsDir, `${base}-b.jsonl`);
      writeFileSync(pa, a.log);
      writeFileSync(pb, b.log);
      lines.push(`  logs saved: samebits diff ${pa} ${pb}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The cross-check's line in the statistics report.
 * @example crossCheckSummary(checks, 30) // 'cross-check: 3 of 30 runs were run again on another worker: all 3 matched bit for bit'
 */
export function crossCheckSummary(checks: readonly CrossCheck[], runs: number): string {
  const bad = checks.filter((c) => !c.match);
  const head = `cross-check: ${checks.length} of ${runs} runs were run again on another worker`;
  if (bad.length === 0) return `${head}: all ${checks.length} matched bit for bit (weights fingerprint and metrics)`;
  return `${head}: ${bad.length} MISMATCHED (${bad.map((c) => `${c.config} seed ${c.seed}`).join(', ')}); ${checks.length - bad.length} matched`;
}
