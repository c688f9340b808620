import { describe, expect, it } from 'vitest';
import { tensor2d } from '../../src/index.js';

/** Arguments of the wrong type get an error naming the op, the argument and what was received. */
describe('axis and shape arguments of the wrong type', () => {
  const x = tensor2d([[1, 2, 3], [4, 5, 6]]);
  it('a string axis', () => {
    expect(() => x.argMax('1' as unknown as number)).toThrow(/argMax: axis must be an integer. Received: "1" \(string\)/);
    expect(() => x.sum('0' as unknown as number)).toThrow(/sum: axis must be an integer or an array of integers. Received: "0" \(string\)/);
  });
  it('a number for a shape', () => {
    expect(() => x.reshape(6 as unknown as number[])).toThrow(/reshape: shape must be an array of integers \(e.g. \[2, -1\]\). Received: 6/);
  });
});
