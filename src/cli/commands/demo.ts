import { demoChild, runDemo } from '../demo.js';
import type { Command } from './types.js';

/** `samebits demo`: the classic reproducibility examples, trained and compared. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Train the classic reproducibility examples and show that repeated runs are bit-identical.',
  run: () => runDemo(console.log),
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
