// A stream's events as a virtual list of rows of one height (two lines each in a narrow list).
// Only the visible rows exist in the DOM; past the browser's element-height limit the scrollbar
// maps onto row indexes (scrollMath).
// React draws the frame around the list; the rows and counts are drawn by `draw` (RowPool) when
// the call's log changes, so a live stream never re-renders React and never forces a layout.
import { memo, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CallEvent } from '../../shared/calls/events.js';
import { useStoreApi } from '../store/useWorkbench.js';
import { peekLog } from '../store/callLogs.js';
import type { Direction } from '../timeline/filter.js';
import { RowPool } from '../timeline/rowPool.js';
import { isGap, type TimelineRow } from '../timeline/gap.js';
import { firstRowInView, keyAction, scrollTopShowing } from '../timeline/keyboard.js';
import { detailHeading, formatBytes, formatMs, rowSummary } from '../timeline/rowText.js';
import { messageSizeText } from '../compression/messageSize.js';
import { EventDetail } from './response/EventDetail.js';
import {
  maxScrollTop,
  scrollTopForRow,
  spacerHeight,
  visibleRows,
  type Geometry,
} from '../timeline/scrollMath.js';

export { rowSummary };

/** A row's height when the styles give none (see --trow-h in styles.css). */
const ROW = 24;

/** The rows' height as the styles set it for the list's width now: a narrow list has two-line rows. */
function rowHeightOf(layer: HTMLElement): number {
  return parseFloat(getComputedStyle(layer).getPropertyValue('--trow-h')) || ROW;
}

function detailText(e: CallEvent): string {
  if (e.type === 'sent' || e.type === 'received')
    return e.message === null ? (e.decodeError ?? '') : JSON.stringify(e.message, null, 2);
  const { seq: _s, t: _t, type: _y, ...rest } = e;
  return JSON.stringify(rest, null, 2);
}

/** Sets an element's text only when it differs (a text write dirties layout even when equal). */
function setText(el: HTMLElement | null, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}

export const Timeline = memo(function Timeline({
  callId,
  label = 'Timeline',
  reveal,
}: {
  callId: string;
  /** The log's accessible name (a recording's viewer names itself apart from the live one). */
  label?: string;
  /** The seq of an event to scroll to and select (a find hit in a recording). */
  reveal?: number;
}) {
  const store = useStoreApi();
  const log = peekLog(callId);
  const [dirs, setDirs] = useState<Record<Direction, boolean>>({
    sent: true,
    received: true,
    meta: true,
  });
  const [text, setText_] = useState('');
  const [countOnly, setCountOnly] = useState(false);
  const [follow, setFollow] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);
  /** Centres the find hit shown (reveal) again when the list resizes, until the user scrolls. */
  const revealing = useRef<(() => void) | null>(null);
  const rowIds = useId();

  const box = useRef<HTMLDivElement>(null);
  const spacer = useRef<HTMLDivElement>(null);
  const layer = useRef<HTMLDivElement>(null);
  const countReceived = useRef<HTMLSpanElement>(null);
  const countSent = useRef<HTMLSpanElement>(null);
  const countShown = useRef<HTMLSpanElement>(null);
  const bigCount = useRef<HTMLDivElement>(null);
  const bigSub = useRef<HTMLDivElement>(null);
  const pool = useRef<RowPool | null>(null);
  // What `draw` reads: kept in a ref so the store listener and DOM handlers see the latest values.
  const view = useRef({
    callId,
    countOnly,
    follow,
    selected,
    viewport: 300,
    rowHeight: ROW,
    scrollTop: 0,
    lastSetTop: -1,
    spacerPx: -1,
    /** The keyboard's row (an index in the filtered list), -1 before the list is entered. */
    active: -1,
    activeId: '',
  });
  view.current.callId = callId;
  view.current.countOnly = countOnly;
  view.current.follow = follow;
  view.current.selected = selected;

  const geometry = (): Geometry => ({
    total: peekLog(view.current.callId)?.rowCount ?? 0,
    rowHeight: view.current.rowHeight,
    viewport: view.current.viewport,
  });

  const draw = (): void => {
    const v = view.current;
    const lg = peekLog(v.callId);
    if (!lg) return;
    // A reopened history entry's messages count those it did not keep, too.
    const c = { received: lg.messageCount('received'), sent: lg.messageCount('sent') };
    setText(countReceived.current, String(c.received));
    setText(countSent.current, String(c.sent));
    setText(countShown.current, `${lg.rowCount} shown${lg.filterComplete ? '' : ' (filtering…)'}`);
    if (v.countOnly) {
      setText(
        bigCount.current,
        `${c.received.toLocaleString('en-US')} ↓ · ${c.sent.toLocaleString('en-US')} ↑`,
      );
      setText(
        bigSub.current,
        `${formatBytes(lg.bytesReceived)} received · ${lg.status ? lg.status.codeName : 'open'}`,
      );
      return;
    }
    const el = box.current;
    if (!el || !layer.current || !spacer.current) return;
    if (pool.current?.layer !== layer.current)
      pool.current = new RowPool(layer.current, rowIds, (index, seq) => {
        view.current.active = index;
        if (seq < 0) return drawRef.current();
        // A picked row is read where it is: following would scroll it away as soon as its
        // detail opens below and the list gets shorter (the 2nd message gone from view).
        stopFollowing();
        setSelected((s) => (s === seq ? null : seq));
      });
    const g = geometry();
    const spacerPx = spacerHeight(g);
    if (spacerPx !== v.spacerPx) {
      v.spacerPx = spacerPx;
      spacer.current.style.height = `${spacerPx}px`;
    }
    const max = maxScrollTop(g);
    const top = v.follow ? max : Math.min(v.scrollTop, max);
    const win = visibleRows(top, g);
    // Enough rows for a full viewport with overscan, whatever the list holds yet.
    pool.current.reserve(Math.ceil(v.viewport / v.rowHeight) + 8);
    const rows: TimelineRow[] = [];
    for (let i = win.first; i < win.end; i++) {
      const e = lg.row(i);
      // A page let go of is being fetched back (the log redraws when it comes): until then the
      // rows stay as they were rather than shift up into the wrong places.
      if (!e) return;
      rows.push(e);
    }
    layer.current.style.transform = `translateY(${top}px)`;
    const activeId = pool.current.draw({
      rows,
      first: win.first,
      total: g.total,
      top: win.offset,
      rowHeight: v.rowHeight,
      openSeq: v.selected,
      active: v.active,
    });
    if (activeId !== v.activeId) {
      v.activeId = activeId;
      if (activeId) layer.current.setAttribute('aria-activedescendant', activeId);
      else layer.current.removeAttribute('aria-activedescendant');
    }
    // Written after every other change and never read back: one layout per frame, done by the
    // browser when it paints, instead of a forced one in the middle of the script.
    if (v.follow && top !== v.lastSetTop) {
      v.lastSetTop = top;
      v.scrollTop = top;
      el.scrollTop = top;
    }
  };
  const drawRef = useRef(draw);
  drawRef.current = draw;

  // The log changes at most once per frame (the store batches); draw right then, in that frame.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const id = view.current.callId;
        if (
          s.calls[id]?.version !== prev.calls[id]?.version ||
          s.calls[id]?.done !== prev.calls[id]?.done
        )
          drawRef.current();
      }),
    [store],
  );

  useEffect(() => {
    if (!log) return;
    // Another list: the keyboard starts again from the first row in view.
    view.current.active = -1;
    // A new filter is applied a few milliseconds per frame, so typing never freezes the page.
    let frame = 0;
    const step = (): void => {
      const done = log.continueScan(8);
      drawRef.current();
      if (!done) frame = requestAnimationFrame(step);
    };
    if (
      !log.setFilter(
        { directions: new Set((Object.keys(dirs) as Direction[]).filter((d) => dirs[d])), text },
        8,
      )
    )
      frame = requestAnimationFrame(step);
    drawRef.current();
    return () => cancelAnimationFrame(frame);
  }, [log, dirs, text]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = (): void => {
      view.current.viewport = el.clientHeight;
      // The width may have crossed the styles' narrow mark, which changes the rows' height.
      const keptTop = layer.current ? setRowHeight(rowHeightOf(layer.current)) : null;
      revealing.current?.();
      if (layer.current) layer.current.style.height = `${el.clientHeight}px`;
      // The list got shorter (an opened detail takes room): the keyboard's row stays in view.
      const keptActive = layer.current === document.activeElement && view.current.active >= 0;
      if (keptActive) keepActiveInViewRef.current();
      drawRef.current();
      // One top, decided above (the kept first row, then the keyboard's or picked row kept in
      // view), written after the draw has sized the spacer for the new height (or the browser
      // would cap it). Writing the earlier kept top here scrolled the box to one place while the
      // rows were drawn at another: an empty list.
      const v = view.current;
      if (!v.follow && (keptTop !== null || keptActive)) {
        v.lastSetTop = currentTopRef.current();
        el.scrollTop = v.lastSetTop;
      }
    };
    /**
     * A new row height keeps the list on the same first row (a scrollTop in pixels would show
     * other rows, the one the user read gone); the new scrollTop, for the caller to write once
     * the spacer has its new height, or null when nothing moves.
     */
    const setRowHeight = (height: number): number | null => {
      const v = view.current;
      if (height === v.rowHeight) return null;
      const first = firstRowInView(v.scrollTop, geometry());
      v.rowHeight = height;
      if (v.follow) return null;
      v.scrollTop = scrollTopForRow(first, geometry());
      return v.scrollTop;
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, [countOnly]);

  // A new list element (after count-only) or another call starts from a clean slate.
  useLayoutEffect(() => {
    view.current.spacerPx = -1;
    view.current.lastSetTop = -1;
    view.current.active = -1;
  }, [countOnly, callId]);

  useLayoutEffect(() => {
    drawRef.current();
  });

  const scrollTo = (top: number): void => {
    const el = box.current;
    if (!el) return;
    const clamped = Math.min(Math.max(0, top), maxScrollTop(geometry()));
    view.current.scrollTop = clamped;
    view.current.lastSetTop = clamped;
    // Drawn first: the spacer gets its height before the box scrolls, so the browser does not cap
    // the top at the old height (after a row-height change) while the rows are drawn at this one.
    drawRef.current();
    el.scrollTop = clamped;
  };

  // A find hit: stop following, select it and put its row in the middle of the view.
  useEffect(() => {
    if (reveal === undefined || !log) return;
    view.current.follow = false;
    setFollow(false);
    setSelected(reveal);
    const center = (): void => {
      const row = log.rowOf(reveal);
      // The row half a view above it at the top (scrollTopForRow clamps at the end of the list).
      const above = Math.floor(view.current.viewport / view.current.rowHeight / 2);
      if (row !== undefined) scrollTo(scrollTopForRow(Math.max(0, row - above), geometry()));
    };
    center();
    // The detail opening below shrinks the list (its editor lays out later): measure centres again.
    revealing.current = center;
    return () => {
      revealing.current = null;
    };
  }, [reveal, log]);

  /** The scroll position drawn now (following: the end). */
  const currentTop = (): number =>
    view.current.follow
      ? maxScrollTop(geometry())
      : Math.min(view.current.scrollTop, maxScrollTop(geometry()));

  /** The reader holds the view now (a row picked, a key pressed): the list stays where it is. */
  function stopFollowing(): void {
    const v = view.current;
    if (!v.follow) return;
    v.scrollTop = currentTop();
    v.follow = false;
    setFollow(false);
  }

  // The list's keys: arrows, Home/End and PageUp/PageDown move the active row (scrolling it into
  // view), Enter or Space opens its event's detail.
  const onListKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const lg = peekLog(view.current.callId);
    if (!lg || e.altKey || e.ctrlKey || e.metaKey) return;
    const g = geometry();
    const top = currentTop();
    const pageRows = Math.max(1, Math.floor(g.viewport / g.rowHeight) - 1);
    const action = keyAction(e.key, view.current.active, firstRowInView(top, g), g.total, pageRows);
    if (!action) return;
    e.preventDefault();
    if ('open' in action) {
      const row = lg.row(view.current.active);
      if (!row || isGap(row)) return;
      stopFollowing();
      setSelected(row.seq);
      return;
    }
    view.current.active = action.move;
    // The keyboard holds the view now; following would pull the active row away.
    stopFollowing();
    scrollTo(scrollTopShowing(action.move, top, g));
  };
  const keepActiveInView = (): void => {
    if (view.current.follow) return;
    scrollTo(scrollTopShowing(view.current.active, currentTop(), geometry()));
  };
  const currentTopRef = useRef(currentTop);
  currentTopRef.current = currentTop;
  const keepActiveInViewRef = useRef(keepActiveInView);
  keepActiveInViewRef.current = keepActiveInView;

  // Entering the list makes the first row in view active, so a screen reader says where it is.
  const onListFocus = (): void => {
    if (view.current.active >= 0 || geometry().total === 0) return;
    view.current.active = firstRowInView(currentTop(), geometry());
    drawRef.current();
  };

  if (!log) return null;
  const selectedEvent = selected !== null ? log.eventAt(selected) : undefined;
  return (
    <>
      <div className="timeline-tools">
        {(['sent', 'received', 'meta'] as const).map((d) => (
          <label key={d}>
            <input
              type="checkbox"
              checked={dirs[d]}
              onChange={(e) => setDirs({ ...dirs, [d]: e.target.checked })}
            />
            {d === 'sent' ? '↑ sent' : d === 'received' ? '↓ received' : 'headers/status'}
          </label>
        ))}
        <input
          type="search"
          aria-label="Filter timeline"
          placeholder="Find text"
          value={text}
          onChange={(e) => setText_(e.target.value)}
          style={{ width: 120 }}
        />
        <label>
          <input
            type="checkbox"
            checked={countOnly}
            onChange={(e) => setCountOnly(e.target.checked)}
          />
          count only
        </label>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          follow latest
        </label>
        <button
          className="small"
          onClick={() => (setFollow(false), (view.current.follow = false), scrollTo(0))}
        >
          First
        </button>
        <button
          className="small"
          onClick={() =>
            scrollTo(scrollTopForRow(geometry().total - 1, geometry()) + view.current.rowHeight)
          }
        >
          Last
        </button>
        {/* Filled in by draw(), never by React: the numbers change every frame of a live stream. */}
        <span
          className="counts"
          data-testid="timeline-counts"
          aria-live="off"
          style={{ contain: 'content' }}
        >
          <span data-testid="count-received" ref={countReceived} /> received ·{' '}
          <span data-testid="count-sent" ref={countSent} /> sent · <span ref={countShown} />
        </span>
      </div>
      {countOnly ? (
        <div className="empty" role="log" aria-label={label}>
          <div style={{ fontSize: 28 }} className="mono" ref={bigCount} />
          <div className="muted" ref={bigSub} />
        </div>
      ) : (
        <div
          className="timeline"
          ref={box}
          role="log"
          aria-label={label}
          aria-live="off"
          // The user moves the list: a find hit is no longer kept in the middle. (Not on scroll
          // events: the browser sends one when the list shrinks under the hit.)
          onWheel={() => (revealing.current = null)}
          onPointerDown={() => (revealing.current = null)}
          onScroll={(e) => {
            const v = view.current;
            const top = e.currentTarget.scrollTop;
            // Our own write coming back as an event.
            if (Math.abs(top - v.lastSetTop) < 1) return;
            v.scrollTop = top;
            v.lastSetTop = -1;
            if (v.follow && top < maxScrollTop(geometry()) - v.rowHeight) {
              v.follow = false;
              setFollow(false);
            }
            drawRef.current();
          }}
        >
          <div ref={spacer} />
          <div
            ref={layer}
            role="listbox"
            aria-label={`${label} events`}
            // Focus stays here; the active row is aria-activedescendant (see RowPool for why).
            tabIndex={0}
            onKeyDown={onListKey}
            onFocus={onListFocus}
            className="layer"
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              overflow: 'hidden',
              contain: 'strict',
            }}
          />
        </div>
      )}
      {selectedEvent && (
        <EventDetail
          heading={detailHeading(
            selectedEvent,
            selectedEvent.type === 'sent' || selectedEvent.type === 'received'
              ? log.messageNumber(selectedEvent.seq, selectedEvent.type)
              : undefined,
          )}
          when={`+${formatMs(selectedEvent.t)}`}
          size={
            selectedEvent.type === 'sent' || selectedEvent.type === 'received'
              ? messageSizeText(selectedEvent)
              : undefined
          }
          text={detailText(selectedEvent)}
          json={!('decodeError' in selectedEvent && selectedEvent.message === null)}
          onClose={() => setSelected(null)}
        />
      )}
    </>
  );
});
