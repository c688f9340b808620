import { expOfSum } from './exp-kernel.js';
import { twoProductError } from './error-free.js';

// All coefficients: scripts/math/fit-coefficients.py, section "erf" (Chebyshev fits with
// mpmath.chebyfit, rounded to float64; the script prints the error of each rounded polynomial,
// at most 0.1 ulp). Highest degree first.

const TINY = 3.725290298461914e-9; // 2^-28: below it erf(x) = 2x/sqrt(pi) to float64 precision
const TWO_OVER_SQRT_PI_MINUS_1 = 0.1283791670955126;

/** Q(z) = erf(sqrt z)/sqrt z - 1 on z in [0, 1]: erf(x) = x + x Q(x^2) for |x| < 1. */
const SMALL: readonly number[] = [
  -4.230945824295338e-12, 8.709045129053106e-11, -1.216456005728345e-09, 1.4792401209404813e-08,
  -1.6364642158167616e-07, 1.6462045441468418e-06, -1.4925647567519332e-05,
  0.00012055332902888736, -0.000854832702193483, 0.0052239776254232985, -0.02686617064512984,
  0.1128379167095512, -0.37612638903183754, 0.1283791670955126,
];

/** erf(1.5) as a double-double, and P(t) = (erf(1.5 + t) - erf(1.5))/t on t in [-0.5, 0.5]. */
const ERF_1_5_HI = 0.9661051464753108;
const ERF_1_5_LO = -3.3867031441680696e-17;
const MIDDLE: readonly number[] = [
  -1.0123860965816045e-07, -2.8346118565278276e-07, 1.5310150768070772e-06,
  5.712902189436902e-07, -1.4092025700433579e-05, 1.7961323135211212e-05, 7.768996550995686e-05,
  -0.00025444927807681647, -9.291428364303808e-05, 0.0017098196278538453, -0.002362677620971991,
  -0.004743053204878897, 0.0193261719988455, -0.014866286152863747, -0.044598858458861065,
  0.1387520040942334, -0.17839543383544407, 0.11893028922362937,
];

/** G(x) = erfc(x) e^(x^2) in t = x - 2.75 on [2, 3.5], and in t = x - 4.75 on [3.5, 6]. */
const TAIL_A: readonly number[] = [
  -4.029989243785423e-10, 1.819371994210045e-09, -7.162110554563578e-09, 3.103266553704028e-08,
  -1.3264363071840677e-07, 5.520607070345556e-07, -2.247368610883161e-06, 8.940133543917338e-06,
  -3.4698610270387155e-05, 0.0001311818037632169, -0.0004821950849322654, 0.001719581885061462,
  -0.005934337896999284, 0.01975859298732897, -0.06323763756063483, 0.19366209627906866,
];
const TAIL_B: readonly number[] = [
  -3.637168322786334e-11, 2.1605238078652918e-10, -1.0693784384105536e-09, 6.173315508932439e-09,
  -3.5608039480012836e-08, 2.0036663468155427e-07, -1.1115609470604207e-06,
  6.081073403414264e-06, -3.277578290599404e-05, 0.00017392831480289404, -0.0009080988968563344,
  0.004661326367919034, -0.023503448598165916, 0.1163027072102641,
];

// NOTE: erfc(5.93) < 2^-54, so erf rounds to ±1 in float64 from here on.
const SATURATION = 6;

function horner(coefficients: readonly number[], t: number): number {
  let acc = 0;
  for (let i = 0; i < coefficients.length; i++) acc = acc * t + coefficients[i];
  return acc;
}

/** erf(a) for a in [1, 6). */
function erfLarge(a: number): number {
  if (a < 2) {
    const t = a - 1.5;
    return ERF_1_5_HI + (ERF_1_5_LO + t * horner(MIDDLE, t));
  }
  const g = a < 3.5 ? horner(TAIL_A, a - 2.75) : horner(TAIL_B, a - 4.75);
  // NOTE: e^(-a^2) needs a^2 exactly (as z + zErr): a^2 up to 36 would lose ~5 bits otherwise.
  const z = a * a;
  const zErr = twoProductError(a, a, z);
  return 1 - expOfSum(-z, -zErr) * g;
}

/**
 * The error function in float64, error about 1 ulp: erf64(-0) = -0, erf64(±Infinity) = ±1,
 * odd: erf64(-x) = -erf64(x). Polynomial in x^2 near 0, a Taylor-like fit around 1.5, then
 * 1 - e^(-x^2) erfcx(x) where erfc is small enough that its errors barely show.
 * @example erf64(0.5) // 0.5204998778130465
 */
export function erf64(x: number): number {
  const a = Math.abs(x);
  if (a < 1) {
    if (a < TINY) return x + x * TWO_OVER_SQRT_PI_MINUS_1;
    return x + x * horner(SMALL, x * x);
  }
  if (x !== x) return NaN;
  const r = a >= SATURATION ? 1 : erfLarge(a);
  return x < 0 ? -r : r;
}

/**
 * The error function rounded once to float32 (returned as a number).
 * @example erf(0.5) // 0.5204998850822449
 */
export function erf(x: number): number {
  return Math.fround(erf64(x));
}
