// An entry masked (masked-append.ts) has its secrets masked in its texts only: a one-letter secret ('e')
// used to be replaced in every string of the entry, keys too ('version', 'code', 'message'), and
// the entry was then unreadable ("version: expected 2; status: unrecognized keys"). Messages are
// masked as a call masks them, keys too (a map key may hold a secret).
import { afterEach, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { createSecretMask } from '../../calls/secret-mask.js';
import { HistoryStore } from './history-store.js';
import { maskedAppend } from './masked-append.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

it('masks a one-letter secret in the texts of an entry, never in its keys or words', () => {
  const dir = tempDir();
  dirs.push(dir);
  const history = new HistoryStore(dir);
  const received = { seq: 0, t: 1, type: 'received', message: { text: 'hello' }, size: 7 };
  const mask = createSecretMask(new Map([['letter', 'e']]))!;
  const input = {
    request: sampleRequest({ name: 'get', notes: 'see', messages: [{ id: 'e1' }] }),
    status: { code: 5, message: 'user e1 not found' },
    durationMs: 3,
    events: [received as unknown as CallEvent],
  };
  // Masked twice, as the call session and then the history observer mask a log: the same entry.
  history.append(maskedAppend(maskedAppend(input, mask), mask));
  const [entry] = history.list().entries;
  const m = (text: string): string => text.replaceAll('e', '[secret:letter]');
  expect(entry?.request).toEqual(
    sampleRequest({
      name: m('get'),
      notes: m('see'),
      messages: [{ id: m('e1') }],
      metadata: [{ key: m('x-trace'), value: 'abc' }],
    }),
  );
  expect(entry?.status).toEqual({ code: 5, message: m('user e1 not found') });
  expect(entry?.events).toEqual([
    { ...received, message: { [m('text')]: m('hello') }, rawDropped: 'secret' },
  ]);
});
