import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintLogger } from '../../src/repro/fingerprint-logger.js';
import { trainTiny } from '../repro/tiny-training.js';
import { runCommand } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-diff-test-'));
const a = join(dir, 'a.jsonl');
const a2 = join(dir, 'a2.jsonl');
const b = join(dir, 'b.jsonl');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await trainTiny(1, 2, [fingerprintLogger({ path: a, values: true })]);
  await trainTiny(1, 2, [fingerprintLogger({ path: a2, values: true })]);
  await trainTiny(2, 2, [fingerprintLogger({ path: b, values: true })]);
});

describe('samebits diff', () => {
  it('exits 1 and prints the first divergence (through the samebits entry point)', () => {
    let status = 0;
    let stdout = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'diff', a, b], { encoding: 'utf8' });
    } catch (error) {
      status = (error as { status: number }).status;
      stdout = (error as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    expect(stdout).toMatch(/^first divergence: before the first step \(the initial weights\); the 0 logged records before it are bit-identical\n/);
    expect(stdout).toMatch(/weight +dense(_\d+)?\/kernel \[4,8\]: 32 of 32 elements differ; max abs [\d.e+-]+, max rel [\d.e+-]+, max [\d.e+-]+ ulps/);
    expect(stdout).toContain(`settings that differ (${a} vs ${b}): seed: 1 vs 2`);
  });

  it('exits 0 for identical logs, with the final fingerprint', async () => {
    const { code, output } = await runCommand('diff', [a, a2]);
    expect(code).toBe(0);
    expect(output).toMatch(new RegExp(`^identical: all 4 logged records of ${a} and ${a2} are bit-identical \\(final fingerprint [0-9a-f]{64}\\)$`));
  });

  it('prints the comparison as JSON with --json', async () => {
    const { output } = await runCommand('diff', [a, b, '--json']);
    expect(JSON.parse(output)).toMatchObject({ identical: false, headerDifferences: ['seed: 1 vs 2'], first: { kind: 'begin', step: -1 } });
  });

  it('exits 2 on a usage error or an unreadable log', async () => {
    expect((await runCommand('diff', [a])).code).toBe(2);
    const missing = await runCommand('diff', [a, join(dir, 'missing.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.output).toBe(`samebits diff: no such log: ${join(dir, 'missing.jsonl')}`);
  });
});
