import { describe, expect, it } from 'vitest';
import { fsum } from '../../src/math/fsum.js';
import { expectSameBits, generator, randomDouble } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// Independent reference: every finite double is an integer multiple of 2^-1074, so the exact
// sum is a BigInt count of 2^-1074 units, rounded once to the nearest double (ties to even) by
// assembling the result's bit pattern directly.
// ---------------------------------------------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));

/** x * 2^1074 as an exact BigInt (x finite). */
function toUnits(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const magnitude = biased === 0 ? fraction : (fraction | (1n << 52n)) << BigInt(biased - 1);
  return bits >> 63n === 1n ? -magnitude : magnitude;
}

/** The double nearest to n * 2^-1074, ties to even (a nonzero n; +0 for 0). */
function fromUnits(n: bigint): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let m = negative ? -n : n;
  const length = m.toString(2).length;
  let bits: bigint;
  if (length <= 53) {
    bits = m; // subnormals and the first binade of normals share this encoding
  } else {
    let shift = length - 53;
    const rest = m & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    m >>= BigInt(shift);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
    if (m === 1n << 53n) {
      m >>= 1n;
      shift += 1;
    }
    const biased = shift + 1; // m * 2^(shift - 1074) = (m / 2^52) * 2^(shift + 1 - 1023)
    bits = biased >= 2047 ? 0x7ffn << 52n : (BigInt(biased) << 52n) | (m - (1n << 52n));
  }
  view.setBigUint64(0, negative ? bits | (1n << 63n) : bits);
  return view.getFloat64(0);
}

/** The correctly rounded sum with fsum's rules for NaN, Infinity and -0. */
function referenceSum(values: ArrayLike<number>): number {
  let plusInf = false, minusInf = false, nan = false, onlyNegativeZeros = values.length > 0;
  let total = 0n;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) nan = true;
    else if (x === Infinity) plusInf = true;
    else if (x === -Infinity) minusInf = true;
    else total += toUnits(x);
    if (!Object.is(x, -0)) onlyNegativeZeros = false;
  }
  if (nan || (plusInf && minusInf)) return NaN;
  if (plusInf) return Infinity;
  if (minusInf) return -Infinity;
  if (total === 0n) return onlyNegativeZeros ? -0 : 0;
  return fromUnits(total);
}

/** A normal double from C99 hex notation such as '-0x1.62a2af1bd3624p-1'. */
function fromHex(text: string): number {
  const match = /^(-?)0x1\.([0-9a-f]{13})p([+-]\d+)$/.exec(text);
  if (match === null) throw new Error(`bad hex float ${text}`);
  const bits = (BigInt(Number(match[3]) + 1023) << 52n) | BigInt(`0x${match[2]}`);
  view.setBigUint64(0, match[1] === '-' ? bits | (1n << 63n) : bits);
  return view.getFloat64(0);
}

function shuffled<T>(values: T[], next: () => number): T[] {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Two pairs of blocks +P, -P with P = sign * pattern (in the second pair, zeros at every i % 7 = 3),
 * each block followed by one random double of binary exponent `exponent`: the exact sum is just
 * those four small values.
 */
function pairedBlocks(pattern: readonly number[], sign: number, exponent: number, next: () => number): number[] {
  const values: number[] = [];
  for (let pair = 0; pair < 2; pair++) {
    const block = pattern.map((x, i) => (pair === 1 && i % 7 === 3 ? 0 : sign * x));
    values.push(...block, randomDouble(next, exponent + 1023, exponent + 1023));
    values.push(...block.map((x) => -x), randomDouble(next, exponent + 1023, exponent + 1023));
  }
  return values;
}

const MAX = Number.MAX_VALUE;
const TINY = Number.MIN_VALUE; // 2^-1074

describe('the BigInt reference', () => {
  it('equals hardware addition (correctly rounded by IEEE 754) on random pairs', () => {
    const next = generator(1);
    for (let i = 0; i < 3000; i++) {
      const a = randomDouble(next, 0, 2046);
      const b = i % 3 === 0 ? -a * (1 + (next() % 8) * 2 ** -52) : randomDouble(next, 0, 2046);
      expectSameBits(referenceSum([a, b]), a + b);
    }
  });

  it('rounds halfway cases to even, in the subnormal range and at overflow', () => {
    expectSameBits(referenceSum([1, 2 ** -53]), 1);
    expectSameBits(referenceSum([1, 3 * 2 ** -53]), 1 + 2 ** -51);
    expectSameBits(referenceSum([1, 2 ** -53, 2 ** -1074]), 1 + 2 ** -52);
    expectSameBits(referenceSum([TINY, TINY]), 2 * TINY);
    expectSameBits(referenceSum([MAX, 2 ** 970]), Infinity);
    expectSameBits(referenceSum([MAX, 2 ** 970, -TINY]), MAX);
    expectSameBits(referenceSum([-MAX, -(2 ** 970)]), -Infinity);
  });

  it('gives the results CPython math.fsum gives', () => {
    // Python 3.11: math.fsum([0.1, 0.2]).hex() == '0x1.3333333333334p-2', math.fsum([0.1]*10) == 1.0
    expectSameBits(referenceSum([0.1, 0.2]), fromHex('0x1.3333333333334p-2'));
    expectSameBits(referenceSum(Array(10).fill(0.1)), 1);
  });
});

describe('fsum', () => {
  it('sums the empty input to +0', () => {
    expectSameBits(fsum([]), 0);
    expectSameBits(fsum(new Float64Array(0)), 0);
  });

  it('survives cancellation of huge terms: [1e100, 1, -1e100] gives 1', () => {
    expectSameBits(fsum([1e100, 1, -1e100]), 1);
  });

  it('survives intermediate overflow: [1e308, 1e308, -1e308] gives 1e308 (Python raises)', () => {
    expectSameBits(fsum([1e308, 1e308, -1e308]), 1e308);
    expectSameBits(fsum([MAX, MAX, MAX, -MAX, -MAX]), MAX);
  });

  it('rounds ties to even, and a tie with anything below it away from the tie', () => {
    expectSameBits(fsum([1, 2 ** -53]), 1);
    expectSameBits(fsum([1, 3 * 2 ** -53]), 1 + 2 ** -51);
    expectSameBits(fsum([1, 2 ** -53, TINY]), 1 + 2 ** -52);
    expectSameBits(fsum([1, 2 ** -53, -TINY]), 1);
    expectSameBits(fsum([-1, -(2 ** -53), -TINY]), -1 - 2 ** -52);
    expectSameBits(fsum([2 ** 60, 2 ** 7, 2 ** -1000]), 2 ** 60 + 2 ** 8);
    expectSameBits(fsum([2 ** 60, 2 ** 7, -(2 ** -1000)]), 2 ** 60);
    for (let e = -20; e > -1074; e -= 7) expectSameBits(fsum([2 ** 60, 2 ** 7, 2 ** e]), 2 ** 60 + 2 ** 8);
    expectSameBits(fsum([2 ** -1000, 2 ** -1053, TINY]), 2 ** -1000 + 2 ** -1052);
  });

  it('rounds an overflowing exact sum to Infinity', () => {
    expectSameBits(fsum([1e308, 1e308]), Infinity);
    expectSameBits(fsum([-MAX, -(2 ** 970)]), -Infinity);
    expectSameBits(fsum([MAX, 2 ** 970, -TINY]), MAX);
  });

  it('sums ten 0.1s to the double nearest the exact rational sum (1)', () => {
    expectSameBits(fsum(Array(10).fill(0.1)), referenceSum(Array(10).fill(0.1)));
    expectSameBits(fsum(Array(10).fill(0.1)), 1);
  });

  it("matches the reference on CPython's test_fsum inputs, whose expected values it also gives", () => {
    const cases: [number[], number][] = [
      [[0], 0],
      [[1e100, 1, -1e100, 1e-100, 1e50, -1, -1e50], 1e-100],
      [[2 ** 53, -0.5, -(2 ** -54)], 2 ** 53 - 1],
      [[2 ** 53, 1, 2 ** -100], 2 ** 53 + 2],
      [[2 ** 53 + 10, 1, 2 ** -100], 2 ** 53 + 12],
      [[2 ** 53 - 4, 0.5, 2 ** -54], 2 ** 53 - 3],
      [Array.from({ length: 1000 }, (_, i) => 1 / (i + 1)), fromHex('0x1.df11f45f4e61ap+2')],
      [Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? -1 : 1) / (i + 1)), fromHex('-0x1.62a2af1bd3624p-1')],
      [[1e16, 1, 1e-16], 10000000000000002],
      [[1e16 - 2, 1 - 2 ** -53, -(1e16 - 2), -(1 - 2 ** -53)], 0],
      [[...Array.from({ length: 1023 }, (_, i) => 2 ** (2 * i - 1074) - 2 ** (2 * i - 1024) + 2 ** (2 * i - 1022)), -(2 ** 1022)],
        fromHex('0x1.5555555555555p+970')],
    ];
    // Telescoping: terms[i+1] - terms[i] is exact (Sterbenz), so the sum is exactly -terms[0].
    const terms = [1];
    for (let i = 0; i < 1000; i++) terms.push(terms[i] * 1.7);
    cases.push([[...terms.slice(1).map((t, i) => t - terms[i]), -terms[1000]], -1]);
    for (const [values, expected] of cases) {
      expectSameBits(referenceSum(values), expected);
      expectSameBits(fsum(values), expected);
    }
  });

  it('is exact on alternating huge and tiny terms', () => {
    const values: number[] = [];
    for (let i = 0; i < 300; i++) values.push(i % 2 === 0 ? 1e300 : -1e300, 2 ** -1000 * (i + 1), -(2 ** 600) / (i + 3));
    values.push(1e300);
    expectSameBits(fsum(values), referenceSum(values));
    expectSameBits(fsum(values), 1e300);
    const series = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? 1 : -1) * 2 ** ((i * 37) % 2000 - 1000));
    expectSameBits(fsum(series), referenceSum(series));
  });

  it('is exact on subnormals, with results in the subnormal range', () => {
    const smallestNormal = 2 ** -1022;
    const cases = [
      Array(1000).fill(TINY),
      [smallestNormal, -TINY],
      [1e-310, 1e-310, -3e-310],
      [smallestNormal * 1.5, -smallestNormal, TINY * 3],
      [1, 1e-320, -1, 2e-320],
      Array.from({ length: 777 }, (_, i) => (i % 3 === 0 ? -1 : 1) * TINY * (i + 1)),
    ];
    for (const values of cases) {
      expectSameBits(fsum(values), referenceSum(values));
      expectSameBits(fsum(Float64Array.from(values)), referenceSum(values));
    }
    expectSameBits(fsum([smallestNormal, -TINY]), smallestNormal - TINY);
    expectSameBits(fsum(Array(1000).fill(TINY)), 1000 * TINY);
  });

  it('gives NaN for any NaN and for +Infinity with -Infinity, else the infinity', () => {
    expectSameBits(fsum([1, NaN, 2]), NaN);
    expectSameBits(fsum([Infinity, -Infinity]), NaN);
    expectSameBits(fsum([Infinity, NaN]), NaN);
    expectSameBits(fsum([Infinity, 1, Infinity]), Infinity);
    expectSameBits(fsum([-Infinity, MAX, MAX]), -Infinity);
    expectSameBits(fsum([1e308, 1e308, Infinity]), Infinity);
    const long = Array.from({ length: 3000 }, (_, i) => i + 0.5);
    long[1700] = -Infinity;
    expectSameBits(fsum(long), -Infinity);
    long[2] = Infinity;
    expectSameBits(fsum(long), NaN);
  });

  it('gives -0 only when every input is -0', () => {
    expectSameBits(fsum([-0]), -0);
    expectSameBits(fsum([-0, -0, -0]), -0);
    expectSameBits(fsum(new Float64Array(2000).fill(-0)), -0);
    expectSameBits(fsum([-0, 0]), 0);
    expectSameBits(fsum([0, -0]), 0);
    expectSameBits(fsum([1, -1]), 0);
    expectSameBits(fsum([-1, 1]), 0);
    expectSameBits(fsum([-0, -1, 1]), 0);
    const mostlyNegativeZeros = new Float64Array(3000).fill(-0);
    mostlyNegativeZeros[2999] = 0;
    expectSameBits(fsum(mostlyNegativeZeros), 0);
    const cancelling = Array.from({ length: 2048 }, (_, i) => (i < 1024 ? -1 : 1) * (i % 1024 + 1) / 7);
    expectSameBits(fsum(cancelling), 0);
    const zerosThenPairs = new Float64Array(2048).fill(-0);
    for (let i = 1024; i < 2048; i++) zerosThenPairs[i] = i % 2 === 0 ? 3 : -3;
    expectSameBits(fsum(zerosThenPairs), 0);
  });

  it('equals the reference bitwise on random inputs over the whole exponent range', () => {
    const next = generator(2);
    for (let trial = 0; trial < 60; trial++) {
      const length = next() % 1200;
      const values = Array.from({ length }, () => randomDouble(next, 0, 2046));
      expectSameBits(fsum(values), referenceSum(values));
    }
  });

  it('equals the reference bitwise on random inputs with heavy cancellation', () => {
    const next = generator(3);
    for (let trial = 0; trial < 60; trial++) {
      const low = next() % 2000;
      const high = low + (next() % (2046 - low + 1));
      const half = Array.from({ length: 1 + (next() % 700) }, () => randomDouble(next, low, high));
      // Negate everything, then perturb a few terms, so that the exact sum is tiny.
      const values = [...half, ...half.map((x) => -x)];
      for (let j = 0; j < 3; j++) values[next() % values.length] = randomDouble(next, 0, low);
      const input = shuffled(values, next);
      expectSameBits(fsum(input), referenceSum(input));
    }
  });

  it('equals the reference bitwise on dense data, with zeros, outliers, and any length', () => {
    const next = generator(4);
    const lengths = [1, 2, 3, 4, 5, 7, 511, 512, 513, 515, 1024, 1027, 2600];
    for (const length of lengths) {
      for (let variant = 0; variant < 6; variant++) {
        const scale = 2 ** ((next() % 200) - 100);
        const values = Array.from({ length }, () => (next() / 2 ** 32 + next() / 2 ** 64 - 0.4) * scale);
        if (variant === 1) for (let i = 0; i < length; i += 3) values[i] = 0;
        if (variant === 2) values[next() % length] = scale * 2 ** 60;
        if (variant === 3) values[next() % length] = scale * 2 ** -70;
        if (variant === 4) for (let i = 0; i < length; i++) values[i] = Math.round(values[i] / scale * 1e6) * 2 ** 40;
        if (variant === 5) values[next() % length] = -values[0] * 2 ** 50;
        expectSameBits(fsum(values), referenceSum(values));
        expectSameBits(fsum(Float64Array.from(values)), referenceSum(values));
      }
    }
  });

  it('equals the reference bitwise when the magnitude jumps from block to block', () => {
    const next = generator(6);
    for (let trial = 0; trial < 12; trial++) {
      const values: number[] = [];
      let scale = 1;
      for (let block = 0; block < 8; block++) {
        scale *= 2 ** ((next() % 25) - 12);
        const zeros = next() % 3 === 0;
        for (let i = 0; i < 512; i++) {
          values.push(zeros && i % 5 === 0 ? 0 : (next() / 2 ** 32 + next() / 2 ** 64 - 0.25) * scale);
        }
      }
      expectSameBits(fsum(values), referenceSum(values));
    }
  });

  it('is exact at the edge of what a block may hold: large residuals plus the smallest value', () => {
    // 4/3 = 1.0101...01 in binary: splitting it on any grid 2^-m leaves about a third of the
    // grid step, always of one sign, so a block's residual sums are near their largest. The
    // last value of each block has a full random mantissa and sweeps the smallest magnitudes a
    // block may hold next to them. Blocks come in pairs +P, -P, so the exact sum is just those
    // small values and any bit lost on the way shows. Some pairs also hold zeros (so that the
    // exact grid test decides instead of the minimum).
    const next = generator(7);
    const pattern = Array.from({ length: 511 }, (_, i) => 4 / 3 + i * 2 ** -30);
    for (let exponent = -20; exponent >= -56; exponent--) {
      for (const sign of [1, -1]) {
        const values = pairedBlocks(pattern, sign, exponent, next);
        expectSameBits(fsum(values), referenceSum(values));
      }
    }
  });

  it('is exact at the edge of what a wide block may hold (the two-level split)', () => {
    // Blocks mixing 4/3-patterned values at 1 and at 2^-40 span over 90 bits, too wide for one
    // split; the last value of each block sweeps the smallest magnitudes next to them.
    const next = generator(8);
    const pattern = Array.from({ length: 511 }, (_, i) => (4 / 3 + i * 2 ** -30) * (i % 2 === 0 ? 1 : 2 ** -40));
    for (let exponent = -60; exponent >= -110; exponent -= 2) {
      for (const sign of [1, -1]) {
        const values = pairedBlocks(pattern, sign, exponent, next);
        expectSameBits(fsum(values), referenceSum(values));
      }
    }
  });

  it('gives identical bits for every order of the same values', () => {
    const next = generator(5);
    const values = [
      ...Array.from({ length: 900 }, () => randomDouble(next, 900, 1100)),
      ...Array.from({ length: 300 }, () => randomDouble(next, 0, 2046)),
      1e308, 1e308, -1e308, -0, 0, TINY,
    ];
    const expected = referenceSum(values);
    for (let i = 0; i < 20; i++) expectSameBits(fsum(shuffled(values, next)), expected);
    expectSameBits(fsum(values.slice().sort((a, b) => a - b)), expected);
    expectSameBits(fsum(values.slice().sort((a, b) => b - a)), expected);
  });

  it('accepts typed arrays and iterables', () => {
    const values = [0.1, 0.2, 0.3, -0.6, 1e-17];
    const expected = referenceSum(values);
    expectSameBits(fsum(Float64Array.from(values)), expected);
    expectSameBits(fsum(new Set(values)), expected);
    expectSameBits(fsum((function* () { yield* values; })()), expected);
    const singles = Float32Array.from([0.1, 1e30, -1e30, 3.5]);
    expectSameBits(fsum(singles), referenceSum(Array.from(singles)));
    expectSameBits(fsum(Int32Array.from([2147483647, 5, -2147483648])), 4);
  });

  it('rejects input that is not numbers, naming it', () => {
    expect(() => fsum(null as unknown as number[])).toThrow(/values: expected .*received null/);
    expect(() => fsum(3 as unknown as number[])).toThrow(/values: expected .*received number/);
    expect(() => fsum('123' as unknown as number[])).toThrow(/received string/);
    expect(() => fsum([1, 2, '3'] as unknown as number[])).toThrow(/values\[2\]: expected a number, received string/);
    const long: unknown[] = Array.from({ length: 1000 }, (_, i) => i);
    long[997] = undefined;
    expect(() => fsum(long as number[])).toThrow(/values\[997\].*undefined/);
    expect(() => fsum(new BigInt64Array(2) as unknown as number[])).toThrow(/values\[0\]: expected a number, received bigint/);
  });
});

describe('fsum after other sums', () => {
  it('does not let digits of an earlier rounding leak into a later one (regression)', () => {
    const acc = [0.912, 0.925, 0.901, 0.933, 0.918, 0.907, 0.929, 0.915, 0.921, 0.936, 0.909, 0.924];
    const m = fsum(acc) / 12;
    fsum(acc.map((v) => (v - m) * (v - m)));
    expect(fsum([2.25, 0.25, 0.25, 2.25])).toBe(5);
  });
});

describe('fsum over interleaved calls', () => {
  it('matches the exact reference when short, narrow sums follow long, wide ones', () => {
    const next = generator(2718);
    for (let round = 0; round < 400; round++) {
      const wide = Array.from({ length: 1 + (next() % 40) }, () => randomDouble(next, 900, 1200));
      expectSameBits(fsum(wide), referenceSum(wide));
      const narrow = Array.from({ length: 1 + (next() % 6) }, () => randomDouble(next, 1020, 1026));
      expectSameBits(fsum(narrow), referenceSum(narrow));
    }
  });
});
