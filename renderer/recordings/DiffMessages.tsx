// The differing messages of a diff, a page at a time: each one's recorded and replayed JSON side by
// side with the lines of the differing paths marked, and the paths listed with both values.
// Server-supplied values are shown as text only.
import type { JsonValue } from '../../shared/calls/events.js';
import { jsonLines, underAny } from './jsonLines.js';
import type { DiffView } from './recordingsSlice.js';

type MessageDiff = DiffView['messages'][number];

const SIDE_NAME = { client: 'Client', server: 'Server' } as const;
const KIND_TEXT = {
  differs: 'differs',
  missing: 'missing from the replay',
  extra: 'only in the replay',
} as const;

const shown = (v: JsonValue | undefined): string =>
  v === undefined ? '(absent)' : JSON.stringify(v);

function JsonSide({
  title,
  value,
  paths,
}: {
  title: string;
  value: JsonValue | undefined;
  paths: readonly string[];
}) {
  return (
    <figure className="diff-side" aria-label={title}>
      <figcaption>{title}</figcaption>
      {value === undefined ? (
        <p className="muted diff-none">(no message)</p>
      ) : (
        <pre className="mono">
          {jsonLines(value).map((line, i) =>
            line.path !== '' && underAny(line.path, paths) ? (
              <mark key={i} className="diff-line" data-path={line.path}>
                {line.text}
              </mark>
            ) : (
              <span key={i} className="diff-line">
                {line.text}
              </span>
            ),
          )}
        </pre>
      )}
    </figure>
  );
}

function MessageCard({ m }: { m: MessageDiff }) {
  const name = `${SIDE_NAME[m.side]} message ${m.index}`;
  const paths = m.fields.map((f) => f.path);
  // A top-level value that differs marks everything.
  const marked = paths.includes('(whole message)') ? ['(whole message)'] : paths;
  return (
    <article className={`diff-message diff-${m.kind}`} aria-label={`${name}: ${KIND_TEXT[m.kind]}`}>
      <h4>
        {name} <span className="diff-kind">{KIND_TEXT[m.kind]}</span>
      </h4>
      {m.fields.length > 0 && (
        <ul className="diff-paths" aria-label={`Paths that differ in ${name.toLowerCase()}`}>
          {m.fields.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code>: {shown(f.a)} → {shown(f.b)}
            </li>
          ))}
        </ul>
      )}
      {m.tooLarge !== undefined ? (
        <p className="muted">
          Too large to show side by side ({Math.round(m.tooLarge / 1024)} KiB of JSON); the
          differing paths are listed above.
        </p>
      ) : (
        <div className="diff-sides">
          <JsonSide title="Recorded" value={m.a} paths={marked} />
          <JsonSide title="Replayed" value={m.b} paths={marked} />
        </div>
      )}
    </article>
  );
}

export function DiffMessages({
  diff,
  busy,
  pageSize,
  onPage,
}: {
  diff: DiffView;
  busy: boolean;
  /** Differing messages per page (the page before starts this many earlier). */
  pageSize: number;
  onPage: (from: number) => void;
}) {
  if (diff.messagesTotal === 0) return null;
  const from = diff.messagesFrom;
  const to = from + diff.messages.length;
  return (
    <section className="diff-messages" aria-label="Differing messages">
      <div className="diff-pager">
        <strong>
          Differing messages {from + 1}–{to} of {diff.messagesTotal}
        </strong>
        <button
          className="small"
          disabled={busy || from === 0}
          onClick={() => onPage(Math.max(0, from - pageSize))}
        >
          Previous differences
        </button>
        <button
          className="small"
          disabled={busy || to >= diff.messagesTotal}
          onClick={() => onPage(to)}
        >
          Next differences
        </button>
      </div>
      {diff.messages.map((m) => (
        <MessageCard key={`${m.side}:${m.index}`} m={m} />
      ))}
    </section>
  );
}
