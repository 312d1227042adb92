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

// A header's name has its own limit (the document's metadata key), which the table's maxLength
// does not hold: list and describe send it through the call's check, so the answer is the call's.
const LONG_KEY = `${'k'.repeat(1025)}: v`;
const headerCases: { name: string; flags: string[] }[] = [
  { name: '-H', flags: ['-plaintext', '-H', LONG_KEY] },
  { name: '-rpc-header', flags: ['-plaintext', '-rpc-header', LONG_KEY] },
  { name: '-reflect-header', flags: ['-plaintext', '-reflect-header', LONG_KEY] },
  // A file that does not exist: "no such file" would show the check came after reading it.
  { name: '-H with -proto', flags: ['-plaintext', '-proto', 'none.proto', '-H', LONG_KEY] },
];

describe('list and describe refuse an over-long header name as a call does, before they connect or read a file', () => {
  it.each(headerCases)('$name', async ({ flags }) => {
    const call = await gwb([...flags, ADDRESS, 'example.UserService/GetUser']);
    expect(call.stderr).toMatch(/^gwb: -\S+: longer than 1024 characters\n$/);
    expect(call.code).toBe(1);
    const runs = await Promise.all([
      gwb([...flags, ADDRESS, 'list']),
      gwb([...flags, ADDRESS, 'list', 'example.UserService']),
      gwb([...flags, ADDRESS, 'describe']),
      gwb([...flags, ADDRESS, 'describe', 'example.UserService']),
    ]);
    for (const run of runs) expect(run).toEqual(call);
  });
});
