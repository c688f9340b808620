import { demoChildCommand, demoCommand } from './demo.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { verifyCommand } from './verify.js';
import { repeatCommand } from './repeat.js';
import { serveCommand } from './serve.js';
import { sweepCommand } from './sweep.js';
import { workerCommand } from './worker.js';
import type { Command } from './types.js';

/** Every `samebits` subcommand, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [demoCommand, demoChildCommand, checkCommand, diffCommand, verifyCommand, repeatCommand, serveCommand, sweepCommand, workerCommand];
