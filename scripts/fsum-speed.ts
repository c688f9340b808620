// Timing of fsum against a plain summation loop (best of several runs, in microseconds):
//   npx tsx scripts/fsum-speed.ts
import { fsum } from '../src/math/fsum.js';

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

// Two copies of the plain loop, so that each sees one array type (as a benchmark would).
function naiveTyped(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
function naiveArray(values: number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

function best(f: () => number, budgetMs = 400): number {
  let fastest = Infinity;
  let sink = 0;
  const stop = performance.now() + budgetMs;
  let runs = 0;
  while (runs < 5 || performance.now() < stop) {
    const t0 = performance.now();
    sink += f();
    fastest = Math.min(fastest, performance.now() - t0);
    runs++;
  }
  if (Number.isNaN(sink)) console.log('');
  return fastest * 1000;
}

const rand = xorshift(12345);
const unit = (): number => rand() + rand() / 4294967296; // 53 random bits
const kinds: [string, () => number][] = [
  ['uniform [0,1)', unit],
  ['normal-ish ±', () => unit() + unit() + unit() - 1.5],
  ['with 30% zeros', () => (rand() < 0.3 ? 0 : unit() - 0.5)],
  ['f32 over 2^±40', () => Math.fround(unit() - 0.5) * Math.pow(2, Math.floor(rand() * 81) - 40)],
  ['exponents ±100', () => (unit() - 0.5) * Math.pow(2, Math.floor(rand() * 200) - 100)],
];
const only = process.argv[2];
for (const n of [1e3, 1e6]) {
  for (const [name, gen] of kinds) {
    if (only !== undefined && only !== 'typed' && only !== 'array') break;
    const array = Array.from({ length: n }, gen);
    const typed = Float64Array.from(array);
    const us = (t: number): string => t.toFixed(1).padStart(8);
    const line = [`n=${n.toExponential(0)} ${name.padEnd(15)}`];
    if (only !== 'array') {
      const a = best(() => naiveTyped(typed));
      const b = best(() => fsum(typed));
      line.push(`Float64Array: loop ${us(a)}, fsum ${us(b)} (${(b / a).toFixed(2)}x)`);
    }
    if (only !== 'typed') {
      const a = best(() => naiveArray(array));
      const b = best(() => fsum(array));
      line.push(`number[]: loop ${us(a)}, fsum ${us(b)} (${(b / a).toFixed(2)}x)`);
    }
    console.log(line.join(' | '));
  }
}
