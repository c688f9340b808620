// The cross-engine training script's entry: bundled for every engine, it prints one line,
// `SAMEBITS {json}`, through whatever printer the engine has.
import { trainEverywhere } from '../../src/page/training.js';

const g = globalThis as { console?: { log(s: string): void }; print?: (s: string) => void; samebitsDone?: (line: string) => void };
const print = (line: string): void => (g.samebitsDone ?? g.console?.log ?? g.print ?? (() => {}))(line);
trainEverywhere().then(
  (run) => print(`SAMEBITS ${JSON.stringify(run)}`),
  (error: unknown) => print(`SAMEBITS-ERROR ${error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)}`),
);
