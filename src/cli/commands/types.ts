/** One `samebits` subcommand: its name, one line of help, and its body (argv after the name). */
export interface Command {
  name: string;
  summary: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: readonly string[]): Promise<number>;
  /** Hidden commands (used by other commands) are not listed in the help. */
  hidden?: boolean;
}
