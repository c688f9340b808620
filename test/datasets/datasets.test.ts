import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { datasets, setRandomSeed } from '../../src/node.js';
import { DIGITS_SHA256, digitsTable } from '../../src/datasets/digits.js';
import { bytesOf } from '../helpers/bits.js';

const GZ = fileURLToPath(new URL('../../data/digits/digits.csv.gz', import.meta.url));
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('datasets.digits', () => {
  it('the vendored file is the one scikit-learn 1.9.1 ships (SHA-256 committed deliberately)', () => {
    expect(sha(readFileSync(GZ))).toBe('09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22');
  });

  it('the embedded table holds exactly the values of the vendored CSV, and its SHA-256 is the committed one', () => {
    const rows = gunzipSync(readFileSync(GZ)).toString('utf8').trim().split('\n').map((l) => l.split(',').map(Number));
    const fromCsv = Uint8Array.from(rows.flat());
    const table = digitsTable();
    expect(table.length).toBe(1797 * 65);
    expect(Buffer.from(table).equals(Buffer.from(fromCsv))).toBe(true);
    expect(sha(table)).toBe(DIGITS_SHA256);
    expect(DIGITS_SHA256).toBe('68aea062d35a127749050fa0e52dca09d6569ac08092c925610e0954e172dde2'); // also computed by Python from the .gz
  });

  it('gives xs [1797, 64] in [0, 1] and ys [1797] labels 0..9, or one-hot [1797, 10]', () => {
    const { xs, ys } = datasets.digits();
    expect(xs.shape).toEqual([1797, 64]);
    expect(ys.shape).toEqual([1797]);
    expect(Math.max(...xs.values)).toBe(1);
    expect(Math.min(...xs.values)).toBe(0);
    const counts = Array.from({ length: 10 }, (_, d) => ys.values.filter((v) => v === d).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1797);
    expect(counts.every((c) => c >= 174 && c <= 183)).toBe(true); // load_digits: 174..183 per class
    const raw = datasets.digits({ scale: false, oneHot: true });
    expect(raw.ys.shape).toEqual([1797, 10]);
    expect(Array.from(raw.xs.values.slice(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]); // the first row of the CSV
    expect(Array.from(raw.ys.values.slice(0, 10))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('synthetic generators', () => {
  it('xor is the truth table, and noisy xor is a pure function of the seed', () => {
    const { xs, ys } = datasets.xor();
    expect(Array.from(xs.values)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(Array.from(ys.values)).toEqual([0, 1, 1, 0]);
    const a = datasets.xor({ n: 40, noise: 0.1, seed: 3 });
    const b = datasets.xor({ n: 40, noise: 0.1, seed: 3 });
    expect(bytesOf(a.xs)).toEqual(bytesOf(b.xs));
    expect(bytesOf(a.xs)).not.toEqual(bytesOf(datasets.xor({ n: 40, noise: 0.1, seed: 4 }).xs));
  });

  it('spirals has n·classes points of radius ≤ 1, class by class, the same bytes for the same seed', () => {
    const { xs, ys } = datasets.spirals({ n: 50, classes: 3, noise: 0.2, seed: 1 });
    expect(xs.shape).toEqual([150, 2]);
    expect(Array.from(ys.values.slice(48, 52))).toEqual([0, 0, 1, 1]);
    for (let i = 0; i < 150; i++) expect(Math.hypot(xs.values[2 * i] as number, xs.values[2 * i + 1] as number)).toBeLessThanOrEqual(1.000001);
    expect(bytesOf(xs)).toEqual(bytesOf(datasets.spirals({ n: 50, classes: 3, noise: 0.2, seed: 1 }).xs));
    setRandomSeed(8);
    const g1 = datasets.spirals();
    setRandomSeed(8);
    expect(bytesOf(datasets.spirals().xs)).toEqual(bytesOf(g1.xs)); // unseeded: the global seed
  });

  it('timeSeries gives the series and its sliding windows, seasonal with the given period', () => {
    const { series, xs, ys } = datasets.timeSeries({ length: 120, period: 12, noise: 0, trend: 0, seed: 0 });
    expect(series.shape).toEqual([120]);
    expect(xs.shape).toEqual([108, 12]);
    expect(ys.shape).toEqual([108, 1]);
    for (let t = 0; t + 12 < 120; t++) expect(Math.abs((series.values[t] as number) - (series.values[t + 12] as number))).toBeLessThan(1e-6);
    expect(Array.from(xs.values.slice(12, 24))).toEqual(Array.from(series.values.slice(1, 13)));
    expect(ys.values[0]).toBe(series.values[12]);
    const a = datasets.timeSeries({ length: 50, window: 5, horizon: 3, seed: 2 });
    expect(a.ys.shape).toEqual([43, 3]);
    expect(bytesOf(a.series)).toEqual(bytesOf(datasets.timeSeries({ length: 50, window: 5, horizon: 3, seed: 2 }).series));
  });

  it('refuses bad options, naming them', () => {
    expect(() => datasets.spirals({ n: 0 })).toThrow('datasets.spirals: n must be an integer ≥ 1. Received: n=0');
    expect(() => datasets.xor({ noise: -1 })).toThrow('datasets.xor: noise must be a finite number ≥ 0. Received: noise=-1');
    expect(() => datasets.timeSeries({ length: 5, window: 5 })).toThrow('datasets.timeSeries: length 5 is too short for window 5 and horizon 1');
    expect(() => datasets.spirals({ seed: 1.5 })).toThrow('datasets.spirals: seed must be an integer. Received: seed=1.5');
  });
});

describe('golden checksums (SHA-256 of the little-endian float32 bytes, computed by this code and committed deliberately: a change to a generator must change them on purpose)', () => {
  const h = (t: { values: ArrayBufferView }): string => sha(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));

  it('digits, spirals, timeSeries and noisy xor keep their bytes', () => {
    const d = datasets.digits();
    const s = datasets.spirals({ n: 100, classes: 3, noise: 0.2, seed: 0 });
    expect({
      digitsXs: h(d.xs),
      digitsYs: h(d.ys),
      spiralsXs: h(s.xs),
      spiralsYs: h(s.ys),
      series: h(datasets.timeSeries({ length: 240, seed: 0 }).series),
      xorXs: h(datasets.xor({ n: 64, noise: 0.1, seed: 0 }).xs),
    }).toEqual({
      digitsXs: '9f578524b6cec1fc800cc52dfc87ebe56264983d490aa72a4bd928ba2570ec77',
      digitsYs: '39dc9965f0b584127d3543da790d0632debf83c51d53b7a096578538b4b869c3',
      spiralsXs: '8d5882d7f51d112ad9d534d536be0454d3267cdd7c962ae0392c5a3de6d12879',
      spiralsYs: '22e7eaf16c50bebfa8f36279c0f362308235f44dc6baffa905a44518cd4b38a2',
      series: '2403c3b85b1f4e3930152621b57f2a921e290ee62a5041e4e57cd6ec744c8a32',
      xorXs: 'ec52d63da56fb7b4eba71c14caa86dab0f0f5ca1b226b640c5b614e10b491920',
    });
  });
});
