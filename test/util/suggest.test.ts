import { describe, expect, it } from 'vitest';
import { getOptimizer } from '../../src/index.js';
import { unknownId } from '../../src/util/suggest.js';

describe('did-you-mean suggestions', () => {
  it('suggest the closest id in the spelling the user typed (adamm -> adam, not Adam)', () => {
    expect(unknownId('optimizer', 'adamm', ['Adam', 'adam', 'SGD', 'sgd'])).toContain("Did you mean 'adam'?");
    expect(unknownId('optimizer', 'Adamm', ['Adam', 'adam', 'SGD', 'sgd'])).toContain("Did you mean 'Adam'?");
  });

  it('through a public lookup', () => {
    expect(() => getOptimizer('adamm')).toThrow(/Did you mean 'adam'\?/);
  });
});
