// A file of several recordings rewritten in place (the same inode, the same layout, other bytes)
// is listed as it is now, not from the index cached by where its bytes are (review29 MUST-2).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { packedListFixture } from './recordings-packed.testkit.js';

const fixture = packedListFixture();

it('a pack rewritten in place is listed as it is now', async () => {
  const { file } = fixture;
  for (const id of ['1', '2']) await fixture.record(id);
  const { list } = fixture.store();
  const before = await list();
  const text = readFileSync(file, 'utf8');
  // The same layout, another method name of the same length in every header.
  const other = text.replaceAll('/example.UserService/GetUser"', '/example.UserService/GetUsex"');
  expect(other).not.toBe(text);
  expect(other.length).toBe(text.length);
  const ino = statSync(file).ino;
  writeFileSync(file, other); // truncates and rewrites: the same inode
  expect(statSync(file).ino).toBe(ino);
  const after = await list();
  expect(before.map((s) => s.method)).toEqual([
    '/example.UserService/GetUser',
    '/example.UserService/GetUser',
  ]);
  expect(after.map((s) => s.method)).toEqual([
    '/example.UserService/GetUsex',
    '/example.UserService/GetUsex',
  ]);
});
