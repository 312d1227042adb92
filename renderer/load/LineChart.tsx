// A small line chart in SVG (no charting library): a few series over elapsed seconds, each with
// its own colour and dash so the lines differ without colour too. The SVG is an image with a name
// saying what it shows and its latest values; the figures themselves are in a table beside it,
// under "as a table", for screen readers and for reading exact values.
import { useId, useState } from 'react';
import { axisLabel as label, axisTicks as ticks, niceMax } from './format.js';

export interface Series {
  name: string;
  /** A CSS colour (a theme variable). */
  color: string;
  dash?: string;
  values: number[];
}

const W = 560;
const H = 170;
const PAD = { left: 48, right: 10, top: 8, bottom: 24 };

export function LineChart({
  title,
  unit,
  seconds,
  series,
}: {
  title: string;
  unit: string;
  /** Elapsed seconds of each point. */
  seconds: number[];
  series: Series[];
}) {
  const descId = useId();
  // The table is made only while it is shown: closed, it would still re-render every second.
  const [tableOpen, setTableOpen] = useState(false);
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const lastX = Math.max(1, seconds.at(-1) ?? 1);
  const x = (t: number): number => PAD.left + (t / lastX) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const latest = series.map((s) => `${s.name} ${label(s.values.at(-1) ?? 0)} ${unit}`).join(', ');
  const summary =
    seconds.length === 0
      ? `${title}: no figures yet`
      : `${title} over ${Math.round(lastX)} s; latest: ${latest}`;
  return (
    <figure className="load-chart">
      <figcaption>
        {title} <span className="muted">({unit})</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} aria-describedby={descId}>
        {ticks(max).map((v) => (
          <g key={v}>
            <line className="load-grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="load-axis" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
              {label(v)}
            </text>
          </g>
        ))}
        <text className="load-axis" x={PAD.left} y={H - 6}>
          0 s
        </text>
        <text className="load-axis" x={W - PAD.right} y={H - 6} textAnchor="end">
          {Math.round(lastX)} s
        </text>
        {series.map((s, i) =>
          // A line needs two points: a run shorter than a tick is drawn as a mark, not nothing.
          // Rings one inside the next, each series its own size: they differ without colour, and
          // equal figures (p50 = p99 over a few calls) still show every series.
          s.values.length === 1 ? (
            <circle
              key={s.name}
              cx={x(seconds[0] ?? 0)}
              cy={y(s.values[0] ?? 0)}
              r={3 + 2 * (series.length - 1 - i)}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
            />
          ) : (
            <polyline
              key={s.name}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dash}
              points={s.values.map((v, i) => `${x(seconds[i] ?? 0)},${y(v)}`).join(' ')}
            />
          ),
        )}
      </svg>
      <ul className="load-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <svg width="22" height="8">
              <line
                x1="0"
                x2="22"
                y1="4"
                y2="4"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dash}
              />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
      <details id={descId} onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{title} as a table</summary>
        {tableOpen && (
          <table className="load-table">
            <thead>
              <tr>
                <th scope="col">Second</th>
                {series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name} ({unit})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {seconds.map((t, i) => (
                <tr key={i}>
                  <th scope="row">{t.toFixed(1)}</th>
                  {series.map((s) => (
                    <td key={s.name}>{label(s.values[i] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </figure>
  );
}
