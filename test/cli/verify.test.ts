import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINGERPRINT_LOG_ENV, MANIFEST_ENV } from '../../src/repro/environment.js';
import { runCommand } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-verify-test-'));
const manifest = join(dir, 'recorded.json');
const log = join(dir, 'recorded.jsonl');
const bun = fileURLToPath(new URL('../../node_modules/.bin/bun', import.meta.url));
const deterministic = 'test/cli/fixtures/deterministic.ts';
let recordedFingerprint = '';

beforeAll(() => {
  // The recorded run: the fixture run once with the manifest and the log switched on from outside.
  execFileSync(process.execPath, ['--import', 'tsx', deterministic], { env: { ...process.env, [MANIFEST_ENV]: manifest, [FINGERPRINT_LOG_ENV]: log } });
  recordedFingerprint = (JSON.parse(readFileSync(manifest, 'utf8')) as { result: { fingerprint: string } }).result.fingerprint;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('samebits verify', () => {
  it('re-runs the command and reports the same environment, the same inputs and the same bits', async () => {
    const { code, output } = await runCommand('verify', [manifest, '--', process.execPath, '--import', 'tsx', deterministic]);
    expect(code).toBe(0);
    expect(output).toContain('environment: the same (SameBits version, runtime, OS, CPU, threads, lockfile)');
    expect(output).toContain('inputs: the same (seed, model, optimizer, loss, metrics, fit options, training data)');
    expect(output).toContain('expected: the same bits. The contract: same code, same seed, same data give the same bits');
    expect(output).toContain(`result: bit-identical (fingerprint ${recordedFingerprint})`);
  });

  it('lists another JavaScript engine (Bun) as an environment difference, and the bits still match', async () => {
    const { code, output } = await runCommand('verify', [manifest, '--', bun, deterministic]);
    expect(output).toMatch(/environment differences \(recorded -> now\):\n {2}runtime: node [\d.]+ -> bun [\d.]+\n/);
    expect(output).toContain('the environment differences above must not change them.');
    expect(output).toContain(`result: bit-identical (fingerprint ${recordedFingerprint})`);
    expect(code).toBe(0);
  });

  it('reports different bits, the inputs that differ and, given the log, where the runs part', async () => {
    const { code, output } = await runCommand('verify', [manifest, '--log', log, '--', process.execPath, '--import', 'tsx', 'test/cli/fixtures/date-seed.ts']);
    expect(code).toBe(1);
    expect(output).toMatch(/input differences \(recorded -> now\):\n {2}seed: 7 -> \d+\n/);
    expect(output).toContain('expected: possibly different bits: the inputs differ');
    expect(output).toContain(`result: the bits DIFFER: fingerprint ${recordedFingerprint} (recorded) vs `);
    expect(output).toContain('first divergence: before the first step (the initial weights)');
  });

  it('needs a command when the manifest records none', async () => {
    expect(await runCommand('verify', [manifest])).toEqual({ code: 2, output: `samebits verify: '${manifest}' records no command; give one after '--', e.g. samebits verify ${manifest} -- node train.js` });
  });
});

describe('samebits verify runs the recorded command: it says so, and --dry-run runs nothing', () => {
  const marker = join(dir, 'ran.txt');
  const planted = join(dir, 'planted.json');
  beforeAll(() => {
    const recorded = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    writeFileSync(planted, JSON.stringify({ ...recorded, command: [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`] }));
  });

  it('warns in --help and in the README that the recorded command is run', async () => {
    const { code, output } = await runCommand('verify', ['--help']);
    expect(code).toBe(0);
    expect(output).toContain('verify runs the recorded command; only verify manifests you trust');
    expect(output).toContain('--dry-run');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('verify runs the recorded command; only verify manifests you trust');
  });

  it('--dry-run prints the command and the comparison plan, runs nothing, and exits 0', async () => {
    const { code, output } = await runCommand('verify', [planted, '--dry-run', '--log', log]);
    expect(code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(output).toContain(`samebits verify: would run the command recorded in ${planted}: ${process.execPath} -e require('fs').writeFileSync(`);
    expect(output).toContain(`would compare with the recorded run: environment (SameBits version, runtime, OS, CPU, threads, lockfile), inputs (seed, model, optimizer, loss, metrics, fit options, training data), and the final fingerprint ${recordedFingerprint}`);
    expect(output).toContain(`on a mismatch: where the runs part, step by step, against the log ${log}`);
    expect(output).toContain('dry run: nothing was run');
  });

  it('prints the recorded command before running it', async () => {
    const { code, output } = await runCommand('verify', [planted]);
    expect(existsSync(marker)).toBe(true);
    expect(output.split('\n')[0]).toBe(`samebits verify: running the command recorded in ${planted}: ${process.execPath} -e require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`);
    expect(code).toBe(1); // it never trained
  });
});
