// The runner's data file (Postman's data-driven runs): a CSV or JSON file the engine reads as
// `gwb run --data` does, one iteration per row, its columns as variables. Chosen with the app's
// one file chooser or typed; a relative path starts in the workspace folder. The field shows the
// rows the run found, or why the file cannot be read (file:line).
import { useId } from 'react';
import { folderOf, isAbsolutePath, useFileChooser } from '../layout/useFileChooser.js';
import { useWb } from '../store/useWorkbench.js';
import type { RunState } from './runnerSlice.js';

function DataFileStatus({ run, id }: { run: RunState | null; id: string }) {
  if (run?.dataFileError)
    return (
      <p id={id} className="error-text" role="alert">
        {run.dataFileError}
      </p>
    );
  if (run?.dataRows != null)
    return (
      <p id={id} className="muted">
        {run.dataRows} {run.dataRows === 1 ? 'row' : 'rows'} in {run.dataFile}: one iteration each
      </p>
    );
  return null;
}

export function DataFileField({
  value,
  onChange,
  run,
}: {
  value: string;
  onChange: (path: string) => void;
  run: RunState | null;
}) {
  const chooser = useFileChooser();
  const workspaceDir = useWb((s) => s.workspaceDir);
  const noteId = useId();
  const statusId = useId();
  // The status belongs to the file it was found for.
  const shown = run && run.dataFile === value.trim() ? run : null;
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
          aria-invalid={shown?.dataFileError ? true : undefined}
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
        One iteration per row, its columns as variables; a relative path starts in {where}.
      </p>
      <DataFileStatus run={shown} id={statusId} />
      {chooser.problem && (
        <p className="error-text" role="alert">
          {chooser.problem}
        </p>
      )}
      {chooser.browser}
    </div>
  );
}
