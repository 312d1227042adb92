import { describe, it, expect } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { CallLog } from './callLog.js';
import { ALL_DIRECTIONS, type Direction } from './filter.js';
import {
  MAX_SCROLL_PX,
  maxScrollTop,
  scrollTopForRow,
  spacerHeight,
  visibleRows,
  virtualTop,
} from './scrollMath.js';

function streamEvents(n: number): CallEvent[] {
  const out: CallEvent[] = [
    {
      seq: 0,
      t: 0,
      type: 'started',
      at: 0,
      method: '/example.LogService/Tail',
      kind: 'server_stream',
      target: 'x',
      metadata: [],
    },
    { seq: 1, t: 0.1, type: 'sent', message: { lines: n }, size: 2 },
    {
      seq: 2,
      t: 0.2,
      type: 'headers',
      metadata: [{ key: 'content-type', value: 'application/grpc' }],
    },
  ];
  for (let i = 0; i < n; i++)
    out.push({
      seq: out.length,
      t: 1 + i,
      type: 'received',
      message: { seq: String(i + 1), text: `line ${i + 1}` },
      size: 10,
    });
  out.push({ seq: out.length, t: n + 1, type: 'trailers', metadata: [] });
  out.push({
    seq: out.length,
    t: n + 1,
    type: 'status',
    status: { code: 0, codeName: 'OK', message: '', details: [] },
  });
  out.push({ seq: out.length, t: n + 2, type: 'ended', durationMs: n + 2 });
  return out;
}

describe('CallLog', () => {
  it('counts by type, keeps sizes and the final status, and ignores replayed events', () => {
    const log = new CallLog();
    const events = streamEvents(1000);
    for (let i = 0; i < events.length; i += 97) log.append(events.slice(i, i + 97));
    log.append(events.slice(500, 700)); // a replay after a reconnect
    expect(log.events.length).toBe(1006);
    expect(log.counts.received).toBe(1000);
    expect(log.bytesReceived).toBe(10_000);
    expect(log.status?.codeName).toBe('OK');
    expect(log.done).toBe(true);
    expect(log.rowCount).toBe(1006);
  });
  it('filters by direction and text, incrementally as events arrive', () => {
    const log = new CallLog();
    const events = streamEvents(200);
    log.setFilter({ directions: new Set<Direction>(['received']), text: 'LINE 1' });
    log.append(events.slice(0, 50));
    log.append(events.slice(50));
    // line 1, 10–19, 100–199
    expect(log.rowCount).toBe(1 + 10 + 100);
    expect(log.row(0)).toMatchObject({ type: 'received', message: { text: 'line 1' } });
    log.setFilter({ directions: new Set<Direction>(['sent', 'meta']), text: '' });
    expect(log.rowCount).toBe(6);
    log.setFilter({ directions: ALL_DIRECTIONS, text: '' });
    expect(log.rowCount).toBe(206);
    expect(log.row(206)).toBeUndefined();
  });
});

describe('CallLog filter in slices', () => {
  it('applies a filter in budgeted slices while events keep arriving', () => {
    const log = new CallLog();
    const events = streamEvents(20_000);
    log.append(events.slice(0, 10_000));
    let done = log.setFilter({ directions: ALL_DIRECTIONS, text: 'line 1' }, 0);
    expect(done).toBe(false);
    expect(log.filterComplete).toBe(false);
    log.append(events.slice(10_000));
    let slices = 1;
    while (!done) {
      done = log.continueScan(0);
      slices++;
    }
    expect(slices).toBeGreaterThan(2);
    // line 1, 10–19, 100–199, 1000–1999, 10000–19999, and the request event has no "line 1"
    expect(log.rowCount).toBe(1 + 10 + 100 + 1000 + 10_000);
    log.append([
      {
        seq: log.events.length,
        t: 0,
        type: 'received',
        message: { text: 'line 1 again' },
        size: 1,
      },
    ]);
    expect(log.rowCount).toBe(11_112);
  });
});

describe('scroll math past the element-height limit', () => {
  const g = { total: 1_000_000, rowHeight: 24, viewport: 480 };
  it('caps the spacer and maps the whole range', () => {
    expect(spacerHeight(g)).toBe(MAX_SCROLL_PX);
    expect(virtualTop(0, g)).toBe(0);
    expect(virtualTop(maxScrollTop(g), g)).toBe(1_000_000 * 24 - 480);
    const last = visibleRows(maxScrollTop(g), g, 0);
    expect(last.end).toBe(1_000_000);
    expect(last.first).toBe(1_000_000 - 20);
    expect(last.offset).toBeCloseTo(0, 6);
  });
  it('brings any row to the top and back', () => {
    for (const row of [0, 1, 12_345, 499_999, 999_980]) {
      const w = visibleRows(scrollTopForRow(row, g), g, 0);
      expect(w.first).toBe(row);
    }
  });
  it('behaves as a plain list when it fits', () => {
    const small = { total: 100, rowHeight: 20, viewport: 200 };
    expect(spacerHeight(small)).toBe(2000);
    expect(visibleRows(410, small, 2)).toEqual({ first: 18, end: 33, offset: -50 });
    expect(visibleRows(0, { total: 5, rowHeight: 20, viewport: 200 }, 0)).toEqual({
      first: 0,
      end: 5,
      offset: 0,
    });
    expect(visibleRows(0, { total: 0, rowHeight: 20, viewport: 200 })).toEqual({
      first: 0,
      end: 0,
      offset: 0,
    });
  });
});
