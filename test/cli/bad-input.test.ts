// Every subcommand over inputs a user can get wrong: each must end with exit status 2 and a
// message naming the problem, never a stack trace. Runs the real CLI in a child process.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const fast = fileURLToPath(new URL('../repro/repeat-fast.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'samebits-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string): string => join(dir, name);
const environment = { runtime: { name: 'node', version: '20.0.0' }, os: { platform: 'linux', release: '6', arch: 'x64' }, cpu: { model: 'cpu', logicalCores: 1 }, threads: 1 };
const manifest = (fields: Record<string, unknown>): string => JSON.stringify({ format: 'samebits-run-manifest', version: 1, ...fields });
const files: Record<string, string> = {
  'not-json.json': 'this is not JSON',
  'array.json': '[1, 2]',
  'no-environment.json': manifest({ command: ['node', '-e', ''] }),
  'command-string.json': manifest({ ...environment, command: 'node train.js' }),
  'no-program.json': manifest({ ...environment, command: ['/no/such/program', 'train.js'] }),
  'good.json': manifest({ ...environment, command: [process.execPath, '-e', ''] }),
  'broken.jsonl': '{"kind":"header","format":"samebits-fingerprint-log"}\nnot json at all\n{"kind":"end"}\n',
  'other-format.jsonl': '{"kind":"header","format":"something-else"}\n',
  'good.jsonl': '{"kind":"header","format":"samebits-fingerprint-log"}\n',
  'model.json': '{"modelTopology":{"class_name":"Sequential"},"weightsManifest":[]}',
  'bad-shape.jsonl': '{"samebits":"repeat-results","format":1}\n{"seed":"one"}\n',
  'a-file': 'just a file\n',
  'script.mjs': '// trains nothing\n',
};
mkdirSync(at('a-dir'));
for (const [name, text] of Object.entries(files)) writeFileSync(at(name), text);

/** [arguments, what the message must say]. */
const CASES: [string[], RegExp][] = [
  [['nope'], /samebits: unknown command 'nope'/],
  [['demo', '--bogus'], /samebits demo: Unknown option '--bogus'/],
  [['verify'], /samebits verify: expected one manifest file/],
  [['verify', '--bogus', at('good.json')], /samebits verify: Unknown option '--bogus'/],
  [['verify', at('missing.json')], /samebits verify: no such manifest: .*missing\.json/],
  [['verify', at('a-dir')], /samebits verify: the manifest .*a-dir is a directory, expected a file/],
  [['verify', at('not-json.json')], /samebits verify: .*not-json\.json' is not JSON \(/],
  [['verify', at('array.json')], /samebits verify: .*array\.json' is not a SameBits run manifest/],
  [['verify', at('no-environment.json')], /samebits verify: .*no-environment\.json' is not a complete run manifest: "runtime", "os", "cpu" missing or malformed/],
  [['verify', at('command-string.json')], /samebits verify: .*command-string\.json': "command" must be a list of strings such as \["node", "train\.js"\], received "node train\.js"/],
  [['verify', at('no-program.json')], /samebits verify: could not start '\/no\/such\/program'/],
  [['verify', at('good.json'), '--log', at('broken.jsonl')], /samebits verify: .*broken\.jsonl:2: not a JSON line/],
  [['verify', at('good.json'), '--log', at('missing.jsonl')], /samebits verify: no such log: .*missing\.jsonl/],
  [['verify', at('good.json'), '--log', at('a-dir')], /samebits verify: the log .*a-dir is a directory, expected a file/],
  [['check'], /samebits check: expected a script to run/],
  [['check', '--bogus'], /samebits check: Unknown option '--bogus'/],
  [['check', at('missing.ts')], /samebits check: no such script: .*missing\.ts/],
  [['check', at('a-dir')], /samebits check: the script .*a-dir is a directory, expected a file/],
  [['check', at('script.mjs'), '--runs', 'x'], /samebits check: --runs must be an integer of at least 2. Received: x/],
  [['check', at('script.mjs'), '--out', at('a-file')], /samebits check: --out .*a-file is not a directory/],
  [['diff', at('good.jsonl')], /samebits diff: expected two log files, received 1/],
  [['diff', '--bogus', at('good.jsonl'), at('good.jsonl')], /samebits diff: Unknown option '--bogus'/],
  [['diff', at('missing.jsonl'), at('good.jsonl')], /samebits diff: no such log: .*missing\.jsonl/],
  [['diff', at('a-dir'), at('good.jsonl')], /samebits diff: the log .*a-dir is a directory, expected a file/],
  [['diff', at('broken.jsonl'), at('good.jsonl')], /samebits diff: .*broken\.jsonl:2: not a JSON line/],
  [['diff', at('other-format.jsonl'), at('good.jsonl')], /samebits diff: .*other-format\.jsonl:1: not a SameBits fingerprint log/],
  [['repeat'], /samebits repeat: expected at least one training script/],
  [['repeat', '--bogus', fast], /samebits repeat: Unknown option '--bogus'/],
  [['repeat', at('missing.mjs')], /samebits repeat: no such script: .*missing\.mjs/],
  [['repeat', at('a-dir')], /samebits repeat: the script .*a-dir is a directory, expected a file/],
  [['repeat', fast, '--seeds', 'x'], /samebits repeat: --seeds: expected integers and ranges/],
  [['repeat', fast, '--parallel', '0'], /samebits repeat: --parallel: expected a positive integer, received '0'/],
  [['repeat', fast, '--results', at('model.json')], /samebits repeat: .*model\.json is not a samebits repeat results file: it starts with '\{"modelTopology"/],
  [['repeat', fast, '--results', at('a-dir')], /samebits repeat: the results file .*a-dir is a directory, expected a file/],
  [['repeat', fast, '--results', at('no-dir/runs.jsonl')], /samebits repeat: cannot create the results file .*runs\.jsonl: its directory .*no-dir does not exist/],
  [['repeat', fast, '--results', at('bad-shape.jsonl')], /samebits repeat: .*bad-shape\.jsonl:2: expected "config" \(a string\) and "seed" \(an integer\)/],
  [['repeat', fast, '--report', at('a-file'), '--results', at('r.jsonl')], /samebits repeat: --report .*a-file is not a directory/],  [['repeat', fast, '--verify-fraction', '0.1', '--results', at('r.jsonl')], /samebits repeat: --verify-fraction runs jobs again on other machines: it needs --queue redis:\/\/HOST:6379/],
  [['repeat', fast, '--queue', 'redis://localhost:1', '--verify-fraction', '2', '--results', at('r.jsonl')], /samebits repeat: --verify-fraction: expected a number from 0 to 1 such as 0\.1, received '2'/],
  [['sweep'], /samebits sweep: expected one sweep file, received 0/],
  [['sweep', at('missing.json')], /samebits sweep: no such sweep file: .*missing\.json/],
  [['sweep', at('not-json.json')], /samebits sweep: .*not-json\.json: not JSON/],
  [['worker'], /samebits worker: expected one Redis URL such as redis:\/\/localhost:6379, received 0 arguments/],
  [['worker', 'http://localhost:6379'], /samebits worker: expected a Redis URL \(redis:\/\/ or rediss:\/\/\), received 'http:\/\/localhost:6379'/],
];

function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

describe('samebits: bad input gives exit status 2 and a clear message, never a stack trace', () => {
  it.concurrent.each(CASES)('samebits %j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(stderr).not.toMatch(/^ {4}at /m);
    expect(stderr).toMatch(message);
    expect(code, stderr).toBe(2);
  });
});
