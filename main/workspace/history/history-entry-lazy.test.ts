// A history entry is made off the call path: append takes its id and time and queues what makes
// the entry, made once on the next turn or when someone reads it first (a run starts its next
// call meanwhile). An entry that cannot be made is left out; it never fails the call.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function store(): HistoryStore {
  const dir = tempDir();
  dirs.push(dir);
  return new HistoryStore(dir);
}

/** A call's log that counts how often it is looked at. */
function watchedEvents(): { events: CallEvent[]; looks: () => number } {
  let looks = 0;
  const log = [
    { seq: 0, t: 0, type: 'started' },
    { seq: 1, t: 1, type: 'ended', durationMs: 1 },
  ] as unknown as CallEvent[];
  const events = new Proxy(log, {
    get(target, key, receiver) {
      if (key === 'length') looks++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { events, looks: () => looks };
}

describe('a history entry, made off the call path', () => {
  it('append only queues it; a read makes it once, the write takes that line', async () => {
    const history = store();
    const { events, looks } = watchedEvents();
    const { id } = history.append({
      request: sampleRequest({ name: 'lazy' }),
      status: { code: 0, message: '' },
      durationMs: 1,
      events,
    });
    expect(looks()).toBe(0);
    const read = history.get(id);
    expect(read).toMatchObject({ id, request: { name: 'lazy' }, events: [{ seq: 0 }, { seq: 1 }] });
    const made = looks();
    expect(made).toBeGreaterThan(0);
    expect(history.list().entries.map((e) => e.id)).toEqual([id]);
    await history.flush();
    expect(looks()).toBe(made);
    expect(history.get(id)).toEqual(read);
  });

  it('an entry that cannot be made is left out, and the others are written', async () => {
    const history = store();
    const broken = sampleRequest({ name: 'broken' });
    (broken.messages as unknown[]).push({ n: 1n });
    const call = { status: { code: 0, message: '' }, durationMs: 1, events: [] };
    expect(() => history.append({ ...call, request: broken })).not.toThrow();
    const { id } = history.append({ ...call, request: sampleRequest({ name: 'fine' }) });
    await history.flush();
    expect(history.list().entries.map((e) => e.id)).toEqual([id]);
  });
});
