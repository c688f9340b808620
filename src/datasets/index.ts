// Small real and synthetic data sets for examples and tests: nothing is downloaded at run time.
import { digits } from './digits.js';
import { spirals, timeSeries, xor } from './generators.js';

export { digits, digitsTable, DIGITS_SHA256 } from './digits.js';
export type { DigitsOptions } from './digits.js';
export { spirals, timeSeries, xor } from './generators.js';
export type { SpiralsOptions, TimeSeriesOptions, XorOptions } from './generators.js';

/** The `datasets` namespace. */
export interface DatasetsNamespace {
  digits: typeof digits;
  xor: typeof xor;
  spirals: typeof spirals;
  timeSeries: typeof timeSeries;
}

/**
 * Small data sets: `digits` (the 8×8 handwritten digits, vendored), and the deterministic
 * generators `xor`, `spirals`, `timeSeries`.
 * @example const { xs, ys } = datasets.spirals({ n: 100, classes: 3, seed: 0 });
 */
export const datasets: DatasetsNamespace = { digits, xor, spirals, timeSeries };
