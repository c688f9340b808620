/**
 * Fan-in and fan-out of a weight shape, as Keras `compute_fans`
 * (`keras/src/initializers/random_initializers.py`; REFERENCE.md §4):
 * rank 0 → (1, 1); rank 1 → (s0, s0); rank 2 → (s0, s1); rank ≥ 3 → the receptive field
 * rf = s0 · … · s[r−3] multiplies the last two extents: (s[r−2] · rf, s[r−1] · rf).
 * NOTE: TF.js differs for rank 0, 1 and > 5 (it uses √(Πshape)); SameBits follows Keras.
 *
 * @example computeFans([3, 3, 16, 32]) // [144, 288]: a Conv2D kernel, 3·3·16 in, 3·3·32 out
 */
export function computeFans(shape: readonly number[]): [fanIn: number, fanOut: number] {
  const rank = shape.length;
  if (rank === 0) return [1, 1];
  if (rank === 1) return [shape[0]!, shape[0]!];
  if (rank === 2) return [shape[0]!, shape[1]!];
  let receptiveField = 1;
  for (let axis = 0; axis < rank - 2; axis++) receptiveField *= shape[axis]!;
  return [shape[rank - 2]! * receptiveField, shape[rank - 1]! * receptiveField];
}
