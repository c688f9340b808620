import { describe, expect, it } from 'vitest';
import { assertValidShape, formatShape, normalizeAxes, normalizeAxis, shapesEqual, sizeOf, stridesOf } from '../../src/tensor/shape.js';

describe('shape helpers', () => {
  it('sizeOf multiplies extents; a scalar has one element', () => {
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([3, 0])).toBe(0);
  });

  it('stridesOf gives row-major strides', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(stridesOf([])).toEqual([]);
  });

  it('formatShape and shapesEqual', () => {
    expect(formatShape([32, 4])).toBe('[32,4]');
    expect(shapesEqual([1, 2], [1, 2])).toBe(true);
    expect(shapesEqual([1, 2], [2, 1])).toBe(false);
    expect(shapesEqual([1], [1, 1])).toBe(false);
  });

  it('assertValidShape names the context, the shape and the bad extent', () => {
    expect(() => assertValidShape([2, NaN], 'zeros')).toThrow(/zeros: shape \[2,NaN\] is invalid; expected non-negative integer extents, received NaN/);
    expect(() => assertValidShape([0, 1], 'zeros')).not.toThrow();
  });

  it('normalizeAxis resolves negative axes and rejects out-of-range ones', () => {
    expect(normalizeAxis(-1, 3, 'sum')).toBe(2);
    expect(normalizeAxis(0, 3, 'sum')).toBe(0);
    expect(() => normalizeAxis(3, 3, 'sum')).toThrow(/sum: axis 3 is out of range for a tensor of rank 3; expected an integer in \[-3, 2\]/);
    expect(() => normalizeAxis(-4, 3, 'sum')).toThrow(/axis -4/);
    expect(() => normalizeAxis(0.5, 3, 'sum')).toThrow(/axis 0\.5/);
  });

  it('normalizeAxes sorts, defaults to all axes and rejects repeats', () => {
    expect(normalizeAxes(undefined, 3, 'sum')).toEqual([0, 1, 2]);
    expect(normalizeAxes(null, 2, 'sum')).toEqual([0, 1]);
    expect(normalizeAxes([-1, 0], 3, 'sum')).toEqual([0, 2]);
    expect(() => normalizeAxes([1, -1], 2, 'max')).toThrow(/max: axis 1 is repeated in \[1,-1\]/);
  });
});
