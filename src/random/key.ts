/**
 * Random keys as immutable values (after JAX's `PRNGKey`, `split`, `fold_in`): a key is two
 * uint32 words, the Philox4x32-10 key. New keys are derived from old ones with Philox itself,
 * never by mutating anything (DESIGN.md law 1).
 */

import { utf8Bytes } from '../util/utf8.js';
import { philox4x32_10 } from './philox.js';
import { assertInteger, assertKey } from './validate.js';

/** A Philox key: two uint32 words. Frozen; derive new keys with `split`, `foldIn`, `foldInPath`. */
export type RandomKey = { readonly k0: number; readonly k1: number };

const TWO_POW_32 = 4294967296;

// Counter word 3 ("tag") of each derivation, the ASCII of its name. Samples use tag 0
// (philox.ts philoxBlocks), so a derived key never comes from a counter that produced sample bits.
const TAG_SPLIT = 0x73706c74; // 'splt'
const TAG_FOLD_IN = 0x666f6c64; // 'fold'
const TAG_PATH_CHUNK = 0x70617468; // 'path'
const TAG_PATH_SEGMENT = 0x7365676d; // 'segm'

/** Builds a frozen key from two words (taken mod 2^32); internal to src/random. */
export function keyFromWords(k0: number, k1: number): RandomKey {
  return Object.freeze({ k0: k0 >>> 0, k1: k1 >>> 0 });
}

/** Low and high uint32 words of the 64-bit two's complement of a safe integer. */
function words64(value: number): [number, number] {
  const low = ((value % TWO_POW_32) + TWO_POW_32) % TWO_POW_32;
  const high = ((value - low) / TWO_POW_32) >>> 0;
  return [low, high];
}

/**
 * The key of an integer seed: k0 = the low and k1 = the high 32 bits of the seed's 64-bit two's
 * complement (as JAX's `PRNGKey`), so distinct seeds always give distinct keys. Seed 0 is a
 * seed like any other; negative seeds are allowed.
 *
 * @example key(42) // { k0: 42, k1: 0 };  key(-1) // { k0: 0xffffffff, k1: 0xffffffff }
 */
export function key(seed: number): RandomKey {
  assertInteger('key', 'seed', seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const [low, high] = words64(seed);
  return keyFromWords(low, high);
}

/**
 * `n` independent keys derived from `k`: key i is words 0 and 1 of
 * `philox4x32_10([i, 0, 0, TAG_SPLIT], [k.k0, k.k1])`. Key i does not depend on `n`, so
 * `split(k, 3)` starts with `split(k, 2)`.
 *
 * @example const [paramsKey, dropoutKey] = split(key(0));
 */
export function split(k: RandomKey, n = 2): RandomKey[] {
  assertKey('split', 'k', k);
  assertInteger('split', 'n', n, 0, TWO_POW_32);
  const keyWords = [k.k0, k.k1];
  const counter = new Uint32Array([0, 0, 0, TAG_SPLIT]);
  const block = new Uint32Array(4);
  const keys: RandomKey[] = [];
  for (let i = 0; i < n; i++) {
    counter[0] = i;
    philox4x32_10(counter, keyWords, block);
    keys.push(keyFromWords(block[0]!, block[1]!));
  }
  return keys;
}

/**
 * The key derived from `k` and an integer (an epoch, a step, a layer index): words 0 and 1 of
 * `philox4x32_10([lo, hi, 0, TAG_FOLD_IN], [k.k0, k.k1])`, where lo, hi are the low and high
 * words of `data`'s 64-bit two's complement (any safe integer, so a uint32 is [data, 0]).
 *
 * @example const epochKey = foldIn(shuffleKey, epoch);
 */
export function foldIn(k: RandomKey, data: number): RandomKey {
  assertKey('foldIn', 'k', k);
  assertInteger('foldIn', 'data', data, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const [low, high] = words64(data);
  const block = philox4x32_10([low, high, 0, TAG_FOLD_IN], [k.k0, k.k1]);
  return keyFromWords(block[0]!, block[1]!);
}

/**
 * The key for a purpose path such as `model/dense_1/kernel` or `fit/shuffle`. The path is split
 * at '/' into segments (`''` is one empty segment), and each segment is absorbed in turn:
 * 1. its UTF-8 bytes (as WHATWG `TextEncoder` gives them, a lone surrogate becoming U+FFFD; `utf8Bytes`, since
 *    QuickJS has no TextEncoder) are cut into
 *    8-byte chunks, the last zero-padded; chunk j, read as two little-endian uint32 words
 *    (w0 = bytes 8j..8j+3, w1 = bytes 8j+4..8j+7), sets
 *    `k ← words 0,1 of philox4x32_10([w0, w1, j, 0x70617468 'path'], k)`;
 * 2. then `k ← words 0,1 of philox4x32_10([byteLength, 0, 0, 0x7365676d 'segm'], k)`.
 * Hence `foldInPath(foldInPath(k, a), b)` equals `foldInPath(k, a + '/' + b)`. Only integer
 * operations and Philox: identical on every engine.
 *
 * @example const kernelKey = foldInPath(key(seed), 'model/dense_1/kernel');
 */
export function foldInPath(k: RandomKey, path: string): RandomKey {
  assertKey('foldInPath', 'k', k);
  if (typeof path !== 'string') {
    throw new Error(`foldInPath: expected path to be a string such as 'model/dense_1/kernel', received path=${String(path)}`);
  }
  const keyWords = new Uint32Array([k.k0, k.k1]);
  const counter = new Uint32Array(4);
  for (const segment of path.split('/')) {
    const bytes = utf8Bytes(segment);
    const chunks = Math.ceil(bytes.length / 8);
    for (let j = 0; j < chunks; j++) {
      let w0 = 0;
      let w1 = 0;
      for (let b = 0; b < 4; b++) {
        w0 |= (bytes[8 * j + b] ?? 0) << (8 * b);
        w1 |= (bytes[8 * j + 4 + b] ?? 0) << (8 * b);
      }
      counter.set([w0 >>> 0, w1 >>> 0, j, TAG_PATH_CHUNK]);
      absorb(counter, keyWords);
    }
    counter.set([bytes.length, 0, 0, TAG_PATH_SEGMENT]);
    absorb(counter, keyWords);
  }
  return keyFromWords(keyWords[0]!, keyWords[1]!);
}

/** keyWords ← words 0, 1 of philox4x32_10(counter, keyWords). */
function absorb(counter: Uint32Array, keyWords: Uint32Array): void {
  const block = philox4x32_10(counter, keyWords);
  keyWords[0] = block[0]!;
  keyWords[1] = block[1]!;
}
