import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runWeightsExample } from '../src/examples/weights-before-after.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has a Quick start with exactly two commands in one fenced block: the demo and the tests', () => {
    const section = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.trim().split('\n')).toEqual(['npm ci && npx samebits demo', 'npm ci && npm test']);
  });

  it('prints the numbers example 2 really produces', async () => {
    const reports = await runWeightsExample();
    reports.forEach((r, i) => {
      expect(readme).toContain(`build ${i + 1} before ${r.before.toFixed(13)}`);
      expect(readme).toContain(`build ${i + 1} after  ${r.after.toFixed(13)}`);
    });
  });
});
