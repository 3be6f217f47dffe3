// Imported first by tests: jest's "node" environment resolves here to jest-environment-node 25 (hoisted
// by the SPFx rig), whose context has no globalThis.crypto, and the core generates and hashes keys
// with Web Crypto. Node 22 defines globalThis.crypto as exactly this object.
import { webcrypto } from 'node:crypto';

if (globalThis.crypto === undefined) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
}
