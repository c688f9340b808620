import { describe, expect, it } from 'vitest';
import type { DataType } from '../../src/tensor/dtype.js';
import { allocate } from '../../src/tensor/dtype.js';
import { formatTensor } from '../../src/tensor/format.js';

/**
 * Expected strings: the output of `tensor.toString()` in TF.js 4.22 (@tensorflow/tfjs, cpu
 * backend, Node), ran on the same shapes and values, quirks included (a leading axis of extent 1
 * prints as `[[1, 2, 3],]`).
 */
const seq = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const tfjsOutputs: [string, number[], DataType, number[], string][] = [
  ["[[1,2,3]]", [1, 3], 'float32', [1, 2, 3], "Tensor\n     [[1, 2, 3],]"],
  ["[1,1,2]", [1, 1, 2], 'float32', [1, 2], "Tensor\n     [ [[1, 2],]]"],
  ["zeros[0,3]", [0, 3], 'float32', [], "Tensor\n     []"],
  ["zeros[0]", [0], 'float32', [], "Tensor\n    []"],
  ["range25", [25], 'float32', seq(25), "Tensor\n    [0, 1, 2, ..., 22, 23, 24]"],
  ["[25,2]", [25, 2], 'float32', seq(50), "Tensor\n    [[0 , 1 ],\n     [2 , 3 ],\n     [4 , 5 ],\n     ...,\n     [44, 45],\n     [46, 47],\n     [48, 49]]"],
  ["[2,25]", [2, 25], 'float32', seq(50), "Tensor\n    [[0 , 1 , 2 , ..., 22, 23, 24],\n     [25, 26, 27, ..., 47, 48, 49]]"],
  ["[3,1,2]", [3, 1, 2], 'float32', [0.10000000149011612, -2.5, 100, 3, 9.99999993922529e-09, 12345.677734375], "Tensor\n    [ [[0.1, -2.5         ],],\n\n      [[100, 3            ],],\n\n      [[0  , 12345.6777344],]]"],
  ["bool2d", [2, 2], 'bool', [1, 0, 0, 1], "Tensor\n    [[true , false],\n     [false, true ]]"],
  ["scalar0.1", [], 'float32', [0.10000000149011612], "Tensor\n    0.10000000149011612"],
  ["scalarbool", [], 'bool', [1], "Tensor\n    true"],
  ["int", [2, 2], 'int32', [1, -20, 300, 4], "Tensor\n    [[1  , -20],\n     [300, 4  ]]"],
  ["special", [4], 'float32', [NaN, Infinity, -Infinity, -0], "Tensor\n    [NaN, Infinity, -Infinity, 0]"],
  ["rank4", [2, 1, 2, 2], 'float32', [0, 1, 2, 3, 4, 5, 6, 7], "Tensor\n    [[[[0, 1],\n       [2, 3]]],\n\n\n     [[[4, 5],\n       [6, 7]]]]"],
];

describe('formatTensor prints as TF.js does', () => {
  it.each(tfjsOutputs)('%s', (_, shape, dtype, values, expected) => {
    const storage = allocate(dtype, values.length);
    storage.set(values);
    expect(formatTensor(storage, shape, dtype, false)).toBe(expected);
  });

  it('verbose output adds dtype, rank and shape lines', () => {
    expect(formatTensor(Int32Array.from([1, -20, 300, 4]), [2, 2], 'int32', true)).toBe("Tensor\n  dtype: int32\n  rank: 2\n  shape: [2,2]\n  values:\n    [[1  , -20],\n     [300, 4  ]]");
  });
});
