// The Load view (issue 18 §2): "Run load" on a request opens it. The settings of `gwb load`, then
// while it runs a live chart of throughput and latency percentiles (p50/p90/p99) per second with
// Cancel, then the report (key figures, thresholds, statuses, histogram), saved beside the request;
// two saved reports compare side by side.
import { useMemo, useRef } from 'react';
import { useModalFocus } from '../components/useModalFocus.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { count, ms, rate } from './format.js';
import { LineChart } from './LineChart.js';
import { LoadSettingsForm } from './LoadSettingsForm.js';
import { LoadSummary } from './LoadSummary.js';
import { isLoadRunning, type LoadRunState } from './loadSlice.js';
import { SavedReports } from './SavedReports.js';
import { chartPoints } from './timeline.js';
import './load.css';

function LiveCharts({ run }: { run: LoadRunState }) {
  // A finished report keeps every second; the chart draws at most MAX_POINTS of them.
  const snaps = useMemo(() => chartPoints(run.report?.timeline ?? run.snapshots), [run]);
  const seconds = snaps.map((s) => s.elapsedMs / 1000);
  return (
    <div className="load-charts">
      <LineChart
        title="Throughput"
        unit="calls/s"
        seconds={seconds}
        series={[{ name: 'calls/s', color: 'var(--accent)', values: snaps.map((s) => s.rps) }]}
      />
      <LineChart
        title="Latency"
        unit="ms"
        seconds={seconds}
        series={[
          { name: 'p50', color: 'var(--recv)', values: snaps.map((s) => s.latencyMs.p50) },
          {
            name: 'p90',
            color: 'var(--warn)',
            dash: '6 3',
            values: snaps.map((s) => s.latencyMs.p90),
          },
          {
            name: 'p99',
            color: 'var(--err)',
            dash: '2 3',
            values: snaps.map((s) => s.latencyMs.p99),
          },
        ]}
      />
    </div>
  );
}

function RunState({ run }: { run: LoadRunState }) {
  const store = useStoreApi();
  const last = run.snapshots.at(-1);
  const running = isLoadRunning(run);
  let state = 'Starting…';
  if (last)
    state = `Running: ${count(last.sent)} calls (${count(last.errors)} errors), ${rate(last.rps)}, p99 ${ms(last.latencyMs.p99)}`;
  if (run.report) state = run.report.summary.interrupted ? 'Cancelled' : 'Finished';
  if (run.error && !run.field) state = `Not run: ${run.error}`;
  if (run.error && run.field) state = 'Not run: see the settings';
  return (
    <div className="load-state">
      {/* Once the report is shown its heading says how the run ended ("Finished: 200 calls…"):
          the line stays for screen readers (it announces the end) but is not shown twice. */}
      <span role="status" className={run.report ? 'visually-hidden' : undefined}>
        {state}
      </span>
      {running && (
        <button className="danger" onClick={() => void store.getState().cancelLoad()}>
          Cancel
        </button>
      )}
    </div>
  );
}

export function LoadDialog() {
  const store = useStoreApi();
  const target = useWb((s) => s.loadTarget);
  const run = useWb((s) => s.loadRun);
  const box = useRef<HTMLDivElement>(null);
  const running = isLoadRunning(run);
  const close = (): void => store.getState().openLoad(null);
  // Focus goes back where it was (the menu's button, Run load…) when the view closes.
  const onKeyDown = useModalFocus(box, () => !running && close(), target !== null);
  if (!target) return null;
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Load test"
      onKeyDown={onKeyDown}
    >
      <div className="dialog load-dialog" ref={box}>
        <h2>Load test {target.title}</h2>
        <LoadSettingsForm
          running={running}
          error={run?.error ? { field: run.field, message: run.error } : null}
          onRun={(settings, dataFile) => void store.getState().startLoad(settings, dataFile)}
        />
        {run && !(run.error && run.field) && (
          <>
            <RunState run={run} />
            {(run.snapshots.length > 0 || run.report) && <LiveCharts run={run} />}
            {run.report && (
              <LoadSummary
                report={run.report}
                name={run.name}
                unsavedEdits={target.unsavedEdits ?? false}
              />
            )}
          </>
        )}
        {target.path !== null && <SavedReports />}
        <div className="actions">
          <button onClick={close} disabled={running}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
