// The assertions of one request in a run: passed, or failed with why and the values seen.
import type { AssertionResult } from '../../shared/contract/runner-commands.js';

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
