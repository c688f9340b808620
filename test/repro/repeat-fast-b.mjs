// Configuration B of the CLI tests: repeat-fast.mjs with every accuracy 0.012 higher and every loss 0.12 lower.
globalThis.REPEAT_TEST_SHIFT = 1.2;
await import('./repeat-fast.mjs');
