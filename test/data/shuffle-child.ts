// Prints the orders of a few shuffled datasets as JSON, for the fresh-process determinism test.
import { data, setRandomSeed } from '../../src/node.js';

const items = Array.from({ length: 50 }, (_, i) => i);
setRandomSeed(5);
const seeded = data.array(items).shuffle(16, 42);
const unseeded = data.array(items).shuffle(50);
const out = {
  seeded: [await seeded.toArray(), await seeded.toArray()],
  unseeded: await unseeded.toArray(),
  epoch3: await (async () => { const r: number[] = []; const it = seeded.open([3]); for (let x = await it.next(); !x.done; x = await it.next()) r.push(x.value); return r; })(),
};
process.stdout.write(JSON.stringify(out));
