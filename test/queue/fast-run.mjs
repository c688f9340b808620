/* global process, console, setTimeout */
// A fast stand-in for a training script in the queue tests (plain Node, no SameBits): its
// metrics are a fixed function of SAMEBITS_SEED and of `--shift X` (a sweep setting) or
// QUEUE_TEST_SHIFT (the same, by environment). Every run appends "<shift> <seed>" to the file
// QUEUE_TEST_RUN_LOG names, so a test can count how often each run was done;
// QUEUE_TEST_DELAY_MS makes a run last that long.
import { appendFileSync } from 'node:fs';

const seed = Number(process.env.SAMEBITS_SEED ?? 1);
const at = process.argv.indexOf('--shift');
const shift = Number(at > 0 ? process.argv[at + 1] : (process.env.QUEUE_TEST_SHIFT ?? 0));

function noise(i) {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

const delay = Number(process.env.QUEUE_TEST_DELAY_MS ?? 0);
if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
if (process.env.QUEUE_TEST_RUN_LOG) appendFileSync(process.env.QUEUE_TEST_RUN_LOG, `${shift} ${seed}\n`);
const loss = Array.from({ length: 5 }, (_, e) => (1 + noise(e)) / (e + 2) - shift / 10);
console.log(JSON.stringify({ accuracy: 0.9 + 0.02 * noise(100) + shift / 100, loss }));
