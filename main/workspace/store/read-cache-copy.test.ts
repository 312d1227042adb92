// Each reader of a kept request gets its own copy, made from the kept request as data, not by
// parsing its JSON text again (request-files.ts parseRequestText): a run reads one per call.
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonValue } from '../../../shared/calls/events.js';
import { openWorkspace } from '../workspace.js';
import { useSettledClock } from '../../platform/racy-clock.testkit.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-read-cache-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const ws = openWorkspace(dir);
const aMinuteAgo = new Date(Date.now() - 60_000);

/** Saved and dated a minute back: not racy, so its text and parse are kept. */
function saved(requestPath: string, message: JsonValue): void {
  ws.saveRequest(requestPath, {
    name: 'r',
    connection: { address: 'localhost:1', security: { kind: 'plaintext' } },
    method: '/a.B/C',
    messages: [message],
    metadata: [{ key: 'k', value: 'v' }],
    options: {},
    notes: '',
  });
  const file = path.join(dir, 'collections', `${requestPath}.grpc.json`);
  utimesSync(file, aMinuteAgo, aMinuteAgo);
}

// Files dated back with utimes have their change time at now: counted as settled (see the kit).
useSettledClock();
describe('a kept request read again', () => {
  it('is copied without parsing JSON text', () => {
    saved('c/one', { id: '1' });
    ws.readRequest('c/one');
    const parse = vi.spyOn(JSON, 'parse');
    const again = ws.readRequest('c/one');
    expect(again.messages).toEqual([{ id: '1' }]);
    expect(parse).not.toHaveBeenCalled();
  });

  it('is a copy equal to the file, sharing nothing with the kept one', () => {
    const message = { n: [1, { a: null }], s: 'text', b: false };
    saved('c/two', message);
    ws.readRequest('c/two');
    const copy = ws.readRequest('c/two');
    expect(copy.messages).toStrictEqual([message]);
    ((copy.messages[0] as { n: unknown[] }).n[1] as { a: unknown }).a = 'changed by a reader';
    copy.metadata[0]!.value = 'changed too';
    const again = ws.readRequest('c/two');
    expect(again.messages).toStrictEqual([message]);
    expect(again.metadata).toEqual([{ key: 'k', value: 'v' }]);
  });
});
