// A call's checks in the response pane (issue 15): each assertion passed or failed — for a failure
// why, the message it failed on and the values it saw — and the values the call captured (a
// secret one masked: its value never reaches the renderer).
import type { CallChecks } from './checksSlice.js';

export const SECRET_MASK = '••••••';

/** "Tests 2/3" for the response pane's tab; "Captured 2" for a request that only captures. */
export function checksTitle(checks: CallChecks): string {
  if (checks.assertions.length === 0) return `Captured ${checks.captures.length}`;
  const passed = checks.assertions.filter((a) => a.passed).length;
  return `Tests ${passed}/${checks.assertions.length}`;
}

/** A secret value's place: the mask is seen, "secret, hidden" is read. */
export function SecretMask() {
  return (
    <>
      <span aria-hidden="true">{SECRET_MASK}</span>
      <span className="visually-hidden">secret, hidden</span>
    </>
  );
}

export function CheckResults({ checks }: { checks: CallChecks }) {
  return (
    <div className="pane-body check-results">
      {checks.assertions.length > 0 && (
        <ul className="check-result-list" aria-label="Assertion results">
          {checks.assertions.map((a) => (
            <li key={a.index} className={a.passed ? 'passed' : 'failed'}>
              <span className="check-mark">{a.passed ? '✓ Passed' : '✗ Failed'}</span>{' '}
              <code>{a.name ?? a.expr}</code>
              {!a.passed && (
                <div className="check-failure">
                  {a.name !== undefined && (
                    <div>
                      <code>{a.expr}</code>
                    </div>
                  )}
                  {a.error && <div>{a.error}</div>}
                  {a.messageNumber !== undefined && <div>at message {a.messageNumber}</div>}
                  {a.seen && a.seen.length > 0 && (
                    <dl className="check-seen" aria-label="Values seen">
                      {a.seen.map((v) => (
                        <div key={v.path}>
                          <dt>
                            <code>{v.path}</code>
                          </dt>
                          <dd>
                            <code>{v.value}</code>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {checks.captures.length > 0 && (
        <>
          <h4>Captured</h4>
          <dl className="check-captured" aria-label="Captured values">
            {checks.captures.map((c) => (
              <div key={c.index}>
                <dt>
                  <code>{c.name}</code>
                </dt>
                <dd>
                  {c.error ? (
                    <span className="error-text">not captured: {c.error}</span>
                  ) : c.secret ? (
                    <SecretMask />
                  ) : (
                    <code>{c.value}</code>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}
