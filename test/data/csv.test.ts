import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data } from '../../src/node.js';
import type { CSVConfig } from '../../src/node.js';
import { parseCsvLine } from '../../src/data/csv.js';
import { useTfjsCpu } from '../peer/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const IRIS = 'sepal,petal,"name, quoted",species\n5.1,1.4,"a, b",0\n4.9,1.3,c,1\n6.2,,d,2\n7.0,4.7,e,1\n';

const CASES: [string, string, CSVConfig][] = [
  ['a header, numbers and text, an empty field', IRIS, {}],
  ['a label column gives {xs, ys}', IRIS, { columnConfigs: { species: { isLabel: true } } }],
  ['dtypes, defaults and configured columns only', 'a,b,c\n1.7,true,\n2.2,0,5\n', { columnConfigs: { a: { dtype: 'int32' }, b: { dtype: 'bool' }, c: { default: 9 } }, configuredColumnsOnly: true }],
  ['another delimiter, no header, named columns', '1;2;3\n4;5;6\n', { hasHeader: false, columnNames: ['x', 'y', 'z'], delimiter: ';' }],
  ['whitespace-delimited', 'u v\n1   2\n3 4\n', { delimWhitespace: true }],
];

describe('data.csv reads like TF.js tf.data.csv', () => {
  beforeAll(useTfjsCpu);

  for (const [name, text, config] of CASES) {
    it(name, async () => {
      const path = file(`${name.replace(/\W+/g, '-')}.csv`, text);
      const peer = await tf.data.csv(pathToFileURL(path).href, config as Parameters<typeof tf.data.csv>[1]).toArray();
      expect(await data.csv(path, config).toArray()).toEqual(peer);
      expect(await data.csv(pathToFileURL(path).href, config).toArray()).toEqual(peer);
      expect(await data.csv({ text }, config).toArray()).toEqual(peer);
      expect(await data.csv(new TextEncoder().encode(text), config).toArray()).toEqual(peer);
    });
  }

  it('batches its {xs, ys} rows after a map to arrays (the TF.js recipe)', async () => {
    const ds = data.csv({ text: 'a,b,y\n1,2,0\n3,4,1\n5,6,1\n' }, { columnConfigs: { y: { isLabel: true } } })
      .map((r) => { const { xs, ys } = r as { xs: Record<string, number>; ys: Record<string, number> }; return { xs: Object.values(xs), ys: Object.values(ys) }; })
      .batch(2);
    const [first] = (await ds.toArray()) as { xs: { shape: number[]; values: Float32Array } }[];
    expect(first?.xs.shape).toEqual([2, 2]);
    expect(Array.from(first?.xs.values ?? [])).toEqual([1, 2, 3, 4]);
  });

  it('parses quoted fields with delimiters and doubled quotes inside', () => {
    expect(parseCsvLine('"a,b",c,"say ""hi""",', ',')).toEqual(['a,b', 'c', 'say "hi"', '']);
  });
});

describe('data.csv errors name the line, the column and what was expected', () => {
  it('refuses an empty label, a row of the wrong width, an unknown configured column', async () => {
    await expect(data.csv({ text: 'a,y\n1,\n' }, { columnConfigs: { y: { isLabel: true } } }).toArray()).rejects.toThrow("data.csv: line 2: column 'y' is empty; it is a label");
    await expect(data.csv({ text: 'a,b\n1,2\n3\n' }).toArray()).rejects.toThrow('data.csv: line 3 has 1 fields; expected 2 (a, b)');
    await expect(data.csv({ text: 'a,b\n1,2\n' }, { columnConfigs: { c: {} } }).toArray()).rejects.toThrow("data.csv: columnConfigs names 'c', which is not a column (columns: a, b)");
    await expect(data.csv({ text: '1,2\n' }, { hasHeader: false }).toArray()).rejects.toThrow('give columnNames');
  });

  it('refuses a missing file and an http URL, naming them', async () => {
    await expect(data.csv(join(dir, 'missing.csv')).toArray()).rejects.toThrow(`data.csv: cannot read '${join(dir, 'missing.csv')}'`);
    await expect(data.csv('https://example.com/x.csv').toArray()).rejects.toThrow('only file paths and file:// URLs are read');
  });
});
