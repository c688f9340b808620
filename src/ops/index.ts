/** Tensor operations with TF.js names; each primitive records its gradient beside its forward. */
export type { TensorInput } from './operand.js';
export { broadcastShape } from './operand.js';
export { add, sub, mul, div, maximum, minimum, pow } from './arithmetic.js';
export { neg, abs, sign, exp, log, sqrt, rsqrt, square, reciprocal, relu, sigmoid, tanh, softplus, log1p, expm1, erf } from './unary.js';
export { equal, notEqual, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, logicalNot, isNaN, isFinite, where } from './compare.js';
export { cast } from './cast.js';
export { broadcastTo } from './broadcast.js';
export { matMul, dot } from './matmul.js';
export { sum, mean, prod, max, min, argMax, argMin } from './reduce.js';
export type { Axis } from './reduce.js';
export { reshape, expandDims, squeeze } from './reshape.js';
export { transpose } from './transpose.js';
export { slice, pad, concat, stack, split } from './slice.js';
export { gather, tile, oneHot } from './gather.js';
export { stopGradient, clipByValue, relu6, elu, selu, leakyRelu, prelu, gelu, logSumExp, softmax, logSoftmax } from './activations.js';
export { grad, grads, valueAndGrad, valueAndGrads, variableGrads, customGrad, tidy, dispose, keep } from './gradients.js';
export type { CustomGradientResult, GradSaveFunc } from './gradients.js';
export { randomUniform, randomNormal, randomStandardNormal, truncatedNormal, randomUniformInt } from './random.js';
