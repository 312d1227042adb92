// A stream's events as a virtual list of fixed-height rows. Only the visible rows exist in the DOM;
// past the browser's element-height limit the scrollbar maps onto row indexes (scrollMath).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CallEvent } from '../../shared/calls/events.js';
import { useWb } from '../store/useWorkbench.js';
import { peekLog } from '../store/callLogs.js';
import { directionOf, type Direction } from '../timeline/filter.js';
import { maxScrollTop, scrollTopForRow, spacerHeight, visibleRows, type Geometry } from '../timeline/scrollMath.js';
import { formatBytes, formatMs } from './StatusView.js';

const ROW = 24;
const ARROWS: Record<CallEvent['type'], string> = {
  started: '▶ started',
  headers: '⇣ headers',
  sent: '↑ sent',
  half_closed: '⇡ end',
  received: '↓ received',
  trailers: '⇣ trailers',
  status: '■ status',
  ended: '■ ended',
};

export function rowSummary(e: CallEvent): string {
  switch (e.type) {
    case 'sent':
    case 'received':
      return e.message === null ? `(undecodable) ${e.decodeError ?? ''}` : JSON.stringify(e.message).slice(0, 2000);
    case 'headers':
    case 'trailers':
      return e.metadata.map((m) => `${m.key}: ${m.value}`).join('  ');
    case 'started':
      return `${e.method} → ${e.target}`;
    case 'status':
      return `${e.status.codeName}${e.status.message && e.status.message !== e.status.codeName ? ' ' + e.status.message : ''}`;
    case 'half_closed':
      return 'client finished sending';
    case 'ended':
      return formatMs(e.durationMs);
  }
}

function detailText(e: CallEvent): string {
  if (e.type === 'sent' || e.type === 'received') return e.message === null ? (e.decodeError ?? '') : JSON.stringify(e.message, null, 2);
  const { seq: _s, t: _t, type: _y, ...rest } = e;
  return JSON.stringify(rest, null, 2);
}

export function Timeline({ callId }: { callId: string }) {
  useWb((s) => s.calls[callId]?.version);
  const log = peekLog(callId);
  const [dirs, setDirs] = useState<Record<Direction, boolean>>({ sent: true, received: true, meta: true });
  const [text, setText] = useState('');
  const [countOnly, setCountOnly] = useState(false);
  const [follow, setFollow] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(300);
  const [selected, setSelected] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const programmatic = useRef(false);

  const [, setScanTick] = useState(0);
  useEffect(() => {
    if (!log) return;
    // A new filter is applied a few milliseconds per frame, so typing never freezes the page.
    let frame = 0;
    const step = (): void => {
      const done = log.continueScan(8);
      setScanTick((n) => n + 1);
      if (!done) frame = requestAnimationFrame(step);
    };
    if (!log.setFilter({ directions: new Set((Object.keys(dirs) as Direction[]).filter((d) => dirs[d])), text }, 8)) frame = requestAnimationFrame(step);
    setScanTick((n) => n + 1);
    return () => cancelAnimationFrame(frame);
  }, [log, dirs, text]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, [countOnly]);

  const total = log?.rowCount ?? 0;
  const g: Geometry = { total, rowHeight: ROW, viewport };
  const scrollTo = (top: number): void => {
    const el = box.current;
    if (!el) return;
    programmatic.current = true;
    el.scrollTop = top;
    setScrollTop(el.scrollTop);
  };

  useLayoutEffect(() => {
    if (follow && box.current) scrollTo(maxScrollTop(g));
  });

  if (!log) return null;
  const c = log.counts;
  const win = visibleRows(scrollTop, g);
  const rows: React.ReactNode[] = [];
  if (!countOnly) {
    for (let i = win.first; i < win.end; i++) {
      const e = log.row(i);
      if (!e) continue;
      const dir = directionOf(e);
      rows.push(
        <div
          key={i}
          className="trow"
          role="listitem"
          aria-selected={selected === e.seq}
          style={{ top: win.offset + (i - win.first) * ROW }}
          onClick={() => setSelected(selected === e.seq ? null : e.seq)}
        >
          <span className="t">+{formatMs(e.t)}</span>
          <span className={`dir ${dir}`}>{ARROWS[e.type]}</span>
          <span className="size">{e.type === 'sent' || e.type === 'received' ? formatBytes(e.size) : ''}</span>
          <span className="payload">{rowSummary(e)}</span>
        </div>,
      );
    }
  }
  const selectedEvent = selected !== null ? log.events[selected] : undefined;
  return (
    <>
      <div className="timeline-tools">
        {(['sent', 'received', 'meta'] as const).map((d) => (
          <label key={d}>
            <input type="checkbox" checked={dirs[d]} onChange={(e) => setDirs({ ...dirs, [d]: e.target.checked })} />
            {d === 'sent' ? '↑ sent' : d === 'received' ? '↓ received' : 'headers/status'}
          </label>
        ))}
        <input type="search" aria-label="Filter timeline" placeholder="Find text" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 120 }} />
        <label>
          <input type="checkbox" checked={countOnly} onChange={(e) => setCountOnly(e.target.checked)} />
          count only
        </label>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          follow latest
        </label>
        <button className="small" onClick={() => (setFollow(false), scrollTo(0))}>
          First
        </button>
        <button className="small" onClick={() => scrollTo(scrollTopForRow(total - 1, g) + ROW)}>
          Last
        </button>
        <span className="counts" data-testid="timeline-counts" aria-live="off">
          <span data-testid="count-received">{c.received}</span> received · <span data-testid="count-sent">{c.sent}</span> sent · {total} shown{log.filterComplete ? '' : ' (filtering…)'}
        </span>
      </div>
      {countOnly ? (
        <div className="empty" role="log" aria-label="Timeline">
          <div style={{ fontSize: 28 }} className="mono">
            {c.received.toLocaleString('en-US')} ↓ · {c.sent.toLocaleString('en-US')} ↑
          </div>
          <div className="muted">
            {formatBytes(log.bytesReceived)} received · {log.status ? log.status.codeName : 'open'}
          </div>
        </div>
      ) : (
        <div
          className="timeline"
          ref={box}
          role="log"
          aria-label="Timeline"
          aria-live="off"
          tabIndex={0}
          onScroll={(e) => {
            const top = e.currentTarget.scrollTop;
            if (programmatic.current) programmatic.current = false;
            else if (follow && top < maxScrollTop(g) - ROW) setFollow(false);
            setScrollTop(top);
          }}
        >
          <div style={{ height: spacerHeight(g) }} />
          <div className="layer" style={{ position: 'absolute', top: scrollTop, left: 0, right: 0 }}>
            {rows}
          </div>
        </div>
      )}
      {selectedEvent && (
        <div className="event-detail" role="region" aria-label="Event detail">
          <div className="muted">
            #{selectedEvent.seq} {selectedEvent.type} at +{formatMs(selectedEvent.t)}
            <button className="small" style={{ marginLeft: 8 }} onClick={() => setSelected(null)}>
              close
            </button>
          </div>
          <pre>{detailText(selectedEvent)}</pre>
        </div>
      )}
    </>
  );
}
