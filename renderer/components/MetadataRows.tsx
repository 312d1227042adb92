// Key/value rows for metadata; -bin keys carry base64. Problems are shown per row before sending.
import type { MetadataRow } from '../../shared/request/index.js';
import { emptyRow, rowEnabled, rowProblem, withEnabled } from '../store/metadataRows.js';

export function MetadataRows({
  rows,
  onChange,
  label,
}: {
  rows: MetadataRow[];
  onChange: (rows: MetadataRow[]) => void;
  label: string;
}) {
  const update = (i: number, patch: Partial<MetadataRow>): void =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div role="group" aria-label={label}>
      <div className="kv">
        {rows.map((r, i) => {
          const problem = rowProblem(r);
          return (
            <div key={i} style={{ display: 'contents' }}>
              <input
                type="checkbox"
                aria-label={`${label} row ${i + 1} enabled`}
                checked={rowEnabled(r)}
                onChange={(e) =>
                  onChange(rows.map((x, j) => (j === i ? withEnabled(x, e.target.checked) : x)))
                }
              />
              <input
                aria-label={`${label} key ${i + 1}`}
                placeholder="key (x-id, trace-bin…)"
                value={r.key}
                aria-invalid={problem ? true : undefined}
                className="mono"
                onChange={(e) => update(i, { key: e.target.value })}
              />
              <input
                aria-label={`${label} value ${i + 1}`}
                placeholder={r.key.endsWith('-bin') ? 'base64' : 'value'}
                value={r.value}
                className="mono"
                onChange={(e) => update(i, { value: e.target.value })}
              />
              <button
                className="small"
                aria-label={`Remove ${label} row ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                ✕
              </button>
              {problem && (
                <span className="field-error" style={{ gridColumn: '2 / 5' }}>
                  {problem}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <button
        className="small"
        style={{ marginTop: 4 }}
        onClick={() => onChange([...rows, emptyRow()])}
      >
        + Add {label.toLowerCase()}
      </button>
    </div>
  );
}
