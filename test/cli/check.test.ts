import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptCommandLine } from '../../src/cli/run-script.js';
import { runCommand } from './helpers.js';

const fixture = (name: string): string => `test/cli/fixtures/${name}.ts`;
const out = mkdtempSync(join(tmpdir(), 'samebits-check-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('samebits check', () => {
  it('passes a deterministic script: 2 runs bit-identical, with the fingerprint its manifests record', async () => {
    const { code, output } = await runCommand('check', [fixture('deterministic'), '--runs', '2', '--threads', '1,2,3', '--out', out]);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'run-1.manifest.json'), 'utf8')) as { result: { fingerprint: string }; command: string[] };
    expect(output).toContain(`reproducible: 3 runs bit-identical (fingerprint ${manifest.result.fingerprint})`);
    expect(output).toContain('with 1, 2, 3 threads in turn');
    expect(output).toContain('run 3/3: done in');
    expect(output).toMatch(/run 2\/3: done in [\d.]+ s \(2 threads\)/);
    expect(manifest.command).toEqual(['node', '--import', 'tsx', fixture('deterministic')]);
  });

  it('catches Math.random in data preparation: the weights part after the first epoch, the rows differ', async () => {
    const { code, output } = await runCommand('check', [fixture('math-random-data')]);
    expect(code).toBe(1);
    expect(output).toContain('NOT reproducible: run 2 of 2 differs from run 1');
    expect(output).toContain('first divergence: at the end of epoch 0 (after step 2; counting from 0); the 1 logged record before it is bit-identical');
    expect(output).toMatch(/weight +dense(_\d+)?\/kernel \[4,8\]: \d+ of 32 elements differ; max abs/);
    expect(output).toContain('the training data differ between runs (different rows)');
    expect(output).toContain('usual culprits:');
  });

  it('catches a Date-based seed: the initial weights differ and the seeds are named', async () => {
    const { code, output } = await runCommand('check', [fixture('date-seed')]);
    expect(code).toBe(1);
    expect(output).toContain('first divergence: before the first step (the initial weights)');
    expect(output).toMatch(/the runs used different seeds \(seed: \d+ vs \d+\)/);
  });

  it('catches input files read in directory order: the same rows in another order', async () => {
    const { code, output } = await runCommand('check', [fixture('readdir-order')]);
    expect(code).toBe(1);
    expect(output).toContain('first divergence: at the end of epoch 0');
    expect(output).toContain('training data (as given, in order)');
    expect(output).not.toContain('training data (the set of rows)');
    expect(output).toContain('the training data hold the same rows in a different order in each run');
  });

  it('passes a deterministic custom loop (minimize, no fit): the final fingerprint is that of the updated variables', async () => {
    const dir = join(out, 'loop');
    const { code, output } = await runCommand('check', [fixture('custom-loop'), '--out', dir]);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'run-1.manifest.json'), 'utf8')) as { result: { fingerprint: string }; fit: unknown; optimizer: { className: string } };
    expect(output).toContain(`reproducible: 2 runs bit-identical (fingerprint ${manifest.result.fingerprint})`);
    expect(manifest).toMatchObject({ fit: { loop: 'custom', steps: 5 }, optimizer: { className: 'Adam' } });
    const log = readFileSync(join(dir, 'run-1.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; step?: number; loss?: unknown; fingerprint?: string });
    expect(log.map((r) => r.kind)).toEqual(['header', 'begin', 'batch', 'batch', 'batch', 'batch', 'batch', 'end']); // every step, then at exit
    expect(log[2]?.loss).toEqual(expect.any(Number)); // minimize's cost
    expect(log.at(-1)?.fingerprint).toBe(manifest.result.fingerprint);
  });

  it('catches Math.random in a custom loop\'s minibatches at the first step (applyGradients, no fit)', async () => {
    const { code, output } = await runCommand('check', [fixture('custom-loop-math-random'), '--gradients']);
    expect(code).toBe(1);
    expect(output).toContain('NOT reproducible: run 2 of 2 differs from run 1');
    expect(output).toContain('first divergence: after step 0 (counting optimizer steps from 0); the 1 logged record before it is bit-identical');
    expect(output).toContain('first tensor to differ: w (gradient)');
    expect(output).toMatch(/weight +b \[1\]: 1 of 1 elements differ; max abs/);
    expect(output).toContain('a custom loop records no data hash');
  });

  it('logs a custom loop every N steps with --every N', async () => {
    const dir = join(out, 'loop-every');
    expect((await runCommand('check', [fixture('custom-loop'), '--every', '2', '--out', dir])).code).toBe(0);
    const steps = readFileSync(join(dir, 'run-2.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; step: number }).filter((r) => r.kind !== 'header').map((r) => `${r.kind} ${r.step}`);
    expect(steps).toEqual(['begin -1', 'batch 1', 'batch 3', 'end 4']);
  });

  it('logs fit and a custom loop after it as two sections of one log', async () => {
    const dir = join(out, 'fit-then-loop');
    const { code, output } = await runCommand('check', [fixture('fit-then-loop'), '--out', dir]);
    expect(code).toBe(0);
    expect(output).toContain('reproducible: 2 runs bit-identical');
    const headers = readFileSync(join(dir, 'run-1.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; params?: unknown }).filter((r) => r.kind === 'header');
    expect(headers.map((h) => h.params)).toEqual([expect.objectContaining({ epochs: 3 }), { loop: 'custom' }]);
  });

  it('runs TypeScript through tsx and JavaScript with plain node', () => {
    expect(scriptCommandLine('train.ts', ['a'])).toEqual({ command: process.execPath, args: ['--import', 'tsx', 'train.ts', 'a'], runner: 'node --import tsx' });
    expect(scriptCommandLine('train.mjs', [])).toEqual({ command: process.execPath, args: ['train.mjs'], runner: 'node' });
  });

  it('refuses bad options and a missing script with exit status 2', async () => {
    expect((await runCommand('check', [fixture('deterministic'), '--runs', '1'])).output).toMatch(/--runs must be an integer of at least 2. Received: 1/);
    expect((await runCommand('check', [fixture('deterministic'), '--threads', '0'])).code).toBe(2);
    const over = await runCommand('check', [fixture('deterministic'), '--threads', '1,100']);
    expect(over.code).toBe(2);
    expect(over.output).toContain('--threads must list integers from 1 to 16');
    expect(await runCommand('check', ['no-such-script.ts'])).toEqual({ code: 2, output: 'samebits check: no such script: no-such-script.ts' });
    expect((await runCommand('check', ['--help'])).output).toMatch(/^Usage: samebits check <script>/);
  });
});
