// The run's latency histogram as SVG bars (calls per latency bucket, buckets 1-2-5 on a log scale),
// an image whose name says where most calls were; the counts are in a table under it.
import { useId } from 'react';
import type { LoadReportFile } from '../../shared/contract/load-commands.js';
import { count, ms, niceMax } from './format.js';

const W = 560;
const H = 150;
const PAD = { left: 48, right: 10, top: 8, bottom: 28 };

export function LatencyHistogram({ histogram }: { histogram: LoadReportFile['histogram'] }) {
  const descId = useId();
  if (histogram.length === 0) return <p className="muted">No calls ended: no latencies.</p>;
  const max = niceMax(Math.max(...histogram.map((b) => b.count)));
  const slot = (W - PAD.left - PAD.right) / histogram.length;
  const y = (v: number): number => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const top = histogram.reduce((a, b) => (b.count > a.count ? b : a));
  const summary = `Latency histogram: most calls (${count(top.count)}) took up to ${ms(top.upToMs)}; the slowest up to ${ms(histogram.at(-1)?.upToMs ?? 0)}`;
  return (
    <figure className="load-chart load-histogram">
      <figcaption>
        Latency histogram <span className="muted">(calls per latency)</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} aria-describedby={descId}>
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line className="load-grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="load-axis" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
              {count(v)}
            </text>
          </g>
        ))}
        {histogram.map((b, i) => (
          <g key={b.upToMs}>
            <rect
              className="load-bar"
              x={PAD.left + i * slot + 2}
              width={Math.max(1, slot - 4)}
              y={y(b.count)}
              height={H - PAD.bottom - y(b.count)}
            />
            <text
              className="load-axis"
              x={PAD.left + i * slot + slot / 2}
              y={H - 10}
              textAnchor="middle"
            >
              ≤{ms(b.upToMs).replace(' ms', '')}
            </text>
          </g>
        ))}
        <text className="load-axis" x={W - PAD.right} y={H} textAnchor="end">
          ms
        </text>
      </svg>
      <details id={descId}>
        <summary>Latency histogram as a table</summary>
        <table className="load-table">
          <thead>
            <tr>
              <th scope="col">Latency up to</th>
              <th scope="col">Calls</th>
            </tr>
          </thead>
          <tbody>
            {histogram.map((b) => (
              <tr key={b.upToMs}>
                <th scope="row">{ms(b.upToMs)}</th>
                <td>{count(b.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
