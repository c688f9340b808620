// Runs repeat() in this fresh process and prints the runs as JSON (for repeat.test.ts): the
// worker threads inherit this process's --import tsx, so they can load the TypeScript module.
import { repeat } from '../../src/repro/repeat.js';

const [parallel, seeds] = [Number(process.argv[2]), process.argv[3]!.split(',').map(Number)];
const result = await repeat({ seeds, parallel, progress: false }, new URL('./repeat-train.ts', import.meta.url));
console.log(JSON.stringify(result.runs.map((r) => ({ seed: r.seed, metrics: r.metrics }))));
