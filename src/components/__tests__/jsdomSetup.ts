// Test support only (src/**/__tests__ is outside the SPFx build).
// jsdom lacks Web Crypto's subtle and TextEncoder, which the core's key generation needs; Node has both.
import { webcrypto } from 'crypto';
import { TextDecoder, TextEncoder } from 'util';
import { initializeIcons, setIconOptions } from '@fluentui/react';

export function installBrowserGaps(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!g.crypto || !(g.crypto as Crypto).subtle) {
    Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
  }
  if (!g.TextEncoder) {
    g.TextEncoder = TextEncoder;
    g.TextDecoder = TextDecoder;
  }
  // Icons are fonts fetched from a CDN in a browser; tests only need them registered (and quiet).
  setIconOptions({ disableWarnings: true });
  initializeIcons(undefined, { disableWarnings: true });
}
