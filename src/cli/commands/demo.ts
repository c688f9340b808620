import { parseArgs } from 'node:util';
import { demoChild, runDemo } from '../demo.js';
import { guarded } from '../user-error.js';
import type { Command } from './types.js';

const HELP = `Usage: samebits demo

Trains the classic "why are my Keras results not reproducible?" examples several times, in
this process and a second one, and shows that every repeated run is bit-identical.

Exit status: 0 when every repeat was bit-identical, 1 when not, 2 on a usage error.`;

/** `samebits demo`: the classic reproducibility examples, trained and compared. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Train the classic reproducibility examples and show that repeated runs are bit-identical.',
  run: guarded('demo', async (argv) => {
    const { values } = parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    return runDemo(console.log);
  }),
};

/** `samebits demo-child`: example 2 in a second process, for the demo. */
export const demoChildCommand: Command = {
  name: 'demo-child',
  summary: 'Internal: example 2 as JSON, for the demo.',
  hidden: true,
  run: async () => {
    await demoChild();
    return 0;
  },
};
