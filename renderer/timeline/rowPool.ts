// The visible rows of the timeline, drawn without React: a fixed pool of row elements whose text
// is rewritten in place. A live stream changes every visible row on every frame; going through
// React would rebuild and diff them all each time, and keying rows by index would replace the
// elements outright. Here a frame costs a few text assignments, and only where the text changed.
//
// The rows are the options of a listbox whose focus stays on the list itself: the active row is
// named by aria-activedescendant, which `draw` points at whichever pooled element shows that row
// now. (A grid with a roving tabindex would put DOM focus on a pooled element, which scrolling
// hands over to another event or hides: focus would jump or be lost. With an active descendant
// the focus never moves and only an id is retargeted.) Each option says where it is in the whole
// list (aria-posinset / aria-setsize), as only a window of it exists in the DOM.
import { directionOf } from './filter.js';
import { isGap, type TimelineRow } from './gap.js';
import { rowCells } from './rowText.js';

interface Row {
  el: HTMLDivElement;
  cells: [HTMLSpanElement, HTMLSpanElement, HTMLSpanElement, HTMLSpanElement];
  text: [string, string, string, string];
  event: TimelineRow | null;
  /** The list row it shows (its index in the filtered list), -1 when hidden. */
  index: number;
  total: number;
  y: number;
  dir: string;
  opened: boolean;
  active: boolean;
}

const CELL_CLASSES = ['t', 'dir', 'size', 'payload'] as const;

/** What `draw` shows: a window of the list's rows and where it sits. */
export interface RowWindowDraw {
  rows: readonly TimelineRow[];
  /** The list index of rows[0]. */
  first: number;
  /** How many rows the whole list has. */
  total: number;
  /** px of rows[0] from the top of the layer. */
  top: number;
  rowHeight: number;
  /** The seq of the event whose detail is open. */
  openSeq: number | null;
  /** The list index of the active row (keyboard), -1 for none. */
  active: number;
}

export class RowPool {
  private readonly rows: Row[] = [];
  private shown = 0;

  /**
   * `layer` holds nothing but the pool's rows; a click on a row calls `onPick` with its list index
   * and its event's seq (-1 for a gap). `idPrefix` makes the rows' ids unique in the page.
   */
  constructor(
    readonly layer: HTMLElement,
    private readonly idPrefix: string,
    onPick: (index: number, seq: number) => void,
  ) {
    layer.addEventListener('click', (ev) => {
      const row = (ev.target as Element | null)?.closest?.('.trow') as HTMLElement | null;
      const index = row ? Number(row.dataset.row) : NaN;
      if (Number.isInteger(index) && index >= 0) onPick(index, Number(row?.dataset.seq));
    });
  }

  /** Shows a window of rows; returns the id of the element showing the active row ('' if none). */
  draw(w: RowWindowDraw): string {
    let activeId = '';
    for (let i = 0; i < w.rows.length; i++) {
      const r = this.row(i);
      this.put(r, w.rows[i] as TimelineRow, w.first + i, w, w.top + i * w.rowHeight);
      if (w.first + i === w.active) activeId = r.el.id;
    }
    // Rows no longer needed are hidden, not removed: the DOM stays the same size while scrolling.
    for (let i = w.rows.length; i < this.shown; i++) this.hide(this.rows[i] as Row);
    this.shown = w.rows.length;
    return activeId;
  }

  private put(r: Row, e: TimelineRow, index: number, w: RowWindowDraw, y: number): void {
    if (r.el.hidden) r.el.hidden = false;
    // By identity, not seq: a new call in the same tab starts again from seq 0.
    if (r.event !== e) {
      r.event = e;
      r.el.dataset.seq = String(e.seq);
      const cells = rowCells(e);
      for (let c = 0; c < 4; c++) {
        if (r.text[c] !== cells[c]) {
          r.text[c] = cells[c] as string;
          (r.cells[c] as HTMLSpanElement).textContent = cells[c] as string;
        }
      }
      const dir = isGap(e) ? 'gap' : directionOf(e);
      if (r.dir !== dir) {
        r.dir = dir;
        r.cells[1].className = `dir ${dir}`;
        r.el.classList.toggle('gap', dir === 'gap');
      }
      // A narrow pane cuts a gap's words short: the whole sentence stays one hover away.
      const title = isGap(e) ? (cells[3] as string) : '';
      if (r.el.title !== title) r.el.title = title;
    }
    if (r.index !== index) {
      r.index = index;
      r.el.dataset.row = String(index);
      r.el.setAttribute('aria-posinset', String(index + 1));
    }
    if (r.total !== w.total) {
      r.total = w.total;
      r.el.setAttribute('aria-setsize', String(w.total));
    }
    if (r.y !== y) {
      r.y = y;
      r.el.style.transform = `translateY(${y}px)`;
    }
    const active = index === w.active;
    if (r.active !== active) {
      r.active = active;
      r.el.setAttribute('aria-selected', String(active));
    }
    // The event whose detail is open (a click, or Enter on the active row).
    const opened = !isGap(e) && w.openSeq === e.seq;
    if (r.opened !== opened) {
      r.opened = opened;
      r.el.setAttribute('aria-current', String(opened));
    }
  }

  /** Makes `n` rows up front (hidden), so the DOM does not grow while a list fills. */
  reserve(n: number): void {
    for (let i = this.rows.length; i < n; i++) this.hide(this.row(i));
  }

  /** A hidden row keeps no text, so the log's text content is what is on screen. */
  private hide(r: Row): void {
    r.el.hidden = true;
    r.event = null;
    r.index = -1;
    if (r.active) {
      r.active = false;
      r.el.setAttribute('aria-selected', 'false');
    }
    for (let c = 0; c < 4; c++) {
      r.text[c] = '';
      (r.cells[c] as HTMLSpanElement).textContent = '';
    }
  }

  private row(i: number): Row {
    let r = this.rows[i];
    if (r) return r;
    const el = document.createElement('div');
    el.className = 'trow';
    el.id = `${this.idPrefix}-row-${i}`;
    el.setAttribute('role', 'option');
    el.setAttribute('aria-selected', 'false');
    el.setAttribute('aria-current', 'false');
    // Each row is laid out on its own: a text change inside it never relayouts its neighbours.
    el.style.top = '0';
    el.style.contain = 'strict';
    const cells = CELL_CLASSES.map((cls) => {
      const span = document.createElement('span');
      span.className = cls;
      el.appendChild(span);
      return span;
    }) as Row['cells'];
    this.layer.appendChild(el);
    r = {
      el,
      cells,
      text: ['', '', '', ''],
      event: null,
      index: -1,
      total: -1,
      y: NaN,
      dir: '',
      opened: false,
      active: false,
    };
    this.rows[i] = r;
    return r;
  }
}
