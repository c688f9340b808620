import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CheckRun } from '../../repro/check.js';
import { compareRuns, formatVerdict } from '../../repro/check.js';
import { makeScratchDir } from '../../repro/scratch-dir.js';
import { readRunOutputs, reproEnvironment, runChild, scriptCommandLine, tail } from '../run-script.js';
import { checkUserDirectory, checkUserFile, guarded } from '../user-error.js';
import type { Command } from './types.js';

const HELP = `Usage: samebits check <script> [options] [-- script arguments]

Runs a training script (TypeScript via node --import tsx, JavaScript via node) in fresh
processes with fingerprint logging switched on from outside (the script needs no change
beyond training with SameBits), compares the runs step by step, and prints either
"reproducible: N runs bit-identical (fingerprint ...)" or the first divergence, with its
likely cause. Each run also writes a run manifest.

Custom training loops (optimizer.minimize or applyGradients on tf.variables, no model.fit)
are checked too: the variables the optimizers updated are logged after every optimizer step
(every N steps with --every N; a loop has no epochs, so 'epoch' and 'batch' both mean every
step) and once more when the process exits; the final fingerprint is theirs.

Options:
  --runs N            number of runs (default 2)
  --threads 1,2,...   give the runs these thread counts in turn (SAMEBITS_THREADS; at least one run each):
                      the bits must not depend on the number of threads
  --every WHEN        log after every 'epoch' (default), every 'batch', or every N steps (custom loops: every step, or every N)
  --values N          store values of tensors of at most N elements, for sizes of differences (default 1000000; 0: hashes only)
  --gradients         log gradients too
  --slots             log optimizer slots too
  --out DIR           keep the logs and manifests in DIR (run-1.jsonl, run-1.manifest.json, ...)
  -h, --help          show this help

Exit status: 0 when all runs are bit-identical, 1 when they differ or a run fails, 2 on a usage error.`;

interface CheckOptions {
  script: string;
  scriptArgs: string[];
  runs: number;
  threads: number[] | undefined;
  logger: Record<string, unknown>;
  out: string | undefined;
}

function parse(argv: readonly string[]): CheckOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '2' }, threads: { type: 'string' }, every: { type: 'string', default: 'epoch' },
      values: { type: 'string', default: '1000000' }, gradients: { type: 'boolean' }, slots: { type: 'boolean' }, out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [script, ...scriptArgs] = positionals;
  if (script === undefined) throw new Error('expected a script to run');
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 2) throw new Error(`--runs must be an integer of at least 2. Received: ${values.runs}`);
  const threads = values.threads?.split(',').map(Number);
  if (threads && threads.some((t) => !Number.isInteger(t) || t < 1 || t > 16)) throw new Error(`--threads must list integers from 1 to 16, e.g. 1,2,4. Received: ${String(values.threads)}`);
  const every = /^\d+$/.test(values.every) ? Number(values.every) : values.every;
  if (every !== 'epoch' && every !== 'batch' && !(typeof every === 'number' && every >= 1)) throw new Error(`--every must be epoch, batch or a positive integer. Received: ${values.every}`);
  const limit = Number(values.values);
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`--values must be a non-negative integer. Received: ${values.values}`);
  const logger = { every, values: limit, gradients: values.gradients ?? false, optimizerSlots: values.slots ?? false };
  return { script, scriptArgs, runs, threads, logger, out: values.out };
}

/** Runs the script `runs` times and compares the runs; resolves to the exit status. */
async function check(o: CheckOptions): Promise<number> {
  checkUserFile(o.script, 'script');
  if (o.out !== undefined) checkUserDirectory(o.out, '--out');
  const dir = o.out ?? makeScratchDir('samebits-check');
  mkdirSync(dir, { recursive: true });
  const line = scriptCommandLine(o.script, o.scriptArgs);
  const counts = o.threads ?? [];
  const total = Math.max(o.runs, counts.length);
  const threadsOf = (i: number): number | undefined => counts[(i - 1) % Math.max(counts.length, 1)];
  console.log(`samebits check: ${total} runs of ${o.script} in fresh processes (${line.runner})${counts.length > 0 ? `, with ${counts.join(', ')} threads in turn` : ''}`);
  try {
    const runs: CheckRun[] = [];
    for (let i = 1; i <= total; i++) {
      const paths = { log: join(dir, `run-${i}.jsonl`), manifest: join(dir, `run-${i}.manifest.json`) };
      rmSync(paths.log, { force: true });
      rmSync(paths.manifest, { force: true });
      const threads = threadsOf(i);
      const env = { ...reproEnvironment(paths, o.logger, line), ...(threads === undefined ? {} : { SAMEBITS_THREADS: String(threads) }) };
      const started = performance.now(); // determinism-ok: wall-clock time for the progress line only
      const result = await runChild(line, env);
      const seconds = ((performance.now() - started) / 1000).toFixed(1); // determinism-ok: as above
      if (result.code !== 0) {
        console.log(`run ${i}/${total}: FAILED (exit ${result.code})\n${tail(result.stderr || result.stdout)}`);
        return 1;
      }
      const outputs = await readRunOutputs(paths);
      if (outputs.log.fits.length === 0) {
        console.log(`run ${i}/${total}: the script never trained with SameBits (neither model.fit nor an optimizer's minimize or applyGradients ran, so no fingerprint log was written); nothing to compare`);
        return 1;
      }
      runs.push(outputs);
      console.log(`run ${i}/${total}: done in ${seconds} s${threads === undefined ? '' : ` (${threads} thread${threads === 1 ? '' : 's'})`}`);
    }
    const verdict = compareRuns(runs);
    console.log(formatVerdict(verdict));
    const first = verdict.comparison?.first;
    const loop = first?.kind === 'batch' && first.batch === null; // a custom loop logs every step already
    if (first && first.kind !== 'begin' && loop && !o.logger['gradients']) {
      console.log(`to see whether the gradients part first: samebits check ${o.script} --gradients`);
    } else if (first && first.kind !== 'begin' && !loop && (o.logger['every'] !== 'batch' || !o.logger['gradients'])) {
      console.log(`to see the exact step and whether the gradients part first: samebits check ${o.script} --every batch --gradients`);
    }
    if (o.out) console.log(`logs and manifests: ${dir} (compare two with: samebits diff ${join(dir, 'run-1.jsonl')} ${join(dir, `run-${verdict.differingRuns[0] ?? 2}.jsonl`)})`);
    return verdict.reproducible ? 0 : 1;
  } finally {
    if (!o.out) rmSync(dir, { recursive: true, force: true });
  }
}

/** `samebits check script`: are repeated runs of a training script bit-identical? */
export const checkCommand: Command = {
  name: 'check',
  summary: 'Run a training script in fresh processes and check that the runs are bit-identical.',
  run: guarded('check', async (argv) => {
    let options: CheckOptions | 'help';
    try {
      options = parse(argv);
    } catch (error) {
      console.error(`samebits check: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (options === 'help') {
      console.log(HELP);
      return 0;
    }
    return check(options);
  }),
};
