// A finished run: the key figures, the thresholds passed or failed with what was measured, the
// calls by status with a sample message each, bytes each way, and the latency histogram.
import type { LoadReportFile } from '../../shared/contract/load-commands.js';
import { bytes, count, measured, ms, rate } from './format.js';
import { LatencyHistogram } from './LatencyHistogram.js';

type Summary = LoadReportFile['summary'];

/** The figures both the summary and the comparison show, in the same words. */
export const KEY_FIGURES: {
  label: string;
  value: (s: Summary) => number;
  text: (n: number) => string;
}[] = [
  { label: 'Calls sent', value: (s) => s.sent, text: count },
  { label: 'OK', value: (s) => s.ok, text: count },
  { label: 'Errors', value: (s) => s.errors, text: count },
  { label: 'Throughput', value: (s) => s.rps, text: rate },
  { label: 'p50', value: (s) => s.latencyMs.p50, text: ms },
  { label: 'p90', value: (s) => s.latencyMs.p90, text: ms },
  { label: 'p99', value: (s) => s.latencyMs.p99, text: ms },
  { label: 'p99.9', value: (s) => s.latencyMs.p999, text: ms },
  { label: 'Max', value: (s) => s.latencyMs.max, text: ms },
  { label: 'Mean', value: (s) => s.latencyMs.mean, text: ms },
  { label: 'Bytes sent', value: (s) => s.bytesSent, text: bytes },
  { label: 'Bytes received', value: (s) => s.bytesReceived, text: bytes },
  { label: 'Measured for', value: (s) => s.durationMs, text: ms },
];

function Thresholds({ summary }: { summary: Summary }) {
  if (summary.thresholds.length === 0) return null;
  return (
    <section aria-label="Thresholds">
      <h3>Thresholds</h3>
      <ul className="load-thresholds">
        {summary.thresholds.map((t) => (
          <li key={t.threshold} className={t.passed ? 'passed' : 'failed'}>
            <span className="check-mark">{t.passed ? '✓ Passed' : '✗ Failed'}</span>{' '}
            <code>{t.threshold}</code>{' '}
            <span className="muted">measured {measured(t.threshold, t.actual)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Statuses({ summary }: { summary: Summary }) {
  return (
    <section aria-label="Calls by status">
      <h3>Calls by status</h3>
      <table className="load-table">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Calls</th>
            <th scope="col">Sample message</th>
          </tr>
        </thead>
        <tbody>
          {summary.statuses.map((s) => (
            <tr key={s.code}>
              <th scope="row">
                {s.codeName} ({s.code})
              </th>
              <td>{count(s.count)}</td>
              <td className="load-sample">{s.sample || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function LoadSummary({
  report,
  name,
  unsavedEdits = false,
}: {
  report: LoadReportFile;
  name: string | null;
  /** Not saved because the tab's request has edits not saved. */
  unsavedEdits?: boolean;
}) {
  const s = report.summary;
  const failed = s.thresholds.filter((t) => !t.passed).length;
  const verdict = s.interrupted
    ? 'Cancelled'
    : failed > 0
      ? `Finished: ${failed} threshold${failed === 1 ? '' : 's'} failed`
      : 'Finished';
  return (
    <section className="load-summary" aria-label="Load report">
      <h3>
        {verdict}: {count(s.sent)} calls, {rate(s.rps)}, p99 {ms(s.latencyMs.p99)}
      </h3>
      <p className="muted">
        {s.model === 'open' ? 'Constant arrival rate' : 'Fixed calls in flight'} · {s.concurrency}{' '}
        in flight at most · {s.connections} connection{s.connections === 1 ? '' : 's'} · {s.workers}{' '}
        worker{s.workers === 1 ? '' : 's'} · {s.method} on {s.target}
        {name !== null
          ? ` · saved as load-reports/${report.request ?? ''}/${name}.json`
          : unsavedEdits
            ? ' · not saved (the tab has unsaved edits: save the request to keep its reports)'
            : ' · not saved (unsaved request)'}
      </p>
      <dl className="load-figures">
        {KEY_FIGURES.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.text(f.value(s))}</dd>
          </div>
        ))}
      </dl>
      <Thresholds summary={s} />
      <Statuses summary={s} />
      <LatencyHistogram histogram={report.histogram} />
    </section>
  );
}
