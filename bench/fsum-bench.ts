/** fsum and ExactAccumulator against a plain left-to-right float64 loop. */

import { ExactAccumulator, fsum } from '../src/index.js';
import { illConditioned, uniformFloat64 } from './inputs.js';
import { measureInterleaved, type Measurement, type TimingOptions } from './timing.js';

/** One fsum benchmark row: timings per element and the sums each method gave. */
export interface FsumRow {
  n: number;
  input: 'uniform' | 'ill-conditioned';
  naiveNsPerElement: number;
  fsumNsPerElement: number;
  accumulatorNsPerElement: number;
  naiveSum: number;
  fsumSum: number;
  accumulatorSum: number;
  /** The exact sum when the input was built to have one (0 for ill-conditioned), else null. */
  exactByConstruction: number | null;
}

/** The plain loop fsum is compared with: one float64 rounding per addition, left to right. */
export function naiveSum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

/** ExactAccumulator fed one value at a time (the streaming path, unlike fsum's addAll). */
export function accumulatorSum(values: Float64Array): number {
  const acc = new ExactAccumulator();
  for (let i = 0; i < values.length; i++) acc.add(values[i] as number);
  return acc.value();
}

/** Times the three sums, interleaved, at each n on a uniform and on an ill-conditioned input. */
export function runFsumBench(sizes: readonly number[], timing: TimingOptions): FsumRow[] {
  const rows: FsumRow[] = [];
  for (const n of sizes) {
    for (const input of ['uniform', 'ill-conditioned'] as const) {
      const values = input === 'uniform' ? uniformFloat64(n, 0x5eed + n) : illConditioned(n, 0x5eed + n);
      const sums = [NaN, NaN, NaN];
      const [tNaive, tFsum, tAcc] = measureInterleaved(
        [() => naiveSum(values), () => fsum(values), () => accumulatorSum(values)],
        timing, (i, s) => { sums[i] = s; },
      ) as [Measurement, Measurement, Measurement];
      rows.push({
        n, input,
        naiveNsPerElement: tNaive.seconds * 1e9 / n,
        fsumNsPerElement: tFsum.seconds * 1e9 / n,
        accumulatorNsPerElement: tAcc.seconds * 1e9 / n,
        naiveSum: sums[0] as number, fsumSum: sums[1] as number, accumulatorSum: sums[2] as number,
        exactByConstruction: input === 'ill-conditioned' ? 0 : null,
      });
    }
  }
  return rows;
}
