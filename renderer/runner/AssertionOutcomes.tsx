// The assertions of one request in a run: passed, or failed with why and the values seen; and its
// snapshot: new, matching, changed (with the differences), updated or not kept.
import type { AssertionResult, SnapshotResult } from '../../shared/contract/runner-commands.js';

export function AssertionOutcomes({ assertions }: { assertions: AssertionResult[] }) {
  if (assertions.length === 0) return null;
  return (
    <ul className="check-result-list" aria-label="Assertion results">
      {assertions.map((a, i) => (
        <li key={i} className={a.passed ? 'passed' : 'failed'}>
          <span className="check-mark">{a.passed ? '✓ Passed' : '✗ Failed'}</span>{' '}
          <code>{a.expression}</code>
          {!a.passed && (a.message || a.where) && (
            <div className="check-failure">
              {a.where && <span className="muted">{a.where}: </span>}
              {a.message}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

const SNAPSHOT_WORDS: Record<SnapshotResult['state'], string> = {
  new: 'Snapshot NEW: there was none, this call was written as',
  passed: 'Snapshot matches',
  failed: 'Snapshot changed: the call differs from',
  updated: 'Snapshot updated: rewritten from this call,',
  skipped: 'Snapshot not kept:',
};

/** A request's snapshot outcome in words, with the differences when it changed. */
export function SnapshotOutcome({ snapshot }: { snapshot: SnapshotResult | undefined }) {
  if (snapshot === undefined) return null;
  return (
    <div className={`snapshot-outcome ${snapshot.state === 'failed' ? 'failed' : 'passed'}`}>
      {SNAPSHOT_WORDS[snapshot.state]} <code>{snapshot.file}</code>
      {snapshot.reason && <span className="muted"> ({snapshot.reason})</span>}
      {snapshot.differences && (
        <pre className="check-failure" aria-label={`Snapshot differences of ${snapshot.file}`}>
          {snapshot.differences}
        </pre>
      )}
    </div>
  );
}
