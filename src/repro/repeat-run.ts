import { checkMetrics } from './repeat-codec.js';
import { runPool } from './repeat-pool.js';
import type { RepeatEvent, RepeatRun } from './repeat-types.js';

/** Where finished runs are kept (the results file, or nothing). */
export interface RunStore {
  readonly path: string;
  runsOf(config: string): Map<number, RepeatRun & { source?: string | undefined }>;
  append(config: string, run: RepeatRun, source?: string): void;
}

/** One configuration to run: its seeds, how many at a time, and how to run one seed. */
export interface RunPlan {
  name: string;
  seeds: readonly number[];
  parallel: number;
  /** Runs one seed on lane `slot` (0 … parallel − 1); resolves to the metrics it reported. */
  execute: (seed: number, slot: number) => Promise<unknown>;
  store?: RunStore | undefined;
  /** Identity of the code (e.g. the script's SHA-256); stored runs from other code are refused. */
  source?: string | undefined;
  progress?: ((event: RepeatEvent) => void) | undefined;
}

/** Checks a seed list: safe integers, no repeats. */
export function checkSeeds(seeds: readonly number[], fn: string): void {
  if (seeds.length === 0) throw new Error(`${fn}: expected at least one run, received 0 seeds`);
  const seen = new Set<number>();
  for (const seed of seeds) {
    if (!Number.isSafeInteger(seed)) throw new Error(`${fn}: seeds must be integers, received ${String(seed)}`);
    if (seen.has(seed)) throw new Error(`${fn}: seed ${seed} is listed twice`);
    seen.add(seed);
  }
}

/**
 * Runs the seeds of one configuration that the store does not hold yet, `parallel` at a time,
 * storing each run the moment it finishes; resolves to every run of `seeds`, sorted by seed
 * (never by finishing order), and how many came from the store.
 */
export async function runPlan(plan: RunPlan): Promise<{ runs: RepeatRun[]; resumed: number }> {
  const started = performance.now(); // determinism-ok: run durations for progress output only, never a numeric result
  const stored = plan.store?.runsOf(plan.name) ?? new Map<number, RepeatRun & { source?: string | undefined }>();
  const runs = new Map<number, RepeatRun>();
  for (const seed of plan.seeds) {
    const run = stored.get(seed);
    if (run === undefined) continue;
    if (plan.source !== undefined && run.source !== undefined && run.source !== plan.source) {
      throw new Error(`${plan.store?.path}: the stored runs of '${plan.name}' were made by other code (source ${run.source.slice(0, 12)}…, now ${plan.source.slice(0, 12)}…); pass another results file, or delete it to start over`);
    }
    runs.set(seed, { seed: run.seed, metrics: run.metrics, durationMs: run.durationMs });
  }
  const resumed = runs.size;
  const todo = plan.seeds.filter((seed) => !runs.has(seed));
  const total = plan.seeds.length;
  plan.progress?.({ type: 'start', name: plan.name, total, resumed, parallel: plan.parallel, resultsPath: plan.store?.path });
  await runPool(todo, plan.parallel, async (seed, slot) => {
    const t0 = performance.now(); // determinism-ok: run durations for progress output only, never a numeric result
    const metrics = checkMetrics(await plan.execute(seed, slot), `${plan.name}, seed ${seed}`);
    const run: RepeatRun = { seed, metrics, durationMs: performance.now() - t0 }; // determinism-ok: run durations for progress output only, never a numeric result
    plan.store?.append(plan.name, run, plan.source);
    runs.set(seed, run);
    plan.progress?.({ type: 'run', name: plan.name, run, finished: runs.size, total });
  });
  plan.progress?.({ type: 'end', name: plan.name, total, elapsedMs: performance.now() - started }); // determinism-ok: run durations for progress output only, never a numeric result
  return { runs: [...runs.values()].sort((a, b) => a.seed - b.seed), resumed };
}
