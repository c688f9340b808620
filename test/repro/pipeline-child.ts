// Run in a fresh process by engine-pipeline.test.ts: prints the pipeline's bytes and fingerprint.
import { runEnginePipeline } from '../../src/repro/engine-pipeline.js';

const result = runEnginePipeline(Number(process.argv[2] ?? 1234));
process.stdout.write(JSON.stringify({ fingerprint: result.fingerprint, bytes: Buffer.from(result.bytes).toString('base64') }));
