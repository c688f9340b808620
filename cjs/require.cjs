// `require('samebits')` from CommonJS. SameBits is an ES module package; Node versions that can
// require() an ES module (20.19+, 22.12+) get it, the others a message saying what to write.
'use strict';

const HINT =
  "samebits is an ES module package (ESM only). In an ES module (.mjs, or \"type\": \"module\" in package.json) write:\n" +
  "  import { sequential, layers } from 'samebits';\n" +
  'From CommonJS, load it with a dynamic import:\n' +
  "  import('samebits').then((tf) => { /* … */ });";

try {
  module.exports = require('../dist/node.js');
} catch (error) {
  const code = error && error.code;
  if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_UNKNOWN_FILE_EXTENSION') {
    const wrapped = new Error(HINT);
    wrapped.code = 'ERR_REQUIRE_ESM';
    wrapped.cause = error;
    throw wrapped;
  }
  throw error;
}
