import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { TensorBase } from '../../src/tensor/tensor.js';
import { expectSameBits } from '../helpers/bits.js';

/** TF.js chains (`x.sub(m).div(s)`) give the bits of the ops they name. */
const x = tf.tensor2d([[1.5, -2, 3], [0.25, 4, -0.5]]);
const y = tf.tensor2d([[2, 2, -1], [0.5, -3, 8]]);
const idx = tf.tensor1d([1, 0], 'int32');

const cases: [string, () => tf.Tensor, () => tf.Tensor][] = [
  ['add', () => x.add(y), () => tf.add(x, y)],
  ['sub', () => x.sub(1), () => tf.sub(x, 1)],
  ['mul', () => x.mul(y), () => tf.mul(x, y)],
  ['div', () => x.div(y), () => tf.div(x, y)],
  ['pow', () => x.abs().pow(1.5), () => tf.pow(tf.abs(x), 1.5)],
  ['maximum', () => x.maximum(y), () => tf.maximum(x, y)],
  ['minimum', () => x.minimum(y), () => tf.minimum(x, y)],
  ['square', () => x.square(), () => tf.square(x)],
  ['sqrt', () => x.abs().sqrt(), () => tf.sqrt(tf.abs(x))],
  ['exp', () => x.exp(), () => tf.exp(x)],
  ['log', () => x.abs().log(), () => tf.log(tf.abs(x))],
  ['neg', () => x.neg(), () => tf.neg(x)],
  ['relu', () => x.relu(), () => tf.relu(x)],
  ['sigmoid', () => x.sigmoid(), () => tf.sigmoid(x)],
  ['tanh', () => x.tanh(), () => tf.tanh(x)],
  ['softmax', () => x.softmax(), () => tf.softmax(x)],
  ['sum', () => x.sum(1, true), () => tf.sum(x, 1, true)],
  ['mean', () => x.mean(0), () => tf.mean(x, 0)],
  ['max', () => x.max(), () => tf.max(x)],
  ['min', () => x.min(1), () => tf.min(x, 1)],
  ['argMax', () => x.argMax(1), () => tf.argMax(x, 1)],
  ['argMin', () => x.argMin(), () => tf.argMin(x)],
  ['matMul', () => x.matMul(y, false, true), () => tf.matMul(x, y, false, true)],
  ['dot', () => x.dot(y.transpose()), () => tf.dot(x, tf.transpose(y))],
  ['reshape', () => x.reshape([3, 2]), () => tf.reshape(x, [3, 2])],
  ['flatten', () => x.flatten(), () => tf.reshape(x, [6])],
  ['as2D', () => x.flatten().as2D(3, 2), () => tf.reshape(x, [3, 2])],
  ['expandDims', () => x.expandDims(1), () => tf.expandDims(x, 1)],
  ['squeeze', () => x.expandDims(0).squeeze(), () => tf.squeeze(tf.expandDims(x, 0))],
  ['transpose', () => x.transpose(), () => tf.transpose(x)],
  ['slice', () => x.slice([0, 1], [2, 2]), () => tf.slice(x, [0, 1], [2, 2])],
  ['gather', () => x.gather(idx), () => tf.gather(x, idx)],
  ['concat', () => x.concat(y, 1), () => tf.concat([x, y], 1)],
  ['stack', () => x.stack(y), () => tf.stack([x, y])],
  ['clipByValue', () => x.clipByValue(0, 2), () => tf.clipByValue(x, 0, 2)],
  ['cast', () => x.toInt(), () => tf.cast(x, 'int32')],
  ['greater', () => x.greater(y), () => tf.greater(x, y)],
  ['equal', () => x.equal(x), () => tf.equal(x, x)],
];

describe('Tensor methods (TF.js chaining)', () => {
  it.each(cases)('%s gives the bits of the op', (_, method, op) => {
    const a = method();
    const b = op();
    expect(a.shape).toEqual(b.shape);
    expect(a.dtype).toBe(b.dtype);
    expectSameBits(a.dataSync(), b.dataSync());
  });

  it('chains as TF.js code does: x.sub(mean).div(std)', () => {
    const m = x.mean(0);
    const s = x.sub(m).square().mean(0).sqrt();
    expectSameBits(x.sub(m).div(s).dataSync(), tf.div(tf.sub(x, m), tf.sqrt(tf.mean(tf.square(tf.sub(x, m)), 0))).dataSync());
  });

  it('every tensor an op or a creation function returns has the methods, variables too', () => {
    const made = [tf.tensor([1]), tf.zeros([2]), tf.ones([1, 2]), tf.scalar(3), tf.randomNormal([2]), tf.add(x, 1), tf.variable(tf.zeros([2]))];
    for (const t of made) {
      expect(t).toBeInstanceOf(tf.Tensor);
      expect(typeof t.add).toBe('function');
    }
    const w = tf.variable(tf.ones([2]));
    expectSameBits(w.mul(3).dataSync(), [3, 3]);
  });

  it('gradients flow through methods', () => {
    const g = tf.grad((t: tf.Tensor) => t.square().sum())(tf.tensor1d([1, -2]));
    expectSameBits(g.dataSync(), [2, -4]);
  });

  it('the methods live on the public class at the ops layer, not patched onto the record below it', () => {
    expect(Object.prototype.hasOwnProperty.call(tf.Tensor.prototype, 'add')).toBe(true);
    expect('add' in TensorBase.prototype).toBe(false);
  });
});
