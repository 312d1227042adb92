// The prepared messages of a client or bidi stream, sent in order by Send: pick one to edit it
// below, add, remove and reorder. Each row shows the start of its JSON.
import { useShallow } from 'zustand/react/shallow';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';

/** Rows shown; a list longer than this is still sent whole. */
const SHOWN = 500;
const SUMMARY = 80;

const summaryOf = (text: string): string => {
  const flat = text
    .slice(0, SUMMARY * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > SUMMARY ? `${flat.slice(0, SUMMARY)}…` : flat;
};

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
  const s = store.getState();
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
      <ol>
        {summaries.map((summary, i) => {
          const n = i + 1;
          return (
            <li key={i} className={i === selected ? 'selected' : undefined}>
              <button
                className="message-pick"
                aria-pressed={i === selected}
                onClick={() => onSelect(i)}
              >
                Message {n}
              </button>
              <code className="message-summary" title={summary}>
                {summary}
              </code>
              <button
                className="small"
                aria-label={`Move message ${n} up`}
                disabled={i === 0}
                onClick={() => {
                  s.moveMessage(tabId, i, i - 1);
                  if (selected === i) onSelect(i - 1);
                }}
              >
                ↑
              </button>
              <button
                className="small"
                aria-label={`Move message ${n} down`}
                disabled={i === total - 1}
                onClick={() => {
                  s.moveMessage(tabId, i, i + 1);
                  if (selected === i) onSelect(i + 1);
                }}
              >
                ↓
              </button>
              <button
                className="small"
                aria-label={`Remove message ${n}`}
                onClick={() => {
                  s.removeMessage(tabId, i);
                  if (selected > i) onSelect(selected - 1);
                }}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      {total > SHOWN && <p className="muted">… and {total - SHOWN} more, sent after these.</p>}
    </div>
  );
}
