import { fsum } from '../math/index.js';
import { sum } from '../ops/index.js';
import { tensor1d } from '../ops/create.js';

/** Sums of the same numbers computed three ways, in two orders each. */
export interface SummationReport {
  naiveForward: number;
  naiveBackward: number;
  sameBitsSum: number;
  fsumForward: number;
  fsumBackward: number;
}

/**
 * Example 5: a naive float32 running sum depends on the order of the terms; SameBits's `sum`
 * has one defined order (so one answer); `fsum` is correctly rounded in any order.
 */
export function runSummationExample(): SummationReport {
  const values = Array.from({ length: 1000 }, (_, i) => Math.fround((i % 2 === 0 ? 1 : -1) * (1 + i) * 1e3 + 1 / (i + 3)));
  const reversed = values.slice().reverse();
  const naive = (xs: number[]): number => xs.reduce((acc, v) => Math.fround(acc + v), 0);
  return {
    naiveForward: naive(values),
    naiveBackward: naive(reversed),
    sameBitsSum: sum(tensor1d(values)).values[0] as number,
    fsumForward: fsum(values),
    fsumBackward: fsum(reversed),
  };
}
