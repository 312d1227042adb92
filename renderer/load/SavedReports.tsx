// The request's saved load reports: pick two and compare their key figures side by side, with the
// difference from the first (older) to the second.
import { useState } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { change } from './format.js';
import { KEY_FIGURES } from './LoadSummary.js';
import type { LoadComparison } from './loadSlice.js';

function Comparison({ comparison }: { comparison: LoadComparison }) {
  const { a, b } = comparison;
  return (
    <table className="load-table load-compare" aria-label={`Comparison of ${a.name} and ${b.name}`}>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">{a.name}</th>
          <th scope="col">{b.name}</th>
          <th scope="col">Difference</th>
        </tr>
      </thead>
      <tbody>
        {KEY_FIGURES.map((f) => {
          const va = f.value(a.report.summary);
          const vb = f.value(b.report.summary);
          return (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td>{f.text(va)}</td>
              <td>{f.text(vb)}</td>
              <td>{change(va, vb)}</td>
            </tr>
          );
        })}
        <tr>
          <th scope="row">Thresholds failed</th>
          <td>{a.report.summary.thresholds.filter((t) => !t.passed).length}</td>
          <td>{b.report.summary.thresholds.filter((t) => !t.passed).length}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

export function SavedReports() {
  const store = useStoreApi();
  const reports = useWb((s) => s.loadReports);
  const error = useWb((s) => s.loadReportsError);
  const comparison = useWb((s) => s.loadComparison);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (name: string, on: boolean): void =>
    setPicked((p) =>
      on ? [...p.filter((n) => n !== name), name].slice(-2) : p.filter((n) => n !== name),
    );
  // Oldest first: the difference reads as "from the earlier run to the later one".
  const pair = [...picked].sort();
  return (
    <section className="load-saved" aria-label="Saved reports">
      <h3>Saved reports</h3>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {reports.length === 0 ? (
        <p className="muted">None yet: each run is saved here.</p>
      ) : (
        <>
          <p className="muted">Pick two to compare.</p>
          <ul className="load-report-list">
            {reports.map((r) => (
              <li key={r.name}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.includes(r.name)}
                    onChange={(e) => toggle(r.name, e.target.checked)}
                  />{' '}
                  {r.name} <span className="muted">{r.file}</span>
                </label>
              </li>
            ))}
          </ul>
          <button
            disabled={pair.length !== 2}
            onClick={() => void store.getState().compareLoadReports(pair[0] ?? '', pair[1] ?? '')}
          >
            Compare
          </button>
        </>
      )}
      {comparison && <Comparison comparison={comparison} />}
    </section>
  );
}
