import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ResultsFile } from '../../src/repro/repeat-results.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const fast = fileURLToPath(new URL('./repeat-fast.mjs', import.meta.url));
const fastB = fileURLToPath(new URL('./repeat-fast-b.mjs', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const HEADER = '{"samebits":"repeat-results","format":1}';

const scratch = tempDirs('samebits-results-test-');
const run = { seed: 1, metrics: { accuracy: 0.5 }, durationMs: 3 };

describe('ResultsFile: what it may open', () => {
  it('refuses, untouched, an existing file with no newline (a model.json written by model.save)', () => {
    const path = join(scratch(), 'model.json');
    const model = '{"modelTopology":{"class_name":"Sequential"},"weightsManifest":[]}';
    writeFileSync(path, model);
    expect(() => ResultsFile.open(path)).toThrow(`${path} is not a samebits repeat results file: it starts with '{"modelTopology":{"class_name":"Sequenti…', expected ${HEADER}; pass another --results path`);
    expect(readFileSync(path, 'utf8')).toBe(model);
  });

  it('refuses, untouched, a file that starts with something else on a full line', () => {
    const path = join(scratch(), 'notes.txt');
    writeFileSync(path, 'my notes\n');
    expect(() => ResultsFile.open(path)).toThrow(/notes\.txt is not a samebits repeat results file: it starts with 'my notes\\n'/);
    expect(readFileSync(path, 'utf8')).toBe('my notes\n');
  });

  it('creates a file that does not exist, and adopts an empty (0-byte) one', () => {
    const dir = scratch();
    for (const path of [join(dir, 'new.jsonl'), join(dir, 'empty.jsonl')]) {
      if (path.endsWith('empty.jsonl')) writeFileSync(path, '');
      const file = ResultsFile.open(path);
      file.append('a', run);
      file.close();
      expect(readFileSync(path, 'utf8')).toBe(`${HEADER}\n{"config":"a","seed":1,"metrics":{"accuracy":0.5},"ms":3}\n`);
    }
  });

  it('skips a line cut short by a crash with a warning, keeps every finished run, and appends on a clean line', () => {
    const path = join(scratch(), 'runs.jsonl');
    const first = ResultsFile.open(path);
    first.append('a', run);
    first.close();
    appendFileSync(path, '{"config":"a","seed":2,"metr');
    const warnings: string[] = [];
    const second = ResultsFile.open(path, (w) => warnings.push(w));
    expect(warnings).toEqual([`${path}:3: the last line is cut short (a run killed while writing?): ignored; its run will be redone`]);
    expect([...second.runsOf('a').keys()]).toEqual([1]);
    second.append('a', { ...run, seed: 2 });
    second.close();
    const third = ResultsFile.open(path, (w) => warnings.push(w));
    expect([...third.runsOf('a').keys()].sort()).toEqual([1, 2]);
    third.close();
    expect(warnings.slice(1)).toEqual([`${path}:3: not a JSON line (a run killed while writing?): ignored: {"config":"a","seed":2,"metr`]);
  });
});

describe('samebits repeat: two processes on one results file', () => {
  it('keeps every run of both when they create the file at the same time', async () => {
    const dir = scratch();
    const results = join(dir, 'runs.jsonl');
    const exec = promisify(execFile);
    const env = { ...process.env, REPEAT_TEST_DELAY_MS: '50' };
    const args = (script: string): string[] => ['--import', tsx, cli, 'repeat', script, '--runs', '8', '--parallel', '2', '--results', results, '--json'];
    await Promise.all([exec(process.execPath, args(fast), { env }), exec(process.execPath, args(fastB), { env })]);
    const lines = readFileSync(results, 'utf8').split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe('');
    const runs = lines.slice(1, -1).map((l) => JSON.parse(l) as { config: string; seed: number });
    expect(runs.map((r) => `${r.config}:${r.seed}`).sort()).toEqual([...['repeat-fast', 'repeat-fast-b'].flatMap((c) => [1, 2, 3, 4, 5, 6, 7, 8].map((s) => `${c}:${s}`))].sort());
    const again = await exec(process.execPath, [...args(fast), fastB], { env });
    expect(again.stderr).toContain('repeat repeat-fast: 8 runs, all already done');
    expect(again.stderr).toContain('repeat repeat-fast-b: 8 runs, all already done');
  });
});
