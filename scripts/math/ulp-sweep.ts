// Offline accuracy sweep of the float32 elementary functions (not run in CI):
//   npx tsx scripts/math/ulp-sweep.ts [stride]
// 1. Against the mpmath tables in test/math/testdata (float32 and float64 cores).
// 2. A dense sweep over float32 bit patterns (every `stride`-th pattern of the whole range,
//    plus a denser pass over [2^-4, 16) of both signs) against V8's Math.* in float64. Those are
//    not exact, but their ~1e-16 relative error is ~1e-9 of a float32 ulp: the printed maximum
//    error is right to that precision, and a "not correctly rounded" count can only be
//    overstated by inputs within ~1e-9 ulp of a rounding midpoint.
// 3. erf, which has no Math.erf, against mpmath through scripts/math/erf-reference.py.
// Prints, per function: points, maximum error in float32 ulps (at the reference's binade),
// the worst input, and the fraction of results equal to the correctly rounded value.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  cos, cos64, erf, erf64, exp, exp64, expm1, expm164, log, log1p, log1p64, log64, pow, pow64,
  sigmoid, sigmoid64, sin, sin64, softplus, softplus64, tanh, tanh64,
} from '../../src/math/index.js';

type Unary = (x: number) => number;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function fromBits32(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0];
}

function fromHex64(hex: string): number {
  u64[0] = BigInt(`0x${hex}`);
  return f64[0];
}

function exponentOf(v: number): number {
  f64[0] = v;
  return Number((u64[0] >> 52n) & 0x7ffn) - 1023;
}

function ulp32(v: number): number {
  if (v === 0) return 2 ** -149;
  return 2 ** (Math.max(Math.min(exponentOf(v), 127), -126) - 23);
}

function ulp64(v: number): number {
  if (v === 0) return 2 ** -1074;
  return 2 ** (Math.max(exponentOf(v), -1022) - 52);
}

class Stats {
  points = 0;
  correct = 0;
  maxUlp = 0;
  worst = '';

  add(result: number, ref: number, input: string): void {
    this.points++;
    const rounded = Math.fround(ref);
    let ulp: number;
    if (Object.is(result, rounded) || (Number.isNaN(result) && Number.isNaN(ref))) {
      this.correct++;
      ulp = Number.isFinite(result) ? Math.abs(result - ref) / ulp32(ref) : 0;
    } else {
      ulp = Number.isFinite(result) ? Math.abs(result - ref) / ulp32(ref) : Infinity;
    }
    if (!(ulp <= this.maxUlp)) {
      this.maxUlp = ulp;
      this.worst = input;
    }
  }

  line(name: string): string {
    const fraction = this.correct / this.points;
    return `${name.padEnd(10)} ${String(this.points).padStart(9)}  max ${this.maxUlp.toFixed(4)} ulp`
      + `  correctly rounded ${(100 * fraction).toFixed(5)}%  worst x = ${this.worst}`;
  }
}

const sigmoidRef = (x: number): number => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};
const softplusRef = (x: number): number =>
  x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));

const UNARY: [string, Unary, Unary, Unary | null][] = [
  ['exp', exp, exp64, Math.exp],
  ['expm1', expm1, expm164, Math.expm1],
  ['log', log, log64, Math.log],
  ['log1p', log1p, log1p64, Math.log1p],
  ['tanh', tanh, tanh64, Math.tanh],
  ['sigmoid', sigmoid, sigmoid64, sigmoidRef],
  ['softplus', softplus, softplus64, softplusRef],
  ['erf', erf, erf64, null],
  ['sin', sin, sin64, Math.sin],
  ['cos', cos, cos64, Math.cos],
];

function tables(): void {
  const dir = fileURLToPath(new URL('../../test/math/testdata/', import.meta.url));
  const t32 = JSON.parse(readFileSync(`${dir}reference-f32.json`, 'utf8')) as Record<string, string[][]>;
  const t64 = JSON.parse(readFileSync(`${dir}reference-f64.json`, 'utf8')) as Record<string, string[][]>;
  console.log('== mpmath tables: float32 functions (ulp of float32) ==');
  for (const [name, fn] of UNARY) {
    const s = new Stats();
    for (const row of t32[name]) {
      const x = fromBits32(Number.parseInt(row[0], 16));
      s.add(fn(x), fromHex64(row[1]), String(x));
    }
    console.log(s.line(name));
  }
  const sp = new Stats();
  for (const row of t32.pow) {
    const x = fromBits32(Number.parseInt(row[0], 16));
    const y = fromBits32(Number.parseInt(row[1], 16));
    sp.add(pow(x, y), fromHex64(row[2]), `${x}, ${y}`);
  }
  console.log(sp.line('pow'));

  console.log('== mpmath tables: float64 cores (ulp of float64, against a double-double) ==');
  const cores: [string, (...a: number[]) => number][] = UNARY.map(([n, , c]) => [n, c]);
  cores.push(['pow', pow64]);
  for (const [name, core] of cores) {
    let max = 0;
    let worst = '';
    let correct = 0;
    for (const row of t64[name]) {
      const args = row.slice(0, -2).map(fromHex64);
      const hi = fromHex64(row[row.length - 2]);
      const lo = fromHex64(row[row.length - 1]);
      const r = core(...args);
      if (r === hi) correct++;
      const e = Math.abs((r - hi) - lo) / ulp64(hi);
      if (e > max) {
        max = e;
        worst = args.join(', ');
      }
    }
    const n = t64[name].length;
    console.log(`${(name + '64').padEnd(10)} ${String(n).padStart(9)}  max ${max.toFixed(4)} ulp`
      + `  correctly rounded ${(100 * correct / n).toFixed(2)}%  worst x = ${worst}`);
  }
}

/** Bit patterns to sweep: every stride-th of all finite float32, and a denser band. */
function sweepInputs(stride: number): Float32Array {
  const out: number[] = [];
  for (let b = 0; b < 0x7f800000; b += stride) {
    out.push(fromBits32(b), -fromBits32(b));
  }
  const lo = 0x3d800000; // 2^-4
  const hi = 0x41800000; // 16
  const dense = Math.max(1, Math.floor(stride / 16));
  for (let b = lo + 1; b < hi; b += dense) out.push(fromBits32(b), -fromBits32(b));
  return Float32Array.from(out);
}

function sweep(stride: number): void {
  const xs = sweepInputs(stride);
  console.log(`== dense sweep against Math.* (float64): ${xs.length} float32 inputs, stride ${stride} ==`);
  for (const [name, fn, , ref] of UNARY) {
    if (ref === null) continue;
    const s = new Stats();
    const started = Date.now();
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const expected = ref(x);
      if (Number.isNaN(expected)) continue;
      s.add(fn(x), expected, String(x));
    }
    console.log(`${s.line(name)}  (${Date.now() - started} ms)`);
  }
  // pow: pairs from a fixed linear congruential sequence: x over all positive and negative
  // float32, y scaled so that y log|x| covers the float32 range, plus small integer y.
  const sp = new Stats();
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = 0; i < 2_000_000; i++) {
    const x = Math.fround(fromBits32(Math.floor(next() * 0x7f7fffff) + 1) * (next() < 0.2 ? -1 : 1));
    let y: number;
    if (x < 0 || next() < 0.2) y = Math.floor(next() * 61) - 30;
    else y = Math.fround((next() * 192 - 104) / Math.log(x));
    const expected = Math.pow(x, y);
    if (Number.isNaN(expected) || !Number.isFinite(y)) continue;
    sp.add(pow(x, y), expected, `${x}, ${y}`);
  }
  console.log(sp.line('pow'));
}

function erfSweep(count: number): void {
  // Every k-th float32 in (0, 6]; erf is exactly odd (tested), so one sign suffices.
  const top = 0x40c00000; // 6
  const step = Math.max(1, Math.floor(top / count));
  const xs: number[] = [];
  for (let b = 1; b <= top; b += step) xs.push(fromBits32(b));
  const input = Float32Array.from(xs);
  const script = fileURLToPath(new URL('./erf-reference.py', import.meta.url));
  const output = execFileSync('python3', [script], {
    input: Buffer.from(input.buffer),
    maxBuffer: 64 * input.length + 1024,
  });
  const refs = new Float64Array(output.buffer, output.byteOffset, input.length);
  const s = new Stats();
  for (let i = 0; i < input.length; i++) s.add(erf(input[i]), refs[i], String(input[i]));
  console.log(`== erf against mpmath, every ${step}-th float32 in (0, 6] ==`);
  console.log(s.line('erf'));
}

const stride = Number(process.argv[2] ?? 509);
tables();
sweep(stride);
erfSweep(200_000);
