/**
 * Arguments shared by the pooling, padding, cropping and upsampling layers: sizes given as one
 * number or one per spatial axis, the border mode, the data format, and their spellings in a
 * model file (TF.js writes `[2, 2]` and `'channels_last'`; Keras 3 writes the same as tuples).
 */
import type { ConfigValue } from '../initializers/initializer.js';
import type { ConfigReader } from './config-reader.js';
import { failConfig } from './config-reader.js';

/** Where the channel axis is: last (`[batch, h, w, channels]`, the default) or first. */
export type DataFormat = 'channelsLast' | 'channelsFirst';
/** How a window meets the border: only whole windows (`'valid'`) or padded to `ceil(in / stride)` (`'same'`). */
export type PaddingMode = 'valid' | 'same';

/** `n` positive integers from one number or an array of `n` (`what` names the argument in errors). */
export function sizeTuple(layer: string, what: string, value: number | readonly number[] | undefined, n: number, min = 1): number[] {
  const v = typeof value === 'number' ? new Array<number>(n).fill(value) : value;
  if (!Array.isArray(v) || v.length !== n || v.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < min)) {
    throw new Error(`${layer}: ${what} must be an integer >= ${min} or an array of ${n} of them. Received: ${what}=${JSON.stringify(value)}`);
  }
  return v.slice();
}

/** The data format, default channelsLast; Keras's snake_case spelling is accepted. */
export function dataFormatOf(layer: string, value: string | undefined): DataFormat {
  if (value === undefined || value === 'channelsLast' || value === 'channels_last') return 'channelsLast';
  if (value === 'channelsFirst' || value === 'channels_first') return 'channelsFirst';
  throw new Error(`${layer}: dataFormat must be 'channelsLast' or 'channelsFirst'. Received: dataFormat=${JSON.stringify(value)}`);
}

/** The border mode, default 'valid'. */
export function paddingModeOf(layer: string, value: string | undefined): PaddingMode {
  if (value === undefined || value === 'valid' || value === 'same') return value ?? 'valid';
  throw new Error(`${layer}: padding must be 'valid' or 'same'. Received: padding=${JSON.stringify(value)}`);
}

/** The data format as a model file spells it. */
export function dataFormatConfig(format: DataFormat): string {
  return format === 'channelsLast' ? 'channels_last' : 'channels_first';
}

/**
 * Output extent of a window of `size` moved by `stride` (Keras `conv_output_length`):
 * ceil((in − size + 1) / stride) for 'valid', ceil(in / stride) for 'same'; null stays null.
 */
export function windowOutputLength(length: number | null, size: number, padding: PaddingMode, stride: number): number | null {
  if (length === null) return null;
  return Math.ceil((padding === 'valid' ? length - size + 1 : length) / stride);
}

/** A size tuple from a config key: one integer or an array of `n` (null: undefined). */
export function configSizes(r: ConfigReader, key: string, n: number): number | number[] | undefined {
  const v = r.get(key);
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === n && v.every((d) => typeof d === 'number')) return v as number[];
  return failConfig(r.cls, key, v, `an integer or an array of ${n} integers`);
}

/**
 * Per-axis [before, after] pairs from a config key written as one integer, one integer per axis
 * or one pair per axis (ZeroPadding2D's `padding`, Cropping2D's `cropping`).
 */
export function configPairs(r: ConfigReader, key: string): number | number[] | [number, number][] | undefined {
  const v: ConfigValue | undefined = r.get(key);
  if (v === undefined) return undefined;
  const isInts = (a: ConfigValue): boolean => Array.isArray(a) && a.every((d) => typeof d === 'number');
  if (typeof v === 'number' || (isInts(v) && (v as number[]).length === 2)) return v as number | number[];
  if (Array.isArray(v) && v.length === 2 && v.every((p) => isInts(p) && (p as number[]).length === 2)) return v as [number, number][];
  return failConfig(r.cls, key, v, 'an integer, [height, width] or [[top, bottom], [left, right]]');
}

/**
 * [[top, bottom], [left, right]] from one number (all sides), [h, w] (symmetric per axis) or the
 * pairs themselves: TF.js ZeroPadding2D's `padding` and Cropping2D's `cropping`.
 */
export function sidePairs(layer: string, what: string, value: number | readonly number[] | readonly (readonly number[])[]): [[number, number], [number, number]] {
  const fail = (): never => {
    throw new Error(`${layer}: ${what} must be a non-negative integer, [height, width] or [[top, bottom], [left, right]]. Received: ${what}=${JSON.stringify(value)}`);
  };
  const ok = (d: unknown): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 0;
  if (ok(value)) return [[value, value], [value, value]];
  if (!Array.isArray(value) || value.length !== 2) return fail();
  const [a, b] = value as unknown[];
  if (ok(a) && ok(b)) return [[a, a], [b, b]];
  const pair = (p: unknown): [number, number] => (Array.isArray(p) && p.length === 2 && ok(p[0]) && ok(p[1]) ? [p[0], p[1]] : fail());
  return [pair(a), pair(b)];
}
