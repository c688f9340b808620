/**
 * A number as Python's `repr(float)` prints it (what Keras writes in CSV logs and messages): the
 * shortest digits that read back to the same float64, as JavaScript also finds them, laid out
 * by Python's rule: scientific when the decimal exponent is below −4 or at least 16 (`1e-05`,
 * `1.5e+16`, exponent of at least two digits), else positional with at least one decimal
 * (`0.5`, `3.0`); `nan`, `inf`, `-inf`; `-0.0`. A float32 value printed this way reads back
 * to the same float32 too.
 * @example pythonFloat(1e-5) // '1e-05'
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits.
  const [mantissa = '', exponent = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exponent);
  if (e < -4 || e >= 16) {
    const frac = digits.slice(1);
    const exp = `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    return `${sign}${digits[0] ?? ''}${frac.length > 0 ? `.${frac}` : ''}e${exp}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${whole}.${frac.length > 0 ? frac : '0'}`;
}
