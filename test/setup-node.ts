// Every test runs as a Node user of `samebits` does: with the node entry loaded, which registers
// the file:// route, installs io's model saver and the SAMEBITS_* environment switches. The
// browser-clean root is tested on its own, bundled (test/architecture/browser-bundle.test.ts).
import '../src/node.js';
