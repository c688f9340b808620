import { describe, expect, it } from 'vitest';
import { getRandomSeed, randomNormal, setRandomSeed } from '../../src/node.js';

describe('setRandomSeed', () => {
  it('makes unseeded random calls repeat after it is called again with the same seed', () => {
    setRandomSeed(3);
    const a = randomNormal([5]).dataSync();
    setRandomSeed(3);
    expect(randomNormal([5]).dataSync()).toEqual(a);
  });

  it('draws a fresh seed when called without one, and getRandomSeed reports it so the run can be reproduced', () => {
    const drawn = setRandomSeed();
    expect(getRandomSeed()).toBe(drawn);
    const a = randomNormal([4]).dataSync();
    setRandomSeed(drawn);
    expect(randomNormal([4]).dataSync()).toEqual(a);
  });

  it('refuses a non-integer seed, naming the value', () => {
    expect(() => setRandomSeed(1.5)).toThrow(/setRandomSeed: seed must be an integer, received 1.5/);
  });
});
