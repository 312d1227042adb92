// The visible rows of the timeline, drawn without React: a fixed pool of row elements whose text
// is rewritten in place. A live stream changes every visible row on every frame; going through
// React would rebuild and diff them all each time, and keying rows by index would replace the
// elements outright. Here a frame costs a few text assignments, and only where the text changed.
import type { CallEvent } from '../../shared/calls/events.js';
import { directionOf } from './filter.js';
import { rowCells } from './rowText.js';

interface Row {
  el: HTMLDivElement;
  cells: [HTMLSpanElement, HTMLSpanElement, HTMLSpanElement, HTMLSpanElement];
  text: [string, string, string, string];
  event: CallEvent | null;
  y: number;
  dir: string;
  selected: boolean;
}

const CELL_CLASSES = ['t', 'dir', 'size', 'payload'] as const;

export class RowPool {
  private readonly rows: Row[] = [];
  private shown = 0;

  /** `layer` holds nothing but the pool's rows; a click on a row calls `onPick` with its event's seq. */
  constructor(
    readonly layer: HTMLElement,
    onPick: (seq: number) => void,
  ) {
    layer.addEventListener('click', (ev) => {
      const row = (ev.target as Element | null)?.closest?.('.trow') as HTMLElement | null;
      const seq = row ? Number(row.dataset.seq) : NaN;
      if (Number.isInteger(seq) && seq >= 0) onPick(seq);
    });
  }

  /** Shows `events` (the visible window, top to bottom) at `top + i * rowHeight` px. */
  draw(
    events: readonly CallEvent[],
    top: number,
    rowHeight: number,
    selectedSeq: number | null,
  ): void {
    for (let i = 0; i < events.length; i++)
      this.put(this.row(i), events[i] as CallEvent, top + i * rowHeight, selectedSeq);
    // Rows no longer needed are hidden, not removed: the DOM stays the same size while scrolling.
    for (let i = events.length; i < this.shown; i++) this.hide(this.rows[i] as Row);
    this.shown = events.length;
  }

  private put(r: Row, e: CallEvent, y: number, selectedSeq: number | null): void {
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
      const dir = directionOf(e);
      if (r.dir !== dir) {
        r.dir = dir;
        r.cells[1].className = `dir ${dir}`;
      }
    }
    if (r.y !== y) {
      r.y = y;
      r.el.style.transform = `translateY(${y}px)`;
    }
    const selected = selectedSeq === e.seq;
    if (r.selected !== selected) {
      r.selected = selected;
      // aria-current, not aria-selected: a listitem has no selected state in ARIA.
      r.el.setAttribute('aria-current', String(selected));
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
    el.setAttribute('role', 'listitem');
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
    r = { el, cells, text: ['', '', '', ''], event: null, y: NaN, dir: '', selected: false };
    this.rows[i] = r;
    return r;
  }
}
