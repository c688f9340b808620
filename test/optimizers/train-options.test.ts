import { describe, expect, it } from 'vitest';
import { train } from '../../src/index.js';

describe('train.* trailing options', () => {
  it('a positional value where the options object goes is refused, not dropped', () => {
    expect(() => train.adam(0.01, 0.9, 0.999, 1e-7, true as unknown as object)).toThrow(/train.adam: the argument after the positional ones must be an options object, e.g. \{ clipNorm: 1 \}. Received: true/);
    expect(() => train.sgd(0.1, 5 as unknown as object)).toThrow(/train.sgd: .* Received: 5/);
  });

  it('an options object still works', () => {
    expect(train.adam(0.01, 0.9, 0.999, 1e-7, { amsgrad: true }).amsgrad).toBe(true);
  });
});
