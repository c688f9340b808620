// Elementary functions computed from exact primitives (DESIGN.md law 3). Each has a float64
// core (suffix 64) and a float32 version rounded once from it.
export { exp, exp64 } from './exp.js';
export { log, log64 } from './log.js';
export { sin, sin64 } from './sin.js';
export { cos, cos64 } from './cos.js';
export { expm1, expm164 } from './expm1.js';
export { log1p, log1p64 } from './log1p.js';
export { tanh, tanh64 } from './tanh.js';
export { sigmoid, sigmoid64 } from './sigmoid.js';
export { softplus, softplus64 } from './softplus.js';
export { erf, erf64 } from './erf.js';
export { pow, pow64 } from './pow.js';
export { fsum } from './fsum.js';
export { ExactAccumulator, exactAccumulator } from './exact-accumulator.js';
export { exactTerms, restoreExact } from './exact-expansion.js';
