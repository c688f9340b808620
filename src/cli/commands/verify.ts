import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { diffLogs } from '../../repro/diff.js';
import { formatComparison } from '../../repro/diff-format.js';
import type { FingerprintLog } from '../../repro/log-format.js';
import { parseFingerprintLog } from '../../repro/log-format.js';
import type { RunManifest } from '../../repro/manifest.js';
import { readManifest } from '../../repro/manifest.js';
import type { ManifestComparison } from '../../repro/manifest-compare.js';
import { compareManifests } from '../../repro/manifest-compare.js';
import { makeScratchDir } from '../../repro/scratch-dir.js';
import type { CommandLine } from '../run-script.js';
import { readRunOutputs, reproEnvironment, runChild, tail } from '../run-script.js';
import { UserError, checkUserFile, guarded, readUserFile } from '../user-error.js';
import type { Command } from './types.js';

const HELP = `Usage: samebits verify <manifest.json> [--log run.jsonl] [--dry-run] [-- command ...]

Re-runs a training run recorded in a run manifest (written by samebits check, the
runManifest callback or SAMEBITS_MANIFEST) and compares: it lists what differs in the
environment (runtime, OS, CPU, SameBits version, lockfile), states what the contract
expects, and reports whether the final fingerprints match. The command is the one after
'--', or else the one recorded in the manifest.

Security: verify runs the recorded command; only verify manifests you trust. It prints the
command before running it; --dry-run shows it without running anything.

Options:
  --log FILE   the recorded run's fingerprint log: on a mismatch, show where the runs part
  --dry-run    print the command and the comparison plan, run nothing (exit status 0)
  -h, --help   show this help

Exit status: 0 when the re-run has the recorded bits, 1 when not (or it fails), 2 on a usage error.`;

const CONTRACT = 'same code, same seed, same data give the same bits in every run, with any number of threads, on any CPU and in any JavaScript engine';

function report(c: ManifestComparison, line: string[], print: (s: string) => void): void {
  if (c.environment.length === 0) print('environment: the same (SameBits version, runtime, OS, CPU, threads, lockfile)');
  else {
    print('environment differences (recorded -> now):');
    for (const d of c.environment) print(`  ${d.field}: ${d.a} -> ${d.b}`);
  }
  if (c.inputs.length === 0) {
    print('inputs: the same (seed, model, optimizer, loss, metrics, fit options, training data)');
    print(`expected: the same bits. The contract: ${CONTRACT}${c.environment.length > 0 ? '; the environment differences above must not change them' : ''}.`);
  } else {
    print('input differences (recorded -> now):');
    for (const d of c.inputs) print(`  ${d.field}: ${d.a.slice(0, 100)} -> ${d.b.slice(0, 100)}`);
    print(`expected: possibly different bits: the inputs differ, so the contract (${CONTRACT}) does not apply`);
  }
  if (c.sameBits) print(`result: bit-identical (fingerprint ${String(c.fingerprints.a)})`);
  else print(`result: the bits DIFFER: fingerprint ${String(c.fingerprints.a)} (recorded) vs ${String(c.fingerprints.b)} (now, by ${line.join(' ')})`);
}

/** The recorded manifest and log, checked before anything runs. */
async function readRecorded(manifestPath: string, logPath: string | undefined): Promise<{ recorded: RunManifest; recordedLog: FingerprintLog | undefined }> {
  checkUserFile(manifestPath, 'manifest');
  try {
    const recorded = await readManifest(manifestPath);
    const recordedLog = logPath === undefined ? undefined : parseFingerprintLog(readUserFile(logPath, 'log'), logPath);
    return { recorded, recordedLog };
  } catch (error) {
    throw error instanceof UserError ? error : new UserError((error as Error).message);
  }
}

/** What --dry-run prints after the command: what would be compared with what. */
function printPlan(recorded: RunManifest, logPath: string | undefined): void {
  console.log(`would compare with the recorded run: environment (SameBits version, runtime, OS, CPU, threads, lockfile), inputs (seed, model, optimizer, loss, metrics, fit options, training data), and the final fingerprint ${recorded.result?.fingerprint ?? '(none recorded)'}`);
  if (logPath !== undefined) console.log(`on a mismatch: where the runs part, step by step, against the log ${logPath}`);
  console.log('dry run: nothing was run');
}

async function verify(manifestPath: string, command: string[] | undefined, logPath: string | undefined, dryRun: boolean): Promise<number> {
  const { recorded, recordedLog } = await readRecorded(manifestPath, logPath);
  const argv = command ?? recorded.command ?? undefined;
  if (!argv || argv.length === 0) {
    console.error(`samebits verify: '${manifestPath}' records no command; give one after '--', e.g. samebits verify ${manifestPath} -- node train.js`);
    return 2;
  }
  const whose = command ? 'the command given after \'--\'' : `the command recorded in ${manifestPath}`;
  console.log(`samebits verify: ${dryRun ? 'would run' : 'running'} ${whose}: ${argv.join(' ')}`);
  if (dryRun) {
    printPlan(recorded, logPath);
    return 0;
  }
  const line: CommandLine = { command: argv[0] as string, args: argv.slice(1) };
  const dir = makeScratchDir('samebits-verify');
  try {
    const paths = { log: join(dir, 'rerun.jsonl'), manifest: join(dir, 'rerun.manifest.json') };
    const result = await runChild(line, reproEnvironment(paths, { every: 'epoch', values: 1_000_000 }, line)).catch((error: Error) => {
      throw new UserError(error.message);
    });
    if (result.code !== 0) {
      console.log(`the command FAILED (exit ${result.code})\n${tail(result.stderr || result.stdout)}`);
      return 1;
    }
    const { log, manifest } = await readRunOutputs(paths);
    if (!manifest) {
      console.log('the command never trained with SameBits (neither model.fit nor an optimizer\'s minimize or applyGradients; no manifest was written); nothing to compare');
      return 1;
    }
    const comparison = compareManifests(recorded, manifest);
    report(comparison, argv, console.log);
    if (!comparison.sameBits && recordedLog !== undefined) {
      console.log(formatComparison(diffLogs(recordedLog, log), { a: 'recorded', b: 'now' }));
    }
    return comparison.sameBits ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `samebits verify manifest.json -- command`: does a re-run have the recorded bits? */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Re-run a recorded training run (a run manifest) and check that it has the same bits.',
  run: guarded('verify', async (argv) => {
    const cut = argv.indexOf('--');
    const own = cut < 0 ? [...argv] : argv.slice(0, cut);
    const command = cut < 0 ? undefined : argv.slice(cut + 1);
    let parsed;
    try {
      parsed = parseArgs({ args: own, allowPositionals: true, options: { log: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      console.error(`samebits verify: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (parsed.values.help) {
      console.log(HELP);
      return 0;
    }
    const [manifestPath, ...extra] = parsed.positionals;
    if (manifestPath === undefined || extra.length > 0) {
      console.error(`samebits verify: expected one manifest file${extra.length > 0 ? ` (put the command after '--': ${extra.join(' ')})` : ''}\n\n${HELP}`);
      return 2;
    }
    return verify(manifestPath, command?.length ? command : undefined, parsed.values.log, parsed.values['dry-run'] ?? false);
  }),
};
