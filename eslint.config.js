// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Math functions ECMAScript leaves "implementation-approximated" (DESIGN.md law 3). */
const approximatedMath = [
  'random', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'tanh', 'sinh', 'cosh',
  'sin', 'cos', 'tan', 'atan', 'atan2', 'asin', 'acos', 'cbrt', 'hypot', 'asinh', 'acosh', 'atanh',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The CommonJS stub behind the "require" export condition.
    files: ['cjs/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...approximatedMath.map((property) => ({
          object: 'Math',
          property,
          message: `Math.${property} is implementation-approximated or ambient randomness (DESIGN.md laws 1 and 3); use src/math or src/random.`,
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator='**']",
          message: 'The ** operator is implementation-approximated (DESIGN.md law 3); use pow from src/math.',
        },
        {
          selector: "AssignmentExpression[operator='**=']",
          message: 'The **= operator is implementation-approximated (DESIGN.md law 3); use pow from src/math.',
        },
      ],
    },
  },
);
