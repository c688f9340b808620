import { sha256 } from '@noble/hashes/sha2.js';

const MAGIC = new TextEncoder().encode('SAMEBITS-CKPT-1\n');
const HASH_BYTES = 32;

/**
 * Packs a checkpoint into one file: the magic line `SAMEBITS-CKPT-1\n`, a uint32 little-endian
 * length of the header, the header as UTF-8 JSON, the binary payload (weight bytes), then the
 * SHA-256 of everything before it. One file, so one atomic rename publishes it.
 */
export function packCheckpoint(header: unknown, payload: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const body = new Uint8Array(MAGIC.length + 4 + json.length + payload.length);
  body.set(MAGIC, 0);
  new DataView(body.buffer).setUint32(MAGIC.length, json.length, true);
  body.set(json, MAGIC.length + 4);
  body.set(payload, MAGIC.length + 4 + json.length);
  const out = new Uint8Array(body.length + HASH_BYTES);
  out.set(body, 0);
  out.set(sha256(body), body.length);
  return out;
}

/**
 * Unpacks and verifies a checkpoint file: checks the magic, the lengths and the SHA-256
 * trailer before parsing anything, so a truncated or corrupted file is refused with an error
 * that names `fileName` and never half-loaded.
 */
export function unpackCheckpoint(bytes: Uint8Array, fileName: string): { header: unknown; payload: Uint8Array } {
  const fail = (why: string): never => {
    throw new Error(`checkpoint ${fileName}: ${why}; the file is damaged or not a SameBits checkpoint (it was not loaded)`);
  };
  if (bytes.length < MAGIC.length + 4 + HASH_BYTES) fail(`only ${bytes.length} bytes`);
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) fail('wrong magic line');
  const body = bytes.subarray(0, bytes.length - HASH_BYTES);
  const expected = bytes.subarray(bytes.length - HASH_BYTES);
  const actual = sha256(body);
  for (let i = 0; i < HASH_BYTES; i++) if (actual[i] !== expected[i]) fail('checksum mismatch (SHA-256 of the contents differs from the one stored)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4;
  if (start + headerLength > body.length) fail(`header length ${headerLength} exceeds the file`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(start, start + headerLength)));
  } catch (error) {
    fail(`header is not valid JSON (${(error as Error).message})`);
  }
  return { header, payload: body.slice(start + headerLength) };
}
