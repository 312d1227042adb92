// The collection runner (issue 15 §4), as Postman's Collection Runner: the run's settings
// (environment, iterations or a data file, filter, bail), then live progress, each request's result with its
// status and time, the failing assertions with their values, Cancel, and a way to open a request
// of the run in a tab with its response.
import { useEffect, useRef, useState } from 'react';
import type { RequestResult } from '../../shared/contract/runner-commands.js';
import { useModalFocus } from '../components/useModalFocus.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { AssertionOutcomes, SnapshotOutcome } from './AssertionOutcomes.js';
import { DataFileField } from './DataFileField.js';
import type { RunnerTarget, RunSettings, RunState } from './runnerSlice.js';

function Settings({
  target,
  run,
  running,
  onRun,
}: {
  target: RunnerTarget;
  run: RunState | null;
  running: boolean;
  onRun: (s: RunSettings) => void;
}) {
  const environments = useWb((s) => s.environments);
  const selected = useWb((s) => s.selectedEnvironment);
  const [environment, setEnvironment] = useState<string | null>(selected);
  const [iterations, setIterations] = useState(1);
  const [filter, setFilter] = useState('');
  const [bail, setBail] = useState(false);
  const [dataFile, setDataFile] = useState('');
  const byData = dataFile.trim() !== '';
  const chosen = target.paths;
  return (
    <form
      className="runner-settings"
      onSubmit={(e) => {
        e.preventDefault();
        onRun({ environment, iterations, filter, bail, dataFile });
      }}
    >
      <fieldset className="runner-fieldset" disabled={running}>
        <label>
          Environment{' '}
          <select
            value={environment ?? ''}
            onChange={(e) => setEnvironment(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">No environment</option>
            {environments.map((env) => (
              <option key={env.name} value={env.name} disabled={env.error !== undefined}>
                {env.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Iterations{' '}
          <input
            type="number"
            min={1}
            max={100000}
            value={iterations}
            disabled={byData}
            onChange={(e) => setIterations(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
          />
          {byData && <span className="muted"> one per data row</span>}
        </label>
        <DataFileField
          value={dataFile}
          onChange={setDataFile}
          found={
            run?.dataFile != null
              ? { file: run.dataFile, rows: run.dataRows, error: run.dataFileError ?? null }
              : null
          }
        />
        {chosen ? (
          <p className="runner-plan">Runs {chosen.join(', ')}</p>
        ) : (
          <label>
            Filter{' '}
            <input
              value={filter}
              placeholder="name or glob (users/*)"
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
        )}
        <label>
          <input type="checkbox" checked={bail} onChange={(e) => setBail(e.target.checked)} /> Stop
          at the first failure
        </label>
        <button type="submit" className="primary">
          Run
        </button>
      </fieldset>
    </form>
  );
}

function ResultRow({ result, onOpen }: { result: RequestResult; onOpen: () => void }) {
  const failed = result.assertions.filter((a) => !a.passed).length;
  return (
    <li className={`runner-result ${result.passed ? 'passed' : 'failed'}`}>
      <div className="runner-result-head">
        <span className="check-mark">{result.passed ? '✓ Passed' : '✗ Failed'}</span>
        <strong>{result.path}</strong>
        {result.iteration > 1 && <span className="muted">iteration {result.iteration}</span>}
        <span>{result.status?.codeName ?? 'not called'}</span>
        <span className="muted">{Math.round(result.durationMs)} ms</span>
        <span className="muted">
          {result.assertions.length - failed}/{result.assertions.length} assertions
        </span>
        {result.captured.length > 0 && (
          <span className="muted">captured {result.captured.join(', ')}</span>
        )}
        <button
          className="small"
          aria-label={`Open ${result.path} with its response`}
          onClick={onOpen}
        >
          Open
        </button>
      </div>
      {result.error && <p className="error-text">{result.error}</p>}
      {!result.passed && (
        <AssertionOutcomes assertions={result.assertions.filter((a) => !a.passed)} />
      )}
      <SnapshotOutcome snapshot={result.snapshot} />
    </li>
  );
}

function Progress({ run }: { run: RunState }) {
  const store = useStoreApi();
  const total = run.paths.length * run.iterations;
  const done = run.results.length;
  const passed = run.results.filter((r) => r.passed).length;
  const final = run.final;
  let state = `Running ${done} of ${total || '…'}`;
  if (final)
    state = `${final.cancelled ? 'Cancelled' : final.bailed ? 'Stopped at a failure' : 'Finished'}: ${final.summary.passed} passed, ${final.summary.failed} failed, ${final.summary.assertionsPassed}/${final.summary.assertions} assertions (${Math.round(final.summary.durationMs)} ms)`;
  else if (run.dataFileError) state = 'Not run: the data file cannot be read (see Data file)';
  else if (run.error) state = `Not run: ${run.error}`;
  return (
    <>
      <div className="runner-progress">
        <progress value={done} max={Math.max(total, 1)} aria-label="Run progress" />
        <span role="status">{state}</span>
        {!final && !run.error && (
          <button className="danger" onClick={() => void store.getState().cancelRun()}>
            Cancel
          </button>
        )}
      </div>
      {run.current && !final && <p className="muted">Now: {run.current}</p>}
      {!final && !run.error && <p className="muted">{passed} passed so far</p>}
      <ol className="runner-results" aria-label="Run results">
        {run.results.map((r, i) => (
          <ResultRow key={i} result={r} onOpen={() => void store.getState().openRunResult(r)} />
        ))}
      </ol>
    </>
  );
}

/** The dialog's first control that can take focus (Cancel while the settings are disabled). */
function focusFirst(box: HTMLElement | null): void {
  const controls = box?.querySelectorAll<HTMLElement>('select, input, button') ?? [];
  [...controls].find((el) => !el.matches(':disabled'))?.focus();
}

export function RunnerDialog() {
  const store = useStoreApi();
  const target = useWb((s) => s.runnerTarget);
  const run = useWb((s) => s.run);
  const box = useRef<HTMLDivElement>(null);
  const running = run !== null && run.final === null && run.error === null;
  const close = (): void => store.getState().openRunner(null);
  const onKeyDown = useModalFocus(box, () => !running && close(), target !== null);
  // Starting a run disables the settings (and Close), ending it takes Cancel away: focus on a
  // control that went moves to the first one left, so Tab stays in the dialog.
  useEffect(() => {
    const active = document.activeElement;
    if (box.current && (!box.current.contains(active) || active?.matches(':disabled')))
      focusFirst(box.current);
  }, [running]);
  if (!target) return null;
  const title = target.dependenciesOf
    ? `Run ${target.dependenciesOf} with dependencies`
    : `Run ${target.path}`;
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Collection runner"
      onKeyDown={onKeyDown}
    >
      <div className="dialog runner-dialog" ref={box}>
        <h2>{title}</h2>
        <Settings
          target={target}
          run={run}
          running={running}
          onRun={(s) => void store.getState().startRun(s)}
        />
        {run && <Progress run={run} />}
        <div className="actions">
          <button onClick={close} disabled={running}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
