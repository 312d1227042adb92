// A replay's comparison with its recording: counts per side, status/headers/trailers, and the
// field paths that differ (server-supplied values are shown as text only).
import { DiffMessages } from './DiffMessages.js';
import { DIFF_PAGE, type DiffView } from './recordingsSlice.js';

function counts(name: string, c: DiffView['client']) {
  return (
    <li>
      {name}: {c.matching} matching, {c.differing} differing, {c.missing} missing, {c.extra} extra
    </li>
  );
}

export function differingPaths(diff: DiffView): string[] {
  const paths = new Set<string>();
  for (const m of diff.messages) for (const f of m.fields) paths.add(f.path);
  for (const f of diff.status) paths.add(`status.${f.path}`);
  for (const f of diff.headers) paths.add(`headers.${f.path}`);
  for (const f of diff.trailers) paths.add(`trailers.${f.path}`);
  return [...paths];
}

export function DiffSummaryView({
  diff,
  busy = false,
  onPage,
}: {
  diff: DiffView;
  busy?: boolean;
  /** Shows the differing messages from the given one (0-based) on. */
  onPage: (from: number) => void;
}) {
  const paths = differingPaths(diff);
  return (
    <div
      role="region"
      aria-label="Diff summary"
      className="mono diff-view"
      // Scrolls on its own: reachable from the keyboard.
      tabIndex={0}
    >
      <strong>{diff.identical ? 'Identical' : 'Different'}</strong>
      <ul style={{ margin: '4px 0', paddingLeft: 16 }}>
        {counts('Server messages', diff.server)}
        {counts('Client messages', diff.client)}
        <li>Status: {diff.status.length === 0 ? 'same' : `${diff.status.length} differing`}</li>
        <li>
          Headers: {diff.headers.length === 0 ? 'same' : `${diff.headers.length} differing`} ·
          Trailers: {diff.trailers.length === 0 ? 'same' : `${diff.trailers.length} differing`}
        </li>
      </ul>
      {paths.length > 0 && (
        <div>
          Differing paths:{' '}
          <ul aria-label="Differing paths" style={{ display: 'inline', padding: 0 }}>
            {paths.map((p) => (
              <li key={p} style={{ display: 'inline', marginRight: 6 }}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <DiffMessages diff={diff} busy={busy} pageSize={DIFF_PAGE} onPage={onPage} />
    </div>
  );
}
