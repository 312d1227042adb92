import { describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';

// One flag, one answer: `list` and `describe` read the connection flags without building a request
// document, and must still refuse an over-long value as a call does (same words, same exit code),
// before connecting. Port 1 refuses connections, so "failed to connect" would show a missed check.
const ADDRESS = '127.0.0.1:1';
const LONG_NAME = 'a'.repeat(300);
const LONG_PATH = 'p'.repeat(5000);

const cases: { flags: string[]; words: string }[] = [
  {
    flags: ['-plaintext', '-authority', LONG_NAME],
    words: '-authority: longer than 255 characters',
  },
  { flags: ['-servername', LONG_NAME], words: '-servername: longer than 255 characters' },
  { flags: ['-cacert', LONG_PATH], words: '-cacert: longer than 4096 characters' },
  { flags: ['-plaintext', '-proto', LONG_PATH], words: '-proto: longer than 4096 characters' },
  {
    flags: ['-plaintext', '-protoset', LONG_PATH],
    words: '-protoset: longer than 4096 characters',
  },
];

describe('list, describe and a call refuse an over-long flag alike', () => {
  it.each(cases)('$words', async ({ flags, words }) => {
    const runs = await Promise.all([
      gwb([...flags, ADDRESS, 'example.UserService/GetUser']),
      gwb([...flags, ADDRESS, 'list']),
      gwb([...flags, ADDRESS, 'list', 'example.UserService']),
      gwb([...flags, ADDRESS, 'describe']),
      gwb([...flags, ADDRESS, 'describe', 'example.UserService']),
    ]);
    for (const run of runs) {
      expect(run.stderr).toBe(`gwb: ${words}\n`);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
    }
  });
});
