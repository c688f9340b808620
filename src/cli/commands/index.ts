import { demoChildCommand, demoCommand } from './demo.js';
import type { Command } from './types.js';

/** Every `samebits` subcommand, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [demoCommand, demoChildCommand];
