// The Tests section of a request (issue 15 §1, §2): its assertions (a CEL expression, an optional
// name) and captures (a variable name, an expression, secret or not), added, removed and reordered,
// and whether every run compares the call with its snapshot (§3).
// They are part of the draft document: saved with the request, marked unsaved, kept in the session.
import type { Assertion, Capture } from '../../shared/request/checks.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { ExpressionField } from './ExpressionField.js';
import { exprPath, type CheckProblem } from './problems.js';
import { SnapshotSettingFields } from './SnapshotSettingFields.js';

/** A list with item i moved by `by` (-1 up, +1 down), unchanged at the ends. */
export function moved<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

function RowTools({
  what,
  index,
  count,
  onMove,
  onDelete,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}) {
  const n = index + 1;
  return (
    <span className="check-tools">
      <button
        className="small"
        aria-label={`Move ${what} ${n} up`}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        className="small"
        aria-label={`Move ${what} ${n} down`}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
      <button className="small" aria-label={`Delete ${what} ${n}`} onClick={onDelete}>
        ✕
      </button>
    </span>
  );
}

export function TestsSection({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const assertions = useWb((s) => tabById(s, tabId)?.draft.assertions) ?? [];
  const captures = useWb((s) => tabById(s, tabId)?.draft.captures) ?? [];
  const refusal = useWb((s) => (s.checksRefusal?.tabId === tabId ? s.checksRefusal : null));
  const problemAt = (path: string): CheckProblem | undefined =>
    refusal?.problems.find((p) => p.path === path);
  // Focus goes to the first refused field only.
  const focusFor = (path: string): number | undefined =>
    refusal?.problems[0]?.path === path ? refusal.serial : undefined;
  const s = store.getState();
  // An empty list is left out of the document, as in a file that has none.
  const setAssertions = (list: Assertion[]): void =>
    s.patchDraft(tabId, { assertions: list.length ? list : undefined });
  const setCaptures = (list: Capture[]): void =>
    s.patchDraft(tabId, { captures: list.length ? list : undefined });
  const editAssertion = (i: number, patch: Partial<Assertion>): void => {
    if (patch.expr !== undefined) s.dropChecksProblem(tabId, exprPath('assertions', i));
    setAssertions(assertions.map((a, j) => (j === i ? cleanAssertion({ ...a, ...patch }) : a)));
  };
  const editCapture = (i: number, patch: Partial<Capture>): void => {
    if (patch.expr !== undefined) s.dropChecksProblem(tabId, exprPath('captures', i));
    setCaptures(captures.map((c, j) => (j === i ? cleanCapture({ ...c, ...patch }) : c)));
  };
  // Moving or deleting renumbers the paths a refusal named: it no longer points anywhere.
  const reshape = (): void => s.dropChecksProblem(tabId);
  return (
    <section className="tests-section" aria-labelledby={`${tabId}-tests`}>
      <h4 id={`${tabId}-tests`} style={{ margin: '12px 0 4px' }}>
        Tests
      </h4>
      <h5>Assertions</h5>
      {assertions.length === 0 && (
        <p className="muted">None: the request passes when its status is OK.</p>
      )}
      <ol className="check-list" aria-label="Assertions">
        {assertions.map((a, i) => (
          <li key={i} className="check-row">
            <ExpressionField
              label={`Assertion ${i + 1} expression`}
              value={a.expr}
              onChange={(expr) => editAssertion(i, { expr })}
              problem={problemAt(exprPath('assertions', i))}
              focusSerial={focusFor(exprPath('assertions', i))}
            />
            <input
              aria-label={`Assertion ${i + 1} name`}
              placeholder="Name (optional)"
              value={a.name ?? ''}
              onChange={(e) => editAssertion(i, { name: e.target.value })}
            />
            <RowTools
              what="assertion"
              index={i}
              count={assertions.length}
              onMove={(by) => {
                reshape();
                setAssertions(moved(assertions, i, by));
              }}
              onDelete={() => {
                reshape();
                setAssertions(assertions.filter((_, j) => j !== i));
              }}
            />
          </li>
        ))}
      </ol>
      <button
        className="small"
        onClick={() => setAssertions([...assertions, { expr: 'status.code == 0' }])}
      >
        Add assertion
      </button>
      <h5>Captures</h5>
      {captures.length === 0 && (
        <p className="muted">
          None: capture a value as {'{{name}}'} for the requests after this one.
        </p>
      )}
      <ol className="check-list" aria-label="Captures">
        {captures.map((c, i) => (
          <li key={i} className="check-row capture">
            <input
              aria-label={`Capture ${i + 1} variable`}
              placeholder="variable"
              value={c.name}
              onChange={(e) => editCapture(i, { name: e.target.value })}
            />
            <span className="check-part" aria-hidden="true">
              =
            </span>
            <ExpressionField
              label={`Capture ${i + 1} expression`}
              value={c.expr}
              onChange={(expr) => editCapture(i, { expr })}
              problem={problemAt(exprPath('captures', i))}
              focusSerial={focusFor(exprPath('captures', i))}
            />
            <label className="muted check-part">
              <input
                type="checkbox"
                aria-label={`Capture ${i + 1} secret`}
                checked={c.secret === true}
                onChange={(e) => editCapture(i, { secret: e.target.checked })}
              />{' '}
              Secret
            </label>
            <RowTools
              what="capture"
              index={i}
              count={captures.length}
              onMove={(by) => {
                reshape();
                setCaptures(moved(captures, i, by));
              }}
              onDelete={() => {
                reshape();
                setCaptures(captures.filter((_, j) => j !== i));
              }}
            />
          </li>
        ))}
      </ol>
      <button
        className="small"
        onClick={() =>
          setCaptures([...captures, { name: `value${captures.length + 1}`, expr: 'response' }])
        }
      >
        Add capture
      </button>
      <SnapshotSettingFields tabId={tabId} />
    </section>
  );
}

/** An assertion's empty name is left out (the document refuses an empty name). */
function cleanAssertion(a: Assertion): Assertion {
  const { name, ...rest } = a;
  return name === undefined || name === '' ? rest : { ...rest, name };
}

/** Not secret is the default: left out, so ticking and unticking leaves the request unchanged. */
function cleanCapture(c: Capture): Capture {
  const { secret, ...rest } = c;
  return secret ? { ...rest, secret } : rest;
}
