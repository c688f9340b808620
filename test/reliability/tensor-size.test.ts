import { describe, expect, it } from 'vitest';
import { fill, initializers, layers, ones, sequential, tensor, variable, zeros } from '../../src/node.js';
import { MAX_TENSOR_ELEMENTS } from '../../src/tensor/shape.js';

/**
 * Tensors too large for a typed array are refused up front, naming the tensor (or layer
 * weight), its shape, its element count and the limit, instead of V8's raw
 * "RangeError: Invalid typed array length".
 */
describe('a tensor larger than the engine can hold is refused with a clear error', () => {
  const huge = [100_000, 100_000];

  it('the limit is the largest typed-array length SameBits allows: 2^31 - 1 elements', () => {
    expect(MAX_TENSOR_ELEMENTS).toBe(2 ** 31 - 1);
  });

  it.each([
    ['zeros', () => zeros(huge)],
    ['ones', () => ones(huge)],
    ['fill', () => fill(huge, 3)],
    ['tensor', () => tensor(0, huge)],
    ['variable', () => variable(zeros(huge))],
  ])('%s([1e5, 1e5])', (name, make) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor).toBe(Error);
    const message = (error as Error).message;
    expect(message).toContain(name === 'variable' ? 'zeros' : name);
    expect(message).toContain('[100000,100000]');
    expect(message).toContain('10000000000 elements');
    expect(message).toContain('2147483647');
  });

  it('an initializer applied to a huge shape', () => {
    expect(() => initializers.glorotUniform({ seed: 1 }).apply(huge)).toThrow(/GlorotUniform: shape \[100000,100000\] has 10000000000 elements.*2147483647/);
  });

  it('a dense layer of 1e9 units names the layer weight when it is built', () => {
    expect(() => sequential({ layers: [layers.dense({ units: 1e9, inputShape: [3], name: 'wide' })] })).toThrow(/wide\/kernel: shape \[3,1000000000\] has 3000000000 elements.*2147483647/);
  });

  it('a tensor at a normal size is unaffected', () => {
    expect(zeros([1000, 1000]).size).toBe(1e6);
  });
});
