import { describe, expect, it } from 'vitest';
import { foldIn, foldInPath, key, split } from '../../src/random/key.js';
import type { RandomKey } from '../../src/random/key.js';
import { philox4x32_10 } from '../../src/random/philox.js';

const words = (k: RandomKey): [number, number] => [k.k0, k.k1];

/** The path hash exactly as key.ts documents it, written independently (Node's Buffer for UTF-8). */
function documentedPathHash(k: RandomKey, path: string): [number, number] {
  let state = [k.k0, k.k1];
  for (const segment of path.split('/')) {
    const bytes = Buffer.from(segment, 'utf8');
    const padded = Buffer.alloc(Math.ceil(bytes.length / 8) * 8);
    bytes.copy(padded);
    for (let j = 0; j < padded.length / 8; j++) {
      const block = philox4x32_10([padded.readUInt32LE(8 * j), padded.readUInt32LE(8 * j + 4), j, 0x70617468], state);
      state = [block[0]!, block[1]!];
    }
    const block = philox4x32_10([bytes.length, 0, 0, 0x7365676d], state);
    state = [block[0]!, block[1]!];
  }
  return state as [number, number];
}

describe('key', () => {
  it('puts the low and high 32 bits of the seed in k0 and k1', () => {
    expect(words(key(0))).toEqual([0, 0]);
    expect(words(key(42))).toEqual([42, 0]);
    expect(words(key(2 ** 32 + 5))).toEqual([5, 1]);
    expect(words(key(Number.MAX_SAFE_INTEGER))).toEqual([0xffffffff, 0x1fffff]);
  });

  it('takes negative seeds as 64-bit two\'s complement', () => {
    expect(words(key(-1))).toEqual([0xffffffff, 0xffffffff]);
    expect(words(key(-(2 ** 32)))).toEqual([0, 0xffffffff]);
    expect(words(key(Number.MIN_SAFE_INTEGER))).toEqual([1, 0xffe00000]);
  });

  it('returns frozen values', () => {
    expect(Object.isFrozen(key(3))).toBe(true);
  });

  it('rejects non-integer, NaN and unsafe seeds with an error naming the seed', () => {
    expect(() => key(1.5)).toThrow(/key: expected seed to be an integer .* received seed=1\.5/);
    expect(() => key(Number.NaN)).toThrow(/seed=NaN/);
    expect(() => key(2 ** 53)).toThrow(/seed=9007199254740992/);
    expect(() => key('1' as unknown as number)).toThrow(/seed="1"/);
  });
});

describe('split', () => {
  it('derives key i from philox([i, 0, 0, "splt"], k)', () => {
    const k = key(7);
    const block = philox4x32_10([1, 0, 0, 0x73706c74], [7, 0]);
    expect(words(split(k)[1]!)).toEqual([block[0], block[1]]);
  });

  it('gives keys that do not depend on how many are asked for', () => {
    const k = key(123);
    expect(split(k, 5).slice(0, 2)).toEqual(split(k, 2));
    expect(split(k, 0)).toEqual([]);
  });

  it('gives distinct keys, distinct from the parent', () => {
    const k = key(0);
    const all = [k, ...split(k, 100)].map((x) => `${x.k0},${x.k1}`);
    expect(new Set(all).size).toBe(101);
  });

  it('is deterministic', () => {
    expect(split(key(9), 3)).toEqual(split(key(9), 3));
  });

  it('rejects a bad count and a bad key', () => {
    expect(() => split(key(0), -1)).toThrow(/split: expected n .* received n=-1/);
    expect(() => split({ k0: -1, k1: 0 }, 2)).toThrow(/split: expected k to be a RandomKey/);
  });
});

describe('foldIn', () => {
  it('derives philox([lo, hi, 0, "fold"], k)', () => {
    const block = philox4x32_10([5, 1, 0, 0x666f6c64], [1, 2]);
    expect(words(foldIn({ k0: 1, k1: 2 }, 2 ** 32 + 5))).toEqual([block[0], block[1]]);
  });

  it('gives different keys for different data, and differs from split', () => {
    const k = key(1);
    const folded = Array.from({ length: 1000 }, (_, i) => foldIn(k, i));
    expect(new Set(folded.map((x) => `${x.k0},${x.k1}`)).size).toBe(1000);
    expect(foldIn(k, 0)).not.toEqual(split(k, 1)[0]);
    expect(foldIn(k, -1)).not.toEqual(foldIn(k, 0xffffffff));
  });

  it('rejects non-integer data', () => {
    expect(() => foldIn(key(0), 0.5)).toThrow(/foldIn: expected data .* received data=0\.5/);
  });
});

describe('foldInPath', () => {
  // Golden keys computed by this code and committed deliberately: they pin the path-hash
  // contract (every initializer's and shuffle's bits depend on it). Changing them is a
  // deliberate, announced change of every golden fingerprint.
  it('pins the path hash with golden keys', () => {
    const root = key(0);
    expect(words(foldInPath(root, 'model/dense_1/kernel'))).toEqual([0xe5297ae9, 0x235f1203]);
    expect(words(foldInPath(root, 'fit/shuffle'))).toEqual([0xd56c9701, 0x56e957dc]);
    expect(words(foldInPath(root, 'dropout_2/mask'))).toEqual([0xab797d37, 0xbafa6754]);
    expect(words(foldInPath(root, ''))).toEqual([0x470be4f6, 0x5a31d83b]);
    expect(words(foldInPath(key(42), 'model/dense_1/kernel'))).toEqual([0x2947a14c, 0x34040499]);
  });

  it('pins non-ASCII paths (UTF-8 bytes) with golden keys', () => {
    const root = key(0);
    expect(words(foldInPath(root, 'modèle/couche_1/noyau'))).toEqual([0x68546866, 0x6fdc7ea5]);
    expect(words(foldInPath(root, '模型/层'))).toEqual([0x849c1737, 0x738ea18e]);
  });

  it('follows its documented construction', () => {
    const k = key(31337);
    const paths = ['', '/', 'a', 'abcdefgh', 'abcdefghi', 'model/dense_1/kernel', 'é/😀/x', 'a//b/', 'x'.repeat(100)];
    for (const path of paths) expect(words(foldInPath(k, path))).toEqual(documentedPathHash(k, path));
  });

  it('composes: a path folded after another equals the two joined by a slash', () => {
    const k = key(5);
    expect(foldInPath(foldInPath(k, 'model'), 'dense_1/kernel')).toEqual(foldInPath(k, 'model/dense_1/kernel'));
  });

  it('separates paths that differ only in zero bytes, length or segmentation', () => {
    const k = key(0);
    const paths = ['a', 'a\u0000', 'ab', 'a/b', 'ab/', '/ab', 'abcdefgh', 'abcdefgh\u0000', 'dense_1', 'dense_10', 'dense_1/kernel', 'dense_1/bias'];
    const keys = paths.map((p) => foldInPath(k, p)).map((x) => `${x.k0},${x.k1}`);
    expect(new Set(keys).size).toBe(paths.length);
    expect(foldInPath(k, 'a')).not.toEqual(k);
  });

  it('depends on the parent key', () => {
    expect(foldInPath(key(0), 'fit/shuffle')).not.toEqual(foldInPath(key(1), 'fit/shuffle'));
  });

  it('rejects a non-string path', () => {
    expect(() => foldInPath(key(0), 3 as unknown as string)).toThrow(/foldInPath: expected path to be a string/);
  });
});
