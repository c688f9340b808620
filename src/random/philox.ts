/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC 2011), exactly as Random123 `include/Random123/philox.h`
 * defines it (constants and round structure: REFERENCE.md section 6). It is a pure function of
 * (counter, key): DESIGN.md law 1 builds every random number in SameBits on it.
 */

import type { RandomKey } from './key.js';

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const M0_HI = M0 >>> 16;
const M0_LO = M0 & 0xffff;
const M1_HI = M1 >>> 16;
const M1_LO = M1 & 0xffff;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_POW_32 = 4294967296;

// NOTE: a round needs the high 32 bits of a 32×32-bit product, which a float64 cannot hold
// (up to 64 bits). Both factors are split into 16-bit halves, a = ah·2^16 + al, so every
// partial product is below 2^32 and every sum below 2^34: exact in float64. The low word is
// Math.imul. The ten rounds write their four words straight into `out` rather than return
// them, so the hot loop of philoxBlocks allocates nothing per block.

/** The ten rounds on counter (x0, x1, x2, x3) and key (k0, k1), int32 words; writes out[at .. at + 3]. */
function rounds(
  x0: number, x1: number, x2: number, x3: number, k0: number, k1: number, out: Uint32Array, at: number,
): void {
  for (let round = 0; round < 10; round++) {
    const a0l = x0 & 0xffff;
    const a0h = x0 >>> 16;
    const a2l = x2 & 0xffff;
    const a2h = x2 >>> 16;
    const m0a = a0h * M0_LO;
    const m0b = a0l * M0_HI;
    const m1a = a2h * M1_LO;
    const m1b = a2l * M1_HI;
    const hi0 = a0h * M0_HI + (m0a >>> 16) + (m0b >>> 16) + ((((a0l * M0_LO) >>> 16) + (m0a & 0xffff) + (m0b & 0xffff)) >>> 16);
    const hi1 = a2h * M1_HI + (m1a >>> 16) + (m1b >>> 16) + ((((a2l * M1_LO) >>> 16) + (m1a & 0xffff) + (m1b & 0xffff)) >>> 16);
    const lo0 = Math.imul(x0, M0);
    const lo1 = Math.imul(x2, M1);
    x0 = hi1 ^ x1 ^ k0;
    x1 = lo1;
    x2 = hi0 ^ x3 ^ k1;
    x3 = lo0;
    k0 = (k0 + W0) | 0;
    k1 = (k1 + W1) | 0;
  }
  out[at] = x0;
  out[at + 1] = x1;
  out[at + 2] = x2;
  out[at + 3] = x3;
}

/**
 * One Philox4x32-10 block: 4 uint32 counter words and 2 uint32 key words in, 4 uint32 out.
 * Bit-exact with Random123's `philox4x32(ctr, key)` (10 rounds), pinned by its KAT vectors.
 *
 * @example philox4x32_10([0, 0, 0, 0], [0, 0]) // Uint32Array [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export function philox4x32_10(
  counter: ArrayLike<number>,
  key: ArrayLike<number>,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  rounds(counter[0]! | 0, counter[1]! | 0, counter[2]! | 0, counter[3]! | 0, key[0]! | 0, key[1]! | 0, out, 0);
  return out;
}

/**
 * Fills `out[0 .. 4·count)` with the Philox4x32-10 blocks `firstBlock .. firstBlock + count − 1`
 * of one stream of `key`. This is the bulk generator every distribution draws from.
 *
 * Counter layout (part of the determinism contract: changing it changes every golden value):
 * block `b` of stream `s` is `philox4x32_10([b mod 2^32, ⌊b / 2^32⌋, s, 0], [key.k0, key.k1])`,
 * words 0..3 in that order. Counter word 3 is 0 for every sample; key derivation (key.ts) puts
 * nonzero tags there, so a derived key never reuses a sample's counter.
 * Requires integers 0 ≤ firstBlock, firstBlock + count ≤ 2^53, a uint32 `stream` and
 * `out.length ≥ 4·count`; not validated here (a kernel: callers validate at their boundary).
 *
 * @example const words = new Uint32Array(8); philoxBlocks(key(0), 0, 0, 2, words);
 */
export function philoxBlocks(
  key: RandomKey,
  stream: number,
  firstBlock: number,
  count: number,
  out: Uint32Array,
): void {
  const key0 = key.k0 | 0;
  const key1 = key.k1 | 0;
  const s = stream | 0;
  let lowCounter = firstBlock % TWO_POW_32;
  let highCounter = (firstBlock - lowCounter) / TWO_POW_32;
  for (let block = 0; block < count; block++) {
    rounds(lowCounter | 0, highCounter | 0, s, 0, key0, key1, out, 4 * block);
    lowCounter++;
    if (lowCounter === TWO_POW_32) {
      lowCounter = 0;
      highCounter++;
    }
  }
}
