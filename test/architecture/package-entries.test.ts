import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentVariable } from '../../src/util/environment.js';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, Record<string, unknown>>;
  sideEffects: string[];
  dependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('the package entries', () => {
  it('resolve samebits to the node entry under the "node" condition and to the browser-clean root otherwise', () => {
    const root = pkg.exports['.'] as Record<string, unknown>;
    expect(Object.keys(root)[0]).toBe('node'); // conditions are tried in order
    expect(root['node']).toMatchObject({ types: './dist/node.d.ts', import: './dist/node.js' });
    expect(root).toMatchObject({ types: './dist/index.d.ts', browser: './dist/index.js', default: './dist/index.js' });
    expect(pkg.exports['./node']).toMatchObject({ import: './dist/node.js' });
  });

  it('declare the entries as the only files with side effects (they install the saver, routes and hooks)', () => {
    expect(pkg.sideEffects).toEqual(expect.arrayContaining(['./dist/index.js', './dist/node.js']));
  });

  it('keep vega and vega-lite out of the required dependencies', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('vega');
    expect(Object.keys(pkg.dependencies)).not.toContain('vega-lite');
    expect(pkg.peerDependenciesMeta).toEqual({ vega: { optional: true }, 'vega-lite': { optional: true } });
  });
});

describe('require(samebits) from CommonJS', () => {
  // A stand-in package: the real stub beside an ES module in place of dist/node.js.
  const dir = mkdtempSync(join(tmpdir(), 'samebits-cjs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'cjs'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(ROOT, 'cjs/require.cjs'), join(dir, 'cjs/require.cjs'));
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  writeFileSync(join(dir, 'dist/node.js'), 'export const answer = 42;\n');
  const run = (flags: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [...flags, '-e', `console.log(require(${JSON.stringify(join(dir, 'cjs/require.cjs'))}).answer)`], { encoding: 'utf8' });

  it('says the package is ESM-only and what to write where Node cannot require an ES module', () => {
    const result = run(['--no-experimental-require-module']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('samebits is an ES module package (ESM only)');
    expect(result.stderr).toContain("import { sequential, layers } from 'samebits'");
    expect(result.stderr).toContain("import('samebits')");
  });

  it('gives the module where Node can require an ES module (20.19+, 22.12+)', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23)) return;
    expect(run([]).stdout.trim()).toBe('42');
  });
});

describe('environment access', () => {
  const g = globalThis as { Deno?: unknown };

  it('asks Deno for the permission without prompting, and reads nothing when it is not granted', () => {
    process.env['SAMEBITS_TEST_VARIABLE'] = 'set';
    try {
      g.Deno = { permissions: { querySync: () => ({ state: 'prompt' }) } };
      expect(environmentVariable('SAMEBITS_TEST_VARIABLE')).toBeUndefined();
      g.Deno = { permissions: { querySync: () => ({ state: 'granted' }) } };
      expect(environmentVariable('SAMEBITS_TEST_VARIABLE')).toBe('set');
    } finally {
      delete g.Deno;
      delete process.env['SAMEBITS_TEST_VARIABLE'];
    }
  });

  it('gives undefined where reading the environment throws', () => {
    g.Deno = { permissions: { querySync: () => { throw new Error('NotCapable: Requires env access'); } } };
    try {
      expect(environmentVariable('PATH')).toBeUndefined();
    } finally {
      delete g.Deno;
    }
  });
});
