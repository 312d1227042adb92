// A TLS call looks its channel up three times (channel.state, the schema load, the call) and the
// channel key digests the PEM text: a 200 KiB CA bundle took ~130 µs each time. The digest is kept
// beside the kept file text (pem-cache.ts), so an unchanged file is digested once.
import crypto from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { channelKey } from './channel-key.js';
import { toChannelConfig } from './connection-config.js';
import { useSettledClock } from '../platform/racy-clock.testkit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-channel-key-pem-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const BUNDLE_BYTES = 200 * 1024;
const HOUR_AGO = new Date(Date.now() - 3_600_000);

/** A ~200 KiB CA bundle file dated an hour back (as one on disk is); each call gives new text. */
function caBundle(name: string, line: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, line.repeat(Math.ceil(BUNDLE_BYTES / line.length)));
  utimesSync(file, HOUR_AGO, HOUR_AGO);
  return file;
}

function keyOf(caFile: string, address = 'localhost:443'): string {
  return channelKey(toChannelConfig({ address, security: { kind: 'tls', caFile } }));
}

/** How many HMACs are fed at least 200 KiB (a whole CA bundle) while `work` runs. */
function bundleDigestsDuring(work: () => void): number {
  const createHmac = crypto.createHmac.bind(crypto);
  let bundles = 0;
  const spy = vi.spyOn(crypto, 'createHmac').mockImplementation((...args) => {
    const hmac = createHmac(...args);
    const update = hmac.update.bind(hmac);
    hmac.update = ((data: string) => {
      if (data.length >= BUNDLE_BYTES) bundles++;
      return update(data);
    }) as typeof hmac.update;
    return hmac;
  });
  syncBuiltinESMExports();
  try {
    work();
    return bundles;
  } finally {
    spy.mockRestore();
    syncBuiltinESMExports();
  }
}

// Files dated back with utimes have their change time at now: counted as settled (see the kit).
useSettledClock();
describe('the channel key of a TLS connection with a 200 KiB CA bundle', () => {
  // channelKey also keeps the last config it keyed: keys asked in turn for two servers that trust
  // the same bundle (a run over two services, a call and its Connect transport) miss that memo.
  it('digests the unchanged bundle once over calls to two servers asked in turn', () => {
    const ca = caBundle(
      'bundle.pem',
      'MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnRl\n',
    );
    const servers = ['a.example:443', 'b.example:443'];
    const keys: string[] = [];
    const lookups = () => [1, 2, 3].forEach(() => servers.forEach((s) => keys.push(keyOf(ca, s))));
    expect(bundleDigestsDuring(lookups)).toBe(1);
    expect(new Set(keys).size).toBe(2);
    expect(keys.filter((_, i) => i % 2 === 0).every((key) => key === keys[0])).toBe(true);
    expect(bundleDigestsDuring(() => keys.push(keyOf(ca, 'a.example:443')))).toBe(0);
    expect(keys.at(-1)).toBe(keys[0]);
  });

  it('gives a rewritten bundle its own digest, so its channel is another', () => {
    const ca = caBundle('rotated.pem', 'AAAA'.repeat(15) + '\n');
    const before = keyOf(ca);
    caBundle('rotated.pem', 'BBBB'.repeat(15) + '\n');
    let after = '';
    expect(bundleDigestsDuring(() => (after = keyOf(ca)))).toBe(1);
    expect(after).not.toBe(before);
  });
});
