// The prepared messages of a client or bidi stream, sent in order by Send: pick one to edit it
// below; add, duplicate, reorder and remove. Every action is a button (so the keyboard reaches
// it); Alt+↑/↓ on a message moves it, and focus follows the message moved; a row can also be
// dragged onto another. Each row shows the start of its JSON.
import { useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { duplicateMessage } from '../store/messageList.js';

/** Rows shown; a list longer than this is still sent whole. */
const SHOWN = 500;
const SUMMARY = 80;
/** What a dragged prepared message carries: its index (drops from elsewhere are ignored). */
const DRAG_TYPE = 'application/x-gwb-message-index';

const summaryOf = (text: string): string => {
  const flat = text
    .slice(0, SUMMARY * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > SUMMARY ? `${flat.slice(0, SUMMARY)}…` : flat;
};

/** Which control of which row gets focus after the list changed under it. */
interface FocusNext {
  row: number;
  control: 'pick' | 'up' | 'down';
}

export function MessageList({
  tabId,
  selected,
  onSelect,
}: {
  tabId: string;
  selected: number;
  onSelect: (index: number) => void;
}) {
  const store = useStoreApi();
  const summaries = useWb(
    useShallow((s) => (tabById(s, tabId)?.texts ?? []).slice(0, SHOWN).map(summaryOf)),
  );
  const total = useWb((s) => tabById(s, tabId)?.texts.length ?? 0);
  const list = useRef<HTMLOListElement>(null);
  const focusNext = useRef<FocusNext | null>(null);
  // Rows are keyed by position: after a move the focused button would show another message.
  useLayoutEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = null;
    const row = list.current?.children[next.row];
    const target =
      row?.querySelector<HTMLButtonElement>(`[data-control="${next.control}"]:not(:disabled)`) ??
      row?.querySelector<HTMLButtonElement>('[data-control="pick"]');
    target?.focus();
  });
  const s = store.getState();
  const move = (from: number, to: number, control: FocusNext['control']): void => {
    if (to < 0 || to >= total) return;
    s.moveMessage(tabId, from, to);
    focusNext.current = { row: to, control };
    if (selected === from) onSelect(to);
    else if (selected === to) onSelect(from);
  };
  const remove = (i: number): void => {
    s.removeMessage(tabId, i);
    if (selected > i || selected === total - 1) onSelect(Math.max(0, selected - 1));
    focusNext.current = { row: Math.min(i, total - 2), control: 'pick' };
  };
  return (
    <div className="message-list" role="group" aria-label="Messages to send">
      <div className="message-list-head">
        <strong>
          Messages ({total}) <span className="muted">sent in order by Send</span>
        </strong>
        <button
          className="small"
          onClick={() => {
            s.addMessage(tabId);
            onSelect(total);
          }}
        >
          Add message
        </button>
      </div>
      {total === 0 && (
        <p className="muted">None prepared: Send opens the stream, then send from the composer.</p>
      )}
      <ol ref={list}>
        {summaries.map((summary, i) => {
          const n = i + 1;
          return (
            <li
              key={i}
              className={i === selected ? 'selected' : undefined}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, String(i));
                e.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(e) => {
                if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
              }}
              onDrop={(e) => {
                const from = Number(e.dataTransfer.getData(DRAG_TYPE));
                if (!Number.isInteger(from)) return;
                e.preventDefault();
                if (from !== i) move(from, i, 'pick');
              }}
            >
              <button
                className="message-pick"
                data-control="pick"
                aria-pressed={i === selected}
                aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                title="Edit this message below (Alt+↑/↓ moves it)"
                onClick={() => onSelect(i)}
                onKeyDown={(e) => {
                  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                  e.preventDefault();
                  move(i, e.key === 'ArrowUp' ? i - 1 : i + 1, 'pick');
                }}
              >
                Message {n}
              </button>
              <code className="message-summary" title={summary}>
                {summary}
              </code>
              <span className="message-actions">
                <button
                  className="small"
                  aria-label={`Duplicate message ${n}`}
                  title="Duplicate: a copy right after it"
                  onClick={() => {
                    const copy = duplicateMessage(store, tabId, i);
                    if (copy >= 0) onSelect(copy);
                  }}
                >
                  ❐
                </button>
                <button
                  className="small"
                  data-control="up"
                  aria-label={`Move message ${n} up`}
                  title="Move up (Alt+↑)"
                  disabled={i === 0}
                  onClick={() => move(i, i - 1, 'up')}
                >
                  ↑
                </button>
                <button
                  className="small"
                  data-control="down"
                  aria-label={`Move message ${n} down`}
                  title="Move down (Alt+↓)"
                  disabled={i === total - 1}
                  onClick={() => move(i, i + 1, 'down')}
                >
                  ↓
                </button>
                <button
                  className="small"
                  aria-label={`Remove message ${n}`}
                  title="Remove"
                  onClick={() => remove(i)}
                >
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {total > SHOWN && <p className="muted">… and {total - SHOWN} more, sent after these.</p>}
    </div>
  );
}
