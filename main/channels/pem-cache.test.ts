// A TLS call builds its channel configuration up to three times; the CA file is read once while
// it is unchanged on disk (pem-cache.ts), and read again as soon as it is edited or replaced.
import fs, { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settledClock, untilChangeTimeAfter } from '../platform/racy-clock.testkit.js';
import { toChannelConfig } from './connection-config.js';
import { keptPemCount, PRIVATE_KEY_IDLE_MS } from './pem-cache.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-pem-cache-'));
afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const HOUR_AGO = new Date(Date.now() - 3_600_000);

/** Writes `text` to `name` in the folder, dated an hour back (as a CA file on disk is). */
function settledFile(name: string, text: string, date = HOUR_AGO): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  utimesSync(file, date, date);
  return file;
}

/** The CA PEM a TLS connection naming `caFile` is configured with. */
function caOf(caFile: string): string | undefined {
  const config = toChannelConfig({ address: 'localhost:443', security: { kind: 'tls', caFile } });
  return config.security.kind === 'tls' ? config.security.ca : undefined;
}

/** How many times each of `files` is opened while `work` runs (named imports see the spy). */
function opensEachDuring(files: string[], work: () => void): number[] {
  const open = vi.spyOn(fs, 'openSync');
  syncBuiltinESMExports();
  try {
    work();
    const opened = open.mock.calls.map(([p]) => path.resolve(String(p)));
    return files.map((file) => opened.filter((p) => p === file).length);
  } finally {
    open.mockRestore();
    syncBuiltinESMExports();
  }
}

/** How many times `file` is opened while `work` runs. */
const opensDuring = (file: string, work: () => void): number =>
  opensEachDuring([file], work)[0] ?? 0;

describe('the CA file of a TLS connection', () => {
  // Files dated back with utimes have their change time at now: counted as settled (see the kit).
  let restore = (): void => {};
  beforeEach(() => {
    restore = settledClock();
  });
  afterEach(() => restore());

  it('is read once for the three configurations of a call, and once more for the next', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const ca = settledFile('ca.pem', pem);
    expect(opensDuring(ca, () => [1, 2, 3].forEach(() => expect(caOf(ca)).toBe(pem)))).toBe(1);
    expect(opensDuring(ca, () => expect(caOf(ca)).toBe(pem))).toBe(0);
  });

  it('is read again once replaced by another file (a rename over it)', () => {
    const ca = settledFile('replaced.pem', 'CCCC');
    expect(caOf(ca)).toBe('CCCC');
    const next = settledFile('replaced.pem.new', 'DDDD');
    renameSync(next, ca);
    expect(opensDuring(ca, () => expect(caOf(ca)).toBe('DDDD'))).toBe(1);
  });

  it('is said missing once it is gone, not answered from what was kept', () => {
    const ca = settledFile('gone.pem', 'FFFF');
    expect(caOf(ca)).toBe('FFFF');
    rmSync(ca);
    expect(() => caOf(ca)).toThrow(/caFile: cannot read .*gone\.pem: no such file/);
  });

  it('is read again once edited in place, even to the same size and modification time', () => {
    // rsync -t, cp -p, tar: only the change time (in the key) tells the kept text is stale.
    const ca = settledFile('edited.pem', 'AAAA');
    expect(opensDuring(ca, () => [1, 2].forEach(() => expect(caOf(ca)).toBe('AAAA')))).toBe(1);
    const kept = statSync(ca, { bigint: true });
    untilChangeTimeAfter(kept.ctimeNs, dir);
    settledFile('edited.pem', 'BBBB');
    const now = statSync(ca, { bigint: true });
    expect([now.ino, now.size, now.mtimeNs]).toEqual([kept.ino, kept.size, kept.mtimeNs]);
    expect(opensDuring(ca, () => expect(caOf(ca)).toBe('BBBB'))).toBe(1);
  });

  it('keeps a bounded number of files', () => {
    for (let i = 0; i < 40; i++) caOf(settledFile(`many-${i}.pem`, `PEM ${i}`));
    expect(keptPemCount()).toBe(16);
  });
});

describe('a CA file changed in the last 2 s (the real clock)', () => {
  it('is read every time while it was written in the last 2 s (a second write could go unseen)', () => {
    const ca = settledFile('fresh.pem', 'EEEE', new Date());
    expect(opensDuring(ca, () => [1, 2].forEach(() => expect(caOf(ca)).toBe('EEEE')))).toBe(2);
  });

  it('is read every time while it changed in the last 2 s, its modification time put back', () => {
    // rsync -t, cp -p, tar: only the change time says it was just written.
    const ca = settledFile('put-back.pem', 'GGGG');
    expect(opensDuring(ca, () => [1, 2].forEach(() => expect(caOf(ca)).toBe('GGGG')))).toBe(2);
  });
});

describe('a client key file', () => {
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
  const CERT = '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n';
  let restore = (): void => {};
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    restore = settledClock();
  });
  afterEach(() => {
    restore();
    vi.useRealTimers();
  });

  /** The key PEM of a mutual-TLS connection naming these files. */
  function keyOf(files: { caFile: string; certFile: string; keyFile: string }) {
    const config = toChannelConfig({
      address: 'localhost:443',
      security: { kind: 'tls', ...files },
    });
    return config.security.kind === 'tls' ? config.security.key : undefined;
  }

  it('is let go once unused for a minute (a CA file and a certificate stay kept)', () => {
    const files = {
      caFile: settledFile('mtls-ca.pem', CERT),
      certFile: settledFile('client.crt', CERT),
      keyFile: settledFile('client.key', KEY),
    };
    // The fake clock stood still while the files were written: moved to the real time (their
    // change time or later), so none is within the racy rule's 2 s on a slow machine.
    vi.setSystemTime(vi.getRealSystemTime());
    expect(keyOf(files)).toBe(KEY);
    const all = Object.values(files);
    const opensOfAll = () => opensEachDuring(all, () => keyOf(files));
    // Used again within the minute: kept, and kept a minute from this use.
    vi.advanceTimersByTime(PRIVATE_KEY_IDLE_MS - 1_000);
    expect(opensOfAll()).toEqual([0, 0, 0]);
    vi.advanceTimersByTime(PRIVATE_KEY_IDLE_MS - 1_000);
    const kept = keptPemCount();
    vi.advanceTimersByTime(1_000);
    expect(keptPemCount()).toBe(kept - 1);
    expect(opensOfAll()).toEqual([0, 0, 1]);
  });
});
