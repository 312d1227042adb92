import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff.js';
import { trackedIgnoreMatcher } from './ignore-paths.js';

describe('ignore paths that match nothing are noted', () => {
  const watch = {
    header: { revision: 7 },
    events: [
      { type: 'PUT', kv: { key: 'a', modRevision: 5 } },
      { type: 'PUT', kv: { key: 'b', modRevision: 6 } },
    ],
  };

  it('each pattern is noted once it matches a path of either side, differing or not', () => {
    const tracked = trackedIgnoreMatcher([
      'events[*].kv.modRevision',
      '**.revision',
      'events[1]',
      'evnets[*].kv.modRevision',
      '**.modRevison',
      ' ',
    ]);
    const fields = diffJson(watch, { ...watch, header: { revision: 8 } }, tracked.matcher);
    expect(fields).toEqual([]);
    expect(tracked.unmatched()).toEqual(['evnets[*].kv.modRevision', '**.modRevison']);
  });

  it('a field only one side has counts as matched', () => {
    const tracked = trackedIgnoreMatcher(['extra']);
    expect(diffJson({ a: 1 }, { a: 1, extra: true }, tracked.matcher)).toEqual([]);
    expect(tracked.unmatched()).toEqual([]);
    // A message on one side only is walked against itself (the same object on both sides).
    const alone = trackedIgnoreMatcher(['events[*].kv.key', 'nope']);
    expect(diffJson(watch, watch, alone.matcher)).toEqual([]);
    expect(alone.unmatched()).toEqual(['nope']);
  });

  it('paths past the reported differences are still asked about', () => {
    // 60 differing fields, 50 reported: `z` comes after them and must still count as matched.
    const a: Record<string, number> = {};
    const b: Record<string, number> = {};
    for (let i = 0; i < 60; i++) [a[`f${i}`], b[`f${i}`]] = [i, i + 1];
    a['z'] = 1;
    b['z'] = 2;
    const tracked = trackedIgnoreMatcher(['z']);
    expect(diffJson(a, b, tracked.matcher)).toHaveLength(50);
    expect(tracked.unmatched()).toEqual([]);
  });
});
