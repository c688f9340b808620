import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const fast = fileURLToPath(new URL('./repeat-fast.mjs', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const exec = promisify(execFile);

const scratch = tempDirs('samebits-scratch-test-');

function scratchDirs(tmp: string, prefix: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith(prefix));
}

/** Starts `samebits args` with TMPDIR = tmp, waits for its scratch directory, SIGKILLs its process group; returns the directory left behind. */
async function killWhileRunning(tmp: string, prefix: string, args: string[], env: Record<string, string>): Promise<string> {
  const victim = spawn(process.execPath, ['--import', tsx, cli, ...args], { env: { ...process.env, ...env, TMPDIR: tmp }, detached: true, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => victim.on('exit', (_code, signal) => resolve(signal)));
  while (scratchDirs(tmp, prefix).length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
  await new Promise((resolve) => setTimeout(resolve, 200)); // let it finish setting the directory up
  process.kill(-(victim.pid as number), 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const left = scratchDirs(tmp, prefix);
  expect(left).toHaveLength(1);
  return left[0] as string;
}

describe('scratch directories of killed commands', () => {
  it('repeat: a directory left by a SIGKILLed repeat is removed by the next repeat', async () => {
    const tmp = scratch();
    const stale = await killWhileRunning(tmp, 'samebits-repeat-', ['repeat', fast, '--runs', '2', '--results', join(tmp, 'a.jsonl')], { REPEAT_TEST_DELAY_MS: '30000' });
    await exec(process.execPath, ['--import', tsx, cli, 'repeat', fast, '--runs', '1', '--results', join(tmp, 'b.jsonl')], { env: { ...process.env, TMPDIR: tmp } });
    expect(existsSync(join(tmp, stale))).toBe(false);
    expect(scratchDirs(tmp, 'samebits-repeat-')).toEqual([]);
  });

  it('check: a directory left by a SIGKILLed check is removed by the next check', async () => {
    const tmp = scratch();
    const sleeper = join(tmp, 'sleep.mjs');
    writeFileSync(sleeper, 'await new Promise((resolve) => setTimeout(resolve, 30000));\n');
    const quick = join(tmp, 'quick.mjs');
    writeFileSync(quick, '// trains nothing\n');
    const stale = await killWhileRunning(tmp, 'samebits-check-', ['check', sleeper], {});
    await exec(process.execPath, ['--import', tsx, cli, 'check', quick], { env: { ...process.env, TMPDIR: tmp } }).catch(() => undefined);
    expect(existsSync(join(tmp, stale))).toBe(false);
    expect(scratchDirs(tmp, 'samebits-check-')).toEqual([]);
  });

  it('leaves alone directories of live processes, of other hosts, and without an owner record', async () => {
    const tmp = scratch();
    const keep = {
      'samebits-repeat-live': { pid: process.pid, host: hostname() },
      'samebits-repeat-elsewhere': { pid: 2 ** 22 + 1, host: `not-${hostname()}` },
      'samebits-repeat-cli-test': undefined,
    };
    for (const [name, owner] of Object.entries(keep)) {
      mkdirSync(join(tmp, name));
      if (owner) writeFileSync(join(tmp, name, '.samebits-owner.json'), JSON.stringify(owner));
    }
    await exec(process.execPath, ['--import', tsx, cli, 'repeat', fast, '--runs', '1', '--results', join(tmp, 'b.jsonl')], { env: { ...process.env, TMPDIR: tmp } });
    expect(scratchDirs(tmp, 'samebits-repeat-').sort()).toEqual(Object.keys(keep).sort());
  });
});
