/**
 * `npm run bench`: fsum against a plain loop, and matMul against TensorFlow.js (cpu and wasm
 * backends) measured in the same run. Prints tables with ratios and the machine, and writes
 * the same figures to .bench-out/latest.json. `--quick` runs small sizes as a smoke test.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { runFsumBench, type FsumRow } from './fsum-bench.js';
import { machineInfo } from './machine.js';
import { runMatMulBench, type MatMulRow } from './matmul-bench.js';
import { fmt, fmtDiff, formatTable, ratio } from './table.js';
import { tfVersions } from './tfjs-backends.js';
import type { TimingOptions } from './timing.js';

const quick = process.argv.includes('--quick');
const fsumSizes = quick ? [1e3, 1e4] : [1e3, 1e6];
const matMulSizes = quick ? [64, 128] : [256, 512, 1024];
const timing: TimingOptions = quick
  ? { warmupSeconds: 0.02, minSeconds: 0.05, minSamples: 3, maxSamples: 20, maxSeconds: 0.5, sampleSeconds: 0.005 }
  : { warmupSeconds: 0.2, minSeconds: 0.3, minSamples: 5, maxSamples: 30, maxSeconds: 2, sampleSeconds: 0.01 };
/**
 * From 512³ on, a product in plain JavaScript takes a second or more per call: no warm-up there
 * (the same code is already warm from 256³), and maxSeconds then stops after the first call
 * that takes 2 s, which keeps the whole run within a few minutes.
 */
const timingFor = (size: number): TimingOptions => (size >= 512 ? { ...timing, warmupSeconds: 0 } : timing);
/** The goal from the issue: an exact sum at most 2× the plain loop at n = 1e6. */
const FSUM_GOAL = 2;

const started = Date.now();
const machine = machineInfo();
const versions = tfVersions();
const log = (line: string): void => { console.error(line); };

log(`SameBits bench${quick ? ' (--quick)' : ''}: fsum sizes ${fsumSizes.join(', ')}; matMul sizes ${matMulSizes.join(', ')}`);
const fsumRows = runFsumBench(fsumSizes, timing);
const { rows: matMulRows, backends } = await runMatMulBench(matMulSizes, timingFor, log);
const seconds = (Date.now() - started) / 1000;
const loadAtEnd = loadavg()[0] ?? NaN;

console.log('');
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}, ${machine.date}`);
console.log(`Load average (1 min): ${machine.loadAverage.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end (above ${machine.cores} means other work shared the cores)`);
console.log(`TensorFlow.js ${versions.core}, tfjs-backend-wasm ${versions.wasm}`);
for (const b of backends) console.log(`  tfjs-${b.name}: ${b.error === null ? b.details : `not run: ${b.error}`}`);
console.log('');
console.log(fsumTable(fsumRows));
console.log('');
console.log(matMulTable(matMulRows));
console.log('');
console.log(`Total ${seconds.toFixed(1)} s. Times are medians of repeated calls, single thread for SameBits.`);

mkdirSync('.bench-out', { recursive: true });
writeFileSync('.bench-out/latest.json', JSON.stringify({
  mode: quick ? 'quick' : 'full', machine, loadAtEnd, tfjs: versions, backends, timing,
  fsum: fsumRows, matMul: matMulRows, totalSeconds: seconds,
}, null, 2) + '\n');
console.log('Wrote .bench-out/latest.json');

function fsumTable(rows: readonly FsumRow[]): string {
  const body = rows.map((r) => [
    r.n.toExponential(0).replace('+', ''), r.input,
    fmt(r.naiveNsPerElement), fmt(r.fsumNsPerElement), fmt(r.accumulatorNsPerElement),
    ratio(r.fsumNsPerElement, r.naiveNsPerElement), ratio(r.accumulatorNsPerElement, r.naiveNsPerElement),
    String(r.naiveSum), String(r.fsumSum), r.exactByConstruction === null ? '—' : String(r.exactByConstruction),
  ]);
  const at1e6 = rows.filter((r) => r.n === 1e6);
  const goal = at1e6.length === 0
    ? `(goal fsum ≤ ${FSUM_GOAL}× the plain loop at n = 1e6: not measured in this run)`
    : at1e6.map((r) => `goal fsum ≤ ${FSUM_GOAL}× the plain loop at 1e6, ${r.input}: ${ratio(r.fsumNsPerElement, r.naiveNsPerElement)} ${r.fsumNsPerElement <= FSUM_GOAL * r.naiveNsPerElement ? 'met' : 'NOT met'}`).join('\n');
  const disagree = rows.filter((r) => !Object.is(r.fsumSum, r.accumulatorSum)
    || (r.exactByConstruction !== null && !Object.is(r.fsumSum, r.exactByConstruction)));
  const check = disagree.length === 0
    ? 'fsum and ExactAccumulator.add give the same bits on every row, and the exact value where known.'
    : `MISMATCH: fsum, ExactAccumulator.add or the known exact sum differ at ${disagree.map((r) => `${r.n} ${r.input}`).join(', ')}`;
  return [
    'fsum (ns per element; ratio = time / plain loop time, measured interleaved)',
    formatTable(['n', 'input', 'loop', 'fsum', 'ExactAcc.add', 'fsum/loop', 'add/loop', 'loop sum', 'fsum', 'exact'], body),
    goal,
    check,
  ].join('\n');
}

function matMulTable(rows: readonly MatMulRow[]): string {
  const body = rows.map((r) => [
    `${r.size}³`, r.variant,
    fmt(r.sameBitsGflops), fmt(r.tfjsCpuGflops), fmt(r.tfjsWasmGflops),
    ratio(r.sameBitsGflops, r.tfjsCpuGflops), ratio(r.sameBitsGflops, r.tfjsWasmGflops),
    fmtDiff(r.maxAbsDiffCpu), fmtDiff(r.maxAbsDiffWasm), r.samples.join('/'),
  ]);
  return [
    'matMul (GFLOP/s = 2·n³ / median time; ratio > 1 means SameBits is faster; max|Δ| against SameBits output; samples SameBits/cpu/wasm)',
    formatTable(['size', 'variant', 'SameBits', 'tfjs-cpu', 'tfjs-wasm', 'SB/cpu', 'SB/wasm', 'max|Δ| cpu', 'max|Δ| wasm', 'samples'], body),
  ].join('\n');
}
