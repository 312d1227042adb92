// The one follower of a run's events (runner and load views): events wait for the run's id, only
// its own apply, listening ends at its last event — also when that event came before the id.
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/types.js';
import { followOwnEvents } from './followOwnEvents.js';
import { CountingClient } from './counting-client.testkit.js';
import { ScriptedClient } from './scripted-client.testkit.js';

type Failed = Extract<EventPayload<'load.progress'>, { type: 'failed' }>;
const failed = (loadId: string, message: string): Failed => ({ type: 'failed', loadId, message });

function follow(client: ScriptedClient) {
  const applied: string[] = [];
  const events = followOwnEvents(client, {
    topic: 'load.progress',
    idOf: (p) => p.loadId,
    apply: (p) => applied.push(p.type === 'failed' ? p.message : p.type),
    isLast: (p) => p.type === 'failed' && p.message.startsWith('last'),
  });
  return { applied, events };
}

describe('following one run’s events', () => {
  it('keeps events until the id is known, then applies only the run’s own', () => {
    const client = new ScriptedClient({});
    const { applied, events } = follow(client);
    client.emit('load.progress', failed('old', 'old one'));
    client.emit('load.progress', failed('mine', 'early'));
    expect(applied).toEqual([]);
    events.own('mine');
    expect(applied).toEqual(['early']);
    client.emit('load.progress', failed('other', 'another window'));
    client.emit('load.progress', failed('mine', 'live'));
    expect(applied).toEqual(['early', 'live']);
  });

  it('stops listening at the run’s last event, also one that came before its id', () => {
    const client = new CountingClient('load.progress');
    const { applied, events } = follow(client);
    expect(client.listening).toBe(1);
    client.emit('load.progress', failed('mine', 'last early'));
    client.emit('load.progress', failed('mine', 'after the end'));
    events.own('mine');
    expect(applied).toEqual(['last early']);
    expect(client.listening).toBe(0);
  });

  it('stops at a last event that comes live, and stop() again changes nothing', () => {
    const client = new CountingClient('load.progress');
    const { applied, events } = follow(client);
    events.own('mine');
    client.emit('load.progress', failed('mine', 'last live'));
    expect(client.listening).toBe(0);
    events.stop();
    expect(client.listening).toBe(0);
    expect(applied).toEqual(['last live']);
  });

  it('applies nothing after stop(), before or after the id', () => {
    const client = new CountingClient('load.progress');
    const { applied, events } = follow(client);
    client.emit('load.progress', failed('mine', 'early'));
    events.stop();
    events.own('mine');
    client.emit('load.progress', failed('mine', 'late'));
    expect(applied).toEqual([]);
    expect(client.listening).toBe(0);
  });
});
