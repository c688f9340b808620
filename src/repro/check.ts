import { USUAL_CULPRITS, diagnose } from './culprits.js';
import type { LogComparison } from './diff.js';
import { diffLogs } from './diff.js';
import { formatComparison } from './diff-format.js';
import type { FingerprintLog } from './log-format.js';
import type { RunManifest } from './manifest.js';
import type { ManifestComparison } from './manifest-compare.js';
import { compareManifests } from './manifest-compare.js';

/** What one run of a checked script left behind. */
export interface CheckRun {
  log: FingerprintLog;
  manifest: RunManifest | null;
}

/** The outcome of comparing repeated runs of one script. */
export interface CheckVerdict {
  reproducible: boolean;
  runs: number;
  /** Run 1's final fingerprint (null when its log has no end record). */
  fingerprint: string | null;
  /** Runs (numbered from 1) whose logs differ from run 1's. */
  differingRuns: number[];
  /** Run 1 against the first run that differs. */
  comparison?: LogComparison;
  manifests?: ManifestComparison;
  /** Likely causes, the most specific first (empty when reproducible). */
  hints: string[];
}

/**
 * Compares every run's fingerprint log with run 1's. The runs are reproducible when all logs
 * are bit-identical record for record and at least one fit was logged.
 * @example compareRuns([run1, run2, run3]).reproducible
 */
export function compareRuns(runs: readonly CheckRun[]): CheckVerdict {
  const first = runs[0];
  if (!first || first.log.fits.length === 0) throw new Error('compareRuns: run 1 logged no training; the script must train with model.fit or an optimizer\'s minimize / applyGradients');
  const comparisons = runs.slice(1).map((r) => diffLogs(first.log, r.log));
  const differingRuns = comparisons.flatMap((c, i) => (c.identical ? [] : [i + 2]));
  const lastFit = first.log.fits[first.log.fits.length - 1];
  const end = lastFit?.records.filter((r) => r.kind === 'end').pop();
  const verdict: CheckVerdict = { reproducible: differingRuns.length === 0, runs: runs.length, fingerprint: end?.fingerprint ?? null, differingRuns, hints: [] };
  const worst = differingRuns[0];
  if (worst !== undefined) {
    const comparison = comparisons[worst - 2] as LogComparison;
    verdict.comparison = comparison;
    const other = runs[worst - 1]?.manifest;
    if (first.manifest && other) verdict.manifests = compareManifests(first.manifest, other);
    verdict.hints = diagnose(comparison, verdict.manifests);
  }
  return verdict;
}

/** The verdict as `samebits check` prints it. */
export function formatVerdict(v: CheckVerdict): string {
  if (v.reproducible) return `reproducible: ${v.runs} runs bit-identical (fingerprint ${v.fingerprint ?? 'unknown: no end record'})`;
  const lines = [`NOT reproducible: run${v.differingRuns.length === 1 ? '' : 's'} ${v.differingRuns.join(', ')} of ${v.runs} differ${v.differingRuns.length === 1 ? 's' : ''} from run 1`];
  const other = v.differingRuns[0] as number;
  if (v.comparison) lines.push(formatComparison(v.comparison, { a: 'run 1', b: `run ${other}` }));
  const inputs = v.manifests?.inputs ?? [];
  if (inputs.length > 0) {
    lines.push('inputs that differ (from the run manifests):');
    for (const d of inputs) lines.push(`  ${d.field}: ${shorten(d.a)} (run 1) vs ${shorten(d.b)} (run ${other})`);
  }
  if (v.hints.length > 0) lines.push('likely cause:', ...v.hints.map((h) => `  - ${h}`));
  lines.push('usual culprits:');
  for (const c of USUAL_CULPRITS) lines.push(`  - ${c}`);
  return lines.join('\n');
}

function shorten(s: string): string {
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}
