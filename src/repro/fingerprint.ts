// The canonical tensor bytes and their SHA-256 live in tensor/, so that models/ can fingerprint
// weights (fit's non-finite-loss warning) without importing repro/.
export { canonicalBytes, fingerprintTensors, sha256Hex } from '../tensor/fingerprint.js';
export type { NamedTensor } from '../tensor/fingerprint.js';
