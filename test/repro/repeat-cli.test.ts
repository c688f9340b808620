import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { parseSeeds, repeatCommand } from '../../src/cli/commands/repeat.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const fast = fileURLToPath(new URL('./repeat-fast.mjs', import.meta.url));
const fastB = fileURLToPath(new URL('./repeat-fast-b.mjs', import.meta.url));
const trainingScript = fileURLToPath(new URL('./repeat-script.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const scratch = tempDirs('samebits-repeat-cli-');

/** The complete run lines of a results file (the header and a cut-short last line left out). */
function runLines(path: string): { config: string; seed: number }[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').slice(1, -1).map((l) => JSON.parse(l) as { config: string; seed: number });
}

/** Runs `samebits repeat` in this process; resolves to its exit code, stdout and stderr. */
async function repeatHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { stdout += `${a.join(' ')}\n`; });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { stderr += `${a.join(' ')}\n`; });
  try {
    const code = await repeatCommand.run(args);
    return { code, stdout, stderr };
  } finally {
    for (const spy of [out, err, log, error]) spy.mockRestore();
  }
}

describe('samebits repeat: durability under SIGKILL', () => {
  it('loses no finished run when killed, skips them when restarted, and ends with the statistics of an uninterrupted repeat', async () => {
    const dir = scratch();
    const results = join(dir, 'runs.jsonl');
    const env = { ...process.env, REPEAT_TEST_DELAY_MS: '300' };
    const args = (path: string): string[] => ['--import', tsx, cli, 'repeat', fast, '--runs', '8', '--parallel', '2', '--results', path, '--json'];

    // 1. Start the repeat in its own process group and SIGKILL the whole group (the CLI and the
    //    runs in flight, as Ctrl-C would reach them) once three runs are on disk.
    const victim = spawn(process.execPath, args(results), { env, detached: true, stdio: 'ignore' });
    const killed = new Promise<NodeJS.Signals | null>((resolve) => victim.on('exit', (_code, signal) => resolve(signal)));
    while (runLines(results).length < 3) await new Promise((resolve) => setTimeout(resolve, 25));
    process.kill(-(victim.pid as number), 'SIGKILL');
    expect(await killed).toBe('SIGKILL');
    const survived = runLines(results);
    expect(survived.length).toBeGreaterThanOrEqual(3);
    expect(survived.length).toBeLessThan(8);

    // 2. Restart with the same arguments: the finished runs are skipped, the rest run once.
    const run = promisify(execFile);
    const [resumed, uninterrupted] = await Promise.all([
      run(process.execPath, args(results), { env, encoding: 'utf8' }),
      run(process.execPath, args(join(dir, 'uninterrupted.jsonl')), { env, encoding: 'utf8' }),
    ]);
    expect(resumed.stderr).toContain(`repeat repeat-fast: 8 runs, ${survived.length} already done, 2 at a time`);
    expect(resumed.stderr.match(/run \d+\/8 done/g)).toHaveLength(8 - survived.length);
    const seeds = runLines(results).map((r) => r.seed).sort((a, b) => a - b);
    expect(seeds).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // 3. The statistics are those of the uninterrupted repeat, byte for byte.
    expect(resumed.stdout).toBe(uninterrupted.stdout);
    const summary = JSON.parse(resumed.stdout) as { configurations: { seeds: number[]; metrics: { accuracy: { n: number } } }[] };
    expect(summary.configurations[0]?.seeds).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(summary.configurations[0]?.metrics.accuracy.n).toBe(8);
  });
});

describe('samebits repeat', () => {
  it('compares two configurations in plain words and writes a self-contained report', async () => {
    const dir = scratch();
    const { code, stdout, stderr } = await repeatHere([fast, fastB, '--runs', '6', '--parallel', '2', '--results', join(dir, 'runs.jsonl'), '--report', join(dir, 'report')]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^repeat-fast: 6 runs \(seeds 1–6\)\n {2}metric +mean +std +sem +95% CI \(t\) +95% CI \(bootstrap\) +median +min +max\n {2}accuracy /);
    expect(stdout).toMatch(/accuracy: repeat-fast-b is better in \d+% of seed pairs \(mean accuracy 0\.\d+ for repeat-fast, 0\.\d+ for repeat-fast-b; repeat-fast-b − repeat-fast = \+0\.012, bootstrap 95% CI \[.*\]\); the difference is significant at 5% with 6 runs each/);
    expect(stderr).toContain('repeat repeat-fast-b: run 6/6 done');
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
    for (const file of ['summary.json', 'distribution-accuracy.svg', 'curve-loss.svg']) expect(existsSync(join(dir, 'report', file)), file).toBe(true);
  });

  it('runs a TypeScript training script that reports through reportMetrics', async () => {
    const dir = scratch();
    const { code, stdout, stderr } = await repeatHere([trainingScript, '--runs', '2', '--parallel', '2', '--results', join(dir, 'runs.jsonl')]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/repeat-script: 2 runs \(seeds 1–2\)\n.*\n {2}mse +0\.\d+/);
    const lines = runLines(join(dir, 'runs.jsonl')) as unknown as { metrics: { loss: number[]; mse: number } }[];
    expect(lines.map((l) => l.metrics.loss.length)).toEqual([15, 15]);
    expect(lines[0]?.metrics.mse).not.toBe(lines[1]?.metrics.mse);
  });

  it('stops on a failing run with its error, keeping the runs that finished', async () => {
    const dir = scratch();
    vi.stubEnv('REPEAT_TEST_FAIL_SEED', '3');
    const { code, stderr } = await repeatHere([fast, '--runs', '5', '--results', join(dir, 'runs.jsonl')]);
    vi.unstubAllEnvs();
    expect(code).toBe(1);
    expect(stderr).toMatch(/samebits repeat: seed 3: '.*repeat-fast\.mjs' exited with code 3:\nseed 3: planted failure/);
    expect(runLines(join(dir, 'runs.jsonl')).map((r) => r.seed)).toEqual([1, 2]);
  });

  it('refuses stored runs made by another version of the script', async () => {
    const dir = scratch();
    const results = join(dir, 'runs.jsonl');
    expect((await repeatHere([fast, '--runs', '2', '--results', results])).code).toBe(0);
    const { code, stderr } = await repeatHere([fastB, '--runs', '2', '--results', results]);
    expect(code).toBe(0); // another configuration name: no clash
    expect(stderr).not.toContain('other code');
    const text = readFileSync(results, 'utf8').replace(/"source":"[0-9a-f]+"/, '"source":"0000"');
    const edited = join(dir, 'edited.jsonl');
    (await import('node:fs')).writeFileSync(edited, text);
    const clash = await repeatHere([fast, '--runs', '2', '--results', edited]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/the stored runs of 'repeat-fast' were made by other code/);
  });

  it('explains its usage and rejects bad options with exit status 2', async () => {
    const help = await repeatHere(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: samebits repeat <script>');
    const none = await repeatHere([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('samebits repeat: expected at least one training script');
    const bad = await repeatHere([fast, '--runs', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--runs: expected a positive integer, received 'many'");
  });

  it('parses seed lists and ranges', () => {
    expect(parseSeeds('1-3,7,10-11')).toEqual([1, 2, 3, 7, 10, 11]);
    expect(() => parseSeeds('1-3,2')).toThrow(/seed 2 is listed twice/);
    expect(() => parseSeeds('a')).toThrow(/expected integers and ranges/);
  });
});
