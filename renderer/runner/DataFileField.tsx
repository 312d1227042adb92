// The runner's data file (Postman's data-driven runs): a CSV or JSON file the engine reads as
// `gwb run --data` does, one iteration per row, its columns as variables. Chosen with the app's
// one file chooser or typed; a relative path starts in the workspace folder. The field shows the
// rows the run found, or why the file cannot be read (file:line).
import { useId } from 'react';
import { folderOf, isAbsolutePath, useFileChooser } from '../layout/useFileChooser.js';
import { useWb } from '../store/useWorkbench.js';

/** What the engine found in a data file: its rows, or why it could not be read. */
export interface DataFileFound {
  /** The path it was found for, as typed. */
  file: string;
  rows: number | null;
  error: string | null;
}

function DataFileStatus({
  found,
  id,
  eachRow,
}: {
  found: DataFileFound | null;
  id: string;
  eachRow: string;
}) {
  if (found?.error)
    return (
      <p id={id} className="error-text" role="alert">
        {found.error}
      </p>
    );
  if (found?.rows != null)
    return (
      <p id={id} className="muted">
        {found.rows} {found.rows === 1 ? 'row' : 'rows'} in {found.file}: {eachRow}
      </p>
    );
  return null;
}

export function DataFileField({
  value,
  onChange,
  found,
  use = 'One iteration per row, its columns as variables',
  eachRow = 'one iteration each',
}: {
  value: string;
  onChange: (path: string) => void;
  found: DataFileFound | null;
  /** How the rows are used, said under the field. */
  use?: string;
  /** How each row is used, after the count of rows found. */
  eachRow?: string;
}) {
  const chooser = useFileChooser();
  const workspaceDir = useWb((s) => s.workspaceDir);
  const noteId = useId();
  const statusId = useId();
  // The status belongs to the file it was found for.
  const shown = found && found.file === value.trim() ? found : null;
  const where = workspaceDir ? `the workspace folder ${workspaceDir}` : 'the workspace folder';
  return (
    <div className="runner-data-file">
      <label>
        Data file{' '}
        <input
          className="mono"
          value={value}
          placeholder="users.csv (CSV or JSON, optional)"
          aria-describedby={`${noteId} ${statusId}`}
          aria-invalid={shown?.error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>{' '}
      <button
        type="button"
        className="small browse"
        onClick={() =>
          void chooser.choose({
            kind: 'data',
            multiple: false,
            start: isAbsolutePath(value) ? folderOf(value) : (workspaceDir ?? undefined),
            onChoose: (paths) => onChange(paths[0] ?? ''),
          })
        }
      >
        Data file…
      </button>
      <p id={noteId} className="muted">
        {use}; a relative path starts in {where}.
      </p>
      <DataFileStatus found={shown} id={statusId} eachRow={eachRow} />
      {chooser.problem && (
        <p className="error-text" role="alert">
          {chooser.problem}
        </p>
      )}
      {chooser.browser}
    </div>
  );
}
