// Index math for a fixed-row-height list that can hold more rows than a browser element can be
// tall (~33.5M px). The scroll spacer is capped; the scroll position maps linearly onto the
// virtual content, so a million rows still scroll from first to last.

export const MAX_SCROLL_PX = 8_000_000;

export interface Geometry {
  total: number;
  rowHeight: number;
  viewport: number;
  maxPx?: number;
}

/** Height of the element that gives the scrollbar its range. */
export function spacerHeight(g: Geometry): number {
  return Math.min(g.total * g.rowHeight, g.maxPx ?? MAX_SCROLL_PX);
}

/** Where the top of the viewport lies in the virtual (uncapped) content, for a scrollTop. */
export function virtualTop(scrollTop: number, g: Geometry): number {
  const content = g.total * g.rowHeight;
  const spacer = spacerHeight(g);
  const realRange = spacer - g.viewport;
  const virtualRange = content - g.viewport;
  if (realRange <= 0 || virtualRange <= 0) return 0;
  const clamped = Math.min(Math.max(scrollTop, 0), realRange);
  return (clamped / realRange) * virtualRange;
}

export interface RowWindow {
  first: number;
  /** exclusive */
  end: number;
  /** Offset in px of row `first` from the top of the viewport (≤ 0). */
  offset: number;
}

export function visibleRows(scrollTop: number, g: Geometry, overscan = 3): RowWindow {
  if (g.total === 0) return { first: 0, end: 0, offset: 0 };
  const top = virtualTop(scrollTop, g);
  const exactFirst = Math.floor(top / g.rowHeight);
  const first = Math.max(0, exactFirst - overscan);
  const end = Math.min(g.total, Math.ceil((top + g.viewport) / g.rowHeight) + overscan);
  return { first, end, offset: first * g.rowHeight - top };
}

/** The scrollTop that brings a row to the top of the viewport (clamped to the scroll range). */
export function scrollTopForRow(row: number, g: Geometry): number {
  const content = g.total * g.rowHeight;
  const spacer = spacerHeight(g);
  const realRange = spacer - g.viewport;
  const virtualRange = content - g.viewport;
  if (realRange <= 0 || virtualRange <= 0) return 0;
  const v = Math.min(Math.max(row * g.rowHeight, 0), virtualRange);
  return (v / virtualRange) * realRange;
}

export function maxScrollTop(g: Geometry): number {
  return Math.max(0, spacerHeight(g) - g.viewport);
}
