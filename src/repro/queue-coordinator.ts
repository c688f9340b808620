/**
 * The coordinator of a repeat or sweep on the queue (Node only): enqueues one job per
 * (configuration, seed) not yet in the results file, under an id that hashes everything that
 * decides the run's bits (queue-job.ts), then follows the jobs, appending each finished run to
 * the results file the moment it is seen, as a local repeat does. Killed and restarted, it
 * re-enqueues the same ids (a no-op for jobs Redis still holds) and reads finished ones back:
 * nothing is lost and nothing is run twice.
 */

import type { Job } from 'bullmq';
import { Queue } from 'bullmq';
import type { CrossCheck } from './queue-crosscheck.js';
import { appendCrossCheck, crossCheck, formatMismatch, readCrossChecks } from './queue-crosscheck.js';
import type { QueueTimings } from './queue-connection.js';
import { QUEUE_NAME, redisConnection } from './queue-connection.js';
import { crossCheckDraw } from './queue-draw.js';
import type { DataFile, QueueJobData, QueueJobResult, RunConfiguration } from './queue-job.js';
import { fileSha256, jobId, verifyJobId } from './queue-job.js';
import type { QueueStatus } from './queue-progress.js';
import { checkMetrics, decodeMetrics } from './repeat-codec.js';
import type { RunStore } from './repeat-run.js';
import type { RepeatRun } from './repeat-types.js';

/** A repeat or sweep to run on the queue. */
export interface QueuePlan {
  url: string;
  configurations: readonly RunConfiguration[];
  seeds: readonly number[];
  data: readonly DataFile[];
  runner?: string | undefined;
  store: RunStore;
  /** Share of runs to run twice on different workers (0 … 1), the seed of the draw, and where outcomes and mismatching logs go. */
  crossCheck: { fraction: number; seed: number; file: string; logsDir: string };
  timings: QueueTimings;
  progress?: ((status: QueueStatus) => void) | undefined;
  /** Told at once of every cross-check mismatch, with the full report. */
  onMismatch?: ((report: string) => void) | undefined;
  /** Told of connection trouble (Redis down, reconnecting). */
  warn?: ((message: string) => void) | undefined;
}

/** What the coordinator ends with. */
export interface QueueOutcome {
  /** Every run of each configuration, sorted by seed, in the order of `configurations`. */
  runs: RepeatRun[][];
  crossChecks: CrossCheck[];
}

interface Tracked {
  id: string;
  data: QueueJobData;
  /** Index of the configuration. */
  index: number;
  /** Already in the results file (the job only feeds a cross-check). */
  stored: boolean;
}

const JOB_OPTIONS = { attempts: 1, removeOnComplete: false, removeOnFail: false } as const;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The queued jobs of one plan and the state the coordinator keeps while following them. */
class Coordinator {
  readonly queue: Queue<QueueJobData, QueueJobResult>;
  /** The jobs not yet seen finished, each with the configurations waiting for it (configurations with the same settings share their jobs). */
  readonly pending = new Map<string, Tracked[]>();
  readonly runs: Map<number, RepeatRun>[];
  readonly firsts = new Map<string, QueueJobResult>();
  readonly checks: Map<string, CrossCheck>;
  readonly failures: string[] = [];
  readonly retried = new Set<string>();
  chosen = new Set<string>();
  total = 0;
  lastWarning = 0;
  toldOneWorker = false;

  constructor(readonly plan: QueuePlan) {
    this.queue = new Queue(QUEUE_NAME, { connection: redisConnection(plan.url) });
    // Commands wait through a Redis outage instead of failing (maxRetriesPerRequest: null), so
    // connection errors arrive here: say so, or an unreachable Redis is a silent hang.
    this.queue.on('error', (error) => this.warn(error));
    this.runs = plan.configurations.map(() => new Map());
    this.checks = readCrossChecks(plan.crossCheck.file);
  }

  /** Adds the job unless Redis holds it; a job that failed before (e.g. a killed coordinator's failed run) is retried. */
  async ensure(id: string, data: QueueJobData): Promise<void> {
    const job = await this.queue.getJob(id);
    if (job === undefined) await this.queue.add(data.kind, data, { ...JOB_OPTIONS, jobId: id });
    else if (job.finishedOn !== undefined && (job.returnvalue === null || job.returnvalue === undefined) && (await job.getState()) === 'failed') await job.retry('failed');
  }

  async start(): Promise<void> {
    const { plan } = this;
    const base = plan.configurations.map((c) => ({ c, scriptSha256: fileSha256(c.script) }));
    const all: Tracked[] = [];
    base.forEach(({ c, scriptSha256 }, index) => {
      const stored = plan.store.runsOf(c.name);
      for (const seed of plan.seeds) {
        const data: QueueJobData = { format: 1, kind: 'run', config: c.name, script: c.script, scriptSha256, args: [...c.args], env: { ...c.env }, seed, data: [...plan.data], ...(plan.runner === undefined ? {} : { runner: plan.runner }) };
        const run = stored.get(seed);
        if (run !== undefined) {
          if (run.source !== undefined && run.source !== scriptSha256) throw new Error(`${plan.store.path}: the stored runs of '${c.name}' were made by other code (source ${run.source.slice(0, 12)}…, now ${scriptSha256.slice(0, 12)}…); pass another results file, or delete it to start over`);
          this.runs[index]?.set(seed, { seed, metrics: run.metrics, durationMs: run.durationMs });
        }
        all.push({ id: jobId(data), data, index, stored: run !== undefined });
      }
    });
    this.chosen = crossCheckDraw(all.map((t) => t.id), plan.crossCheck.fraction, plan.crossCheck.seed);
    this.total = all.length + this.chosen.size;
    for (const t of all) if (!t.stored || (this.chosen.has(t.id) && !this.checks.has(t.id))) this.pending.set(t.id, [...(this.pending.get(t.id) ?? []), t]);
    for (const [id, group] of this.pending) await this.ensure(id, (group[0] as Tracked).data);
  }

  /** Runs finished plus cross-checks done, of this plan (the outcomes file may hold other plans' too). */
  done(): number {
    return this.runs.reduce((n, r) => n + r.size, 0) + [...this.checks.keys()].filter((id) => this.chosen.has(id)).length;
  }

  /** One look at every pending job. */
  async poll(): Promise<void> {
    for (const [id, group] of [...this.pending]) {
      const t = group[0] as Tracked;
      const job = await this.queue.getJob(id);
      if (job === undefined) { // Redis lost it (restarted without persistence): enqueue it again
        await this.queue.add(t.data.kind, t.data, { ...JOB_OPTIONS, jobId: id });
        continue;
      }
      if ((job.stalledCounter ?? 0) > 0) this.retried.add(id); // given back after a lost worker (a cross-check handed back by its first worker is not a retry)
      if (job.finishedOn === undefined) continue;
      this.pending.delete(id);
      if (job.returnvalue === null || job.returnvalue === undefined) for (const g of group) this.failures.push(`${g.data.config}, seed ${g.data.seed}${g.data.kind === 'verify' ? ' (cross-check)' : ''}: ${job.failedReason ?? 'failed'}`);
      else await this.finished(group, job);
    }
  }

  async finished(group: readonly Tracked[], job: Job<QueueJobData, QueueJobResult>): Promise<void> {
    const t = group[0] as Tracked;
    const result = job.returnvalue;
    const { plan } = this;
    if (t.data.kind === 'verify') {
      const first = this.firsts.get(t.id.replace(/-verify$/, ''));
      if (first === undefined) return;
      const check = crossCheck(t.id.replace(/-verify$/, ''), t.data.config, t.data.seed, first, result);
      appendCrossCheck(plan.crossCheck.file, check);
      this.checks.set(check.id, check);
      if (!check.match) plan.onMismatch?.(formatMismatch(check, first, result, plan.crossCheck.logsDir));
      return;
    }
    const metrics = checkMetrics(decodeMetrics(result.metrics, `${t.data.config}, seed ${t.data.seed}`), `${t.data.config}, seed ${t.data.seed}`);
    for (const g of group) {
      if (g.stored) continue;
      const run: RepeatRun = { seed: g.data.seed, metrics, durationMs: result.durationMs };
      plan.store.append(g.data.config, run, g.data.scriptSha256);
      this.runs[g.index]?.set(run.seed, run);
    }
    if (this.chosen.has(t.id) && !this.checks.has(t.id)) {
      this.firsts.set(t.id, result);
      const data: QueueJobData = { ...t.data, kind: 'verify', avoidWorker: result.worker };
      const id = verifyJobId(t.id);
      const tracked = { id, data, index: t.index, stored: true };
      this.pending.set(id, [tracked]);
      await this.ensure(id, data);
    }
  }

  async status(): Promise<QueueStatus> {
    const workers = (await this.queue.getWorkers()).length;
    const running = await this.queue.getActiveCount();
    if (workers < 2 && !this.toldOneWorker && [...this.pending.values()].some((g) => g[0]?.data.kind === 'verify')) {
      this.toldOneWorker = true;
      this.plan.warn?.(`cross-checks run on a worker other than the first run's, and ${workers} worker${workers === 1 ? ' is' : 's are'} connected: they wait for a second one (start another 'samebits worker')`);
    }
    const checks = [...this.checks.values()].filter((c) => this.chosen.has(c.id));
    return { total: this.total, done: this.done(), failed: this.failures.length, running, retried: this.retried.size, workers, crossChecked: checks.length, mismatches: checks.filter((c) => !c.match).length };
  }

  warn(error: unknown): void {
    const now = Date.now(); // determinism-ok: throttles a warning, never a result
    if (now - this.lastWarning < 5000) return;
    this.lastWarning = now;
    this.plan.warn?.(`queue: ${error instanceof Error ? error.message : String(error)}; retrying`);
  }
}

/**
 * Runs a plan on the queue at `plan.url` and resolves when every job has finished (workers
 * started elsewhere with `samebits worker` do the runs). Throws after the last job if any run
 * failed; the finished ones are in the results file.
 * @example const { runs, crossChecks } = await runOnQueue(plan);
 */
export async function runOnQueue(plan: QueuePlan): Promise<QueueOutcome> {
  const c = new Coordinator(plan);
  try {
    for (;;) {
      try {
        await c.start();
        break;
      } catch (error) {
        if (!/ECONNREFUSED|Connection is closed|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH/.test(String(error))) throw error;
        c.warn(error);
        await sleep(plan.timings.pollMs);
      }
    }
    const hadWork = c.pending.size > 0;
    while (c.pending.size > 0) {
      try {
        await c.poll();
        plan.progress?.(await c.status());
      } catch (error) {
        c.warn(error);
      }
      if (c.pending.size > 0) await sleep(plan.timings.pollMs);
    }
    // With nothing left to do (every run in the results file) Redis need not even be up.
    if (hadWork) plan.progress?.({ ...(await c.status()), final: true });
  } finally {
    await c.queue.close();
  }
  if (c.failures.length > 0) throw new Error(`${c.failures.length} run${c.failures.length === 1 ? '' : 's'} failed on the workers:\n${c.failures.join('\n')}`);
  const runs = c.runs.map((m) => [...m.values()].sort((a, b) => a.seed - b.seed));
  const crossChecks = [...c.checks.values()].filter((k) => c.chosen.has(k.id)).sort((a, b) => (a.config === b.config ? a.seed - b.seed : a.config < b.config ? -1 : 1));
  return { runs, crossChecks };
}
