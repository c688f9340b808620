/**
 * Random words by position: word w of stream s of a key is word (w mod 4) of Philox block
 * ⌊w / 4⌋ (philox.ts `philoxBlocks` states the counter layout). Every distribution reads its
 * bits through this numbering, which is what makes a draw a pure function of position.
 */

import type { RandomKey } from './key.js';
import { philoxBlocks } from './philox.js';
import { assertDraw, assertKey } from './validate.js';

const BLOCKS_PER_CALL = 1024;

/**
 * Fills `out` with words `firstWord .. firstWord + out.length − 1` of stream `stream` of `k`.
 * Internal kernel: no validation (firstWord + out.length ≤ 2^53, uint32 stream).
 */
export function fillWords(k: RandomKey, stream: number, firstWord: number, out: Uint32Array): void {
  const count = out.length;
  let done = 0;
  let word = firstWord;
  const skip = word % 4;
  if (count > 0 && (skip !== 0 || count < 4)) {
    const block = new Uint32Array(4);
    philoxBlocks(k, stream, (word - skip) / 4, 1, block);
    for (let j = skip; j < 4 && done < count; j++) out[done++] = block[j]!;
    word += done;
  }
  // NOTE: whole blocks go in calls of at most BLOCKS_PER_CALL: V8 optimizes a function between
  // calls, and one call over millions of blocks ran 2.5 times slower (measured, Node 20).
  for (let blocks = Math.floor((count - done) / 4); blocks > 0; ) {
    const n = Math.min(blocks, BLOCKS_PER_CALL);
    philoxBlocks(k, stream, word / 4, n, out.subarray(done, done + 4 * n));
    done += 4 * n;
    word += 4 * n;
    blocks -= n;
  }
  if (done < count) {
    const block = new Uint32Array(4);
    philoxBlocks(k, stream, word / 4, 1, block);
    for (let j = 0; done < count; j++) out[done++] = block[j]!;
  }
}

/**
 * One word of stream `stream` of `k` at position `word` (the same numbering as `fillWords`).
 * Used for the rare redraws of rejection sampling; `scratch` is a caller-owned 4-word buffer.
 */
export function wordAt(k: RandomKey, stream: number, word: number, scratch: Uint32Array): number {
  const skip = word % 4;
  philoxBlocks(k, stream, (word - skip) / 4, 1, scratch);
  return scratch[skip]!;
}

/**
 * `count` raw uint32 words: element i is word `offset + i` of stream 0 of `k`, i.e. word
 * (offset + i) mod 4 of Philox block ⌊(offset + i) / 4⌋.
 *
 * @example randomBits(key(0), 4) // the Philox block [0, 0, 0, 0] under key (0, 0): the first KAT vector
 */
export function randomBits(k: RandomKey, count: number, offset = 0, out?: Uint32Array): Uint32Array {
  assertKey('randomBits', 'k', k);
  assertDraw('randomBits', count, offset, out);
  const result = out ?? new Uint32Array(count);
  fillWords(k, 0, offset, result);
  return result;
}

/** Words per scratch buffer when a distribution cannot write its words into its own output. */
export const CHUNK_WORDS: number = 4096;
