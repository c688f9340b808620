/* global process, console, setTimeout */
// A fast stand-in for a training script (plain Node, no SameBits, no TypeScript) for the CLI
// tests: metrics are a fixed function of SAMEBITS_SEED, printed as one JSON line on stdout (the
// fallback channel). REPEAT_TEST_DELAY_MS makes a run last that long; REPEAT_TEST_FAIL_SEED
// makes that seed exit with an error.
const seed = Number(process.env.SAMEBITS_SEED ?? 1);
const shift = Number(process.env.REPEAT_TEST_SHIFT ?? globalThis.REPEAT_TEST_SHIFT ?? 0);

/** A 32-bit integer hash of (seed, i) mapped to [0, 1). */
function noise(i) {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

if (String(seed) === process.env.REPEAT_TEST_FAIL_SEED) {
  console.error(`seed ${seed}: planted failure`);
  process.exit(3);
}
const loss = Array.from({ length: 8 }, (_, e) => (1 + noise(e)) / (e + 2) - shift / 10);
const metrics = { accuracy: 0.9 + 0.02 * noise(100) + shift / 100, loss };
const delay = Number(process.env.REPEAT_TEST_DELAY_MS ?? 0);
if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
console.log(`training with seed ${seed}`);
console.log(JSON.stringify(metrics));
