import { sha256 } from '@noble/hashes/sha2.js';
import { Tensor } from '../ops/tensor.js';
import { DIGITS_ROWS } from './digits-data.js';
import { received } from '../util/received.js';
import { checkOptions } from '../util/options.js';

/** SHA-256 of the decoded table (1,797 rows × 65 bytes: 64 pixels 0..16, then the label), checked at every load. */
export const DIGITS_SHA256: string = '68aea062d35a127749050fa0e52dca09d6569ac08092c925610e0954e172dde2';

const ROWS = 1797;
const COLUMNS = 65;

/** The vendored table as bytes, row-major (pixels then label), verified against DIGITS_SHA256. */
export function digitsTable(): Uint8Array {
  const text = DIGITS_ROWS.replace(/\s+/g, '');
  if (text.length !== ROWS * COLUMNS) throw new Error(`datasets.digits: the embedded table holds ${text.length} values; expected ${ROWS * COLUMNS} (src/datasets/digits-data.ts is damaged; regenerate it with scripts/vendor-digits.ts)`);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) - 97;
  let digest = '';
  for (const b of sha256(bytes)) digest += b.toString(16).padStart(2, '0');
  if (digest !== DIGITS_SHA256) throw new Error(`datasets.digits: the embedded table's SHA-256 is ${digest}; expected ${DIGITS_SHA256} (src/datasets/digits-data.ts is damaged)`);
  return bytes;
}

/** Options of `datasets.digits`. */
export interface DigitsOptions {
  /** Pixels divided by 16, into [0, 1] (default true; exact in float32). */
  scale?: boolean;
  /** Labels as one-hot rows [n, 10] instead of class indices [n] (default false). */
  oneHot?: boolean;
}

/**
 * The 8×8 handwritten digits (scikit-learn's `load_digits`, the UCI test set: 1,797 samples,
 * 10 classes), vendored in the package: `xs` [1797, 64] float32 pixels (row-major 8×8), `ys` the
 * labels [1797] (float32 class indices, for sparseCategoricalCrossentropy) or one-hot [1797, 10].
 * Works in every engine: no file or network is read.
 * @example const { xs, ys } = datasets.digits(); // xs [1797, 64] in [0, 1], ys [1797]
 */
export function digits(options: DigitsOptions = {}): { xs: Tensor; ys: Tensor } {
  checkOptions('datasets.digits', options, ['scale', 'oneHot']);
  for (const k of ['scale', 'oneHot'] as const) {
    const v: unknown = options[k];
    if (v !== undefined && typeof v !== 'boolean') throw new Error(`datasets.digits: ${k} must be true or false. Received: ${k}=${received(v)}`);
  }
  const table = digitsTable();
  const scale = options.scale ?? true;
  const xs = new Float32Array(ROWS * 64);
  const ys = new Float32Array(options.oneHot ? ROWS * 10 : ROWS);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < 64; c++) xs[r * 64 + c] = scale ? (table[r * COLUMNS + c] as number) / 16 : (table[r * COLUMNS + c] as number);
    const label = table[r * COLUMNS + 64] as number;
    if (options.oneHot) ys[r * 10 + label] = 1;
    else ys[r] = label;
  }
  return { xs: new Tensor(xs, [ROWS, 64], 'float32'), ys: new Tensor(ys, options.oneHot ? [ROWS, 10] : [ROWS], 'float32') };
}
