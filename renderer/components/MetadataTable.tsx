import type { MetadataEntry } from '../../shared/calls/events.js';

export function MetadataTable({
  entries,
  label,
}: {
  entries: MetadataEntry[] | null;
  label: string;
}) {
  if (!entries || entries.length === 0) return <p className="muted">No {label.toLowerCase()}.</p>;
  return (
    <table className="meta" aria-label={label}>
      <tbody>
        {entries.map((m, i) => (
          <tr key={i}>
            <th>{m.key}</th>
            <td>{m.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
