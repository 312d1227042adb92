// Edit an environment's variables. A secret's stored value is never shown again: its field stays
// empty (masked while typing) and an empty field on save keeps what is stored.
import { useEffect, useRef, useState } from 'react';
import { useModalFocus } from '../components/useModalFocus.js';
import { errorMessage } from '../api/client.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import type { VariableDraft } from './environmentsSlice.js';

const blank = (): VariableDraft => ({
  name: '',
  value: '',
  secret: false,
  enabled: true,
  set: false,
});
const NEW = '\u0000new';

export function EnvironmentEditor() {
  const store = useStoreApi();
  const environments = useWb((s) => s.environments);
  const selected = useWb((s) => s.selectedEnvironment);
  const error = useWb((s) => s.environmentsError);
  const secretStorage = useWb((s) => s.secretStorage);
  const [editing, setEditing] = useState<string>(selected ?? environments[0]?.name ?? NEW);
  // Opened on a new one, useModalFocus puts focus in its name; chosen later, autoFocus does.
  const [openedOn] = useState(editing);
  const [newName, setNewName] = useState('');
  const [rows, setRows] = useState<VariableDraft[]>([blank()]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (editing === NEW) {
      setRows([blank()]);
      return;
    }
    let live = true;
    store
      .getState()
      .readEnvironment(editing)
      .then((vars) => live && setRows(vars.length > 0 ? vars : [blank()]))
      .catch((e: unknown) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [editing, store]);

  const patch = (i: number, p: Partial<VariableDraft>): void =>
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...p } : row)));
  const close = (): void => store.getState().setEnvEditorOpen(false);
  const box = useRef<HTMLDivElement>(null);
  const onKeyDown = useModalFocus(box, close);
  const save = async (): Promise<void> => {
    const name = editing === NEW ? newName.trim() : editing;
    if (!name) {
      setLoadError('Give the environment a name');
      return;
    }
    if (await store.getState().saveEnvironment(name, rows)) {
      setEditing(name);
      setRows(await store.getState().readEnvironment(name));
      setLoadError(null);
    }
  };

  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Environments"
      onKeyDown={onKeyDown}
    >
      <div className="dialog" style={{ width: 'min(760px, 94vw)' }} ref={box}>
        <h2>Environments</h2>
        <label className="row">
          Edit environment
          <select value={editing} onChange={(e) => setEditing(e.target.value)}>
            {environments.map((env) => (
              <option key={env.name} value={env.name}>
                {env.name}
              </option>
            ))}
            <option value={NEW}>New environment…</option>
          </select>
        </label>
        {editing === NEW && (
          <label className="row">
            Environment name
            <input
              data-autofocus
              autoFocus={openedOn !== NEW}
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
            />
          </label>
        )}
        <SecretStorageNote storage={secretStorage} />
        <table
          aria-label="Variables"
          className="variables-table"
          style={{ width: '100%', borderCollapse: 'collapse', marginTop: 8 }}
        >
          <thead>
            <tr>
              <th>On</th>
              <th>Name</th>
              <th>Value</th>
              <th>Secret</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Variable ${i + 1} enabled`}
                    checked={row.enabled}
                    onChange={(e) => patch(i, { enabled: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    className="mono"
                    aria-label={`Variable ${i + 1} name`}
                    value={row.name}
                    onChange={(e) => patch(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="mono"
                    aria-label={`Variable ${i + 1} value`}
                    type={row.secret ? 'password' : 'text'}
                    autoComplete="off"
                    value={row.value}
                    placeholder={row.secret && row.set ? '•••••• stored — type to replace' : ''}
                    onChange={(e) => patch(i, { value: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Variable ${i + 1} secret`}
                    checked={row.secret}
                    onChange={(e) =>
                      patch(i, {
                        secret: e.target.checked,
                        ...(e.target.checked ? {} : { set: false }),
                      })
                    }
                  />
                </td>
                <td>
                  <button
                    aria-label={`Remove variable ${i + 1}`}
                    onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted" style={{ fontSize: 12 }}>
          Use a variable as {'{{name}}'} in the address, metadata or request JSON. Secret values are
          stored encrypted outside the workspace and never shown again.
        </p>
        {(error ?? loadError) && (
          <p className="error-text" role="alert">
            {error ?? loadError}
          </p>
        )}
        <div className="actions">
          <button onClick={() => setRows((r) => [...r, blank()])}>Add variable</button>
          {editing !== NEW && (
            <button
              onClick={() => {
                if (!window.confirm(`Delete environment ${editing}?`)) return;
                void store
                  .getState()
                  .deleteEnvironment(editing)
                  .then(() => setEditing(NEW));
              }}
            >
              Delete environment
            </button>
          )}
          <span style={{ flex: 1 }} />
          <button onClick={close}>Close</button>
          <button onClick={() => void save()}>Save environment</button>
        </div>
      </div>
    </div>
  );
}

/** Says where secret values are kept, and warns when the OS keychain is not protecting them. */
function SecretStorageNote({ storage }: { storage: { kind: string; where: string } | null }) {
  if (!storage) return null;
  if (storage.kind === 'basic_text') {
    return (
      <p role="alert" className="warn-box">
        No OS keychain is available, so secrets are protected only by Electron&apos;s fixed fallback
        key (&quot;basic_text&quot;). Anyone who can read {storage.where} and the encrypted secrets
        file can read them.
      </p>
    );
  }
  return (
    <p className="muted">
      {storage.kind === 'os_keychain'
        ? 'Secret values are encrypted with a key sealed by your OS keychain.'
        : `Secret values are encrypted with the key in ${storage.where}; keep that file private.`}{' '}
      They are never written to the workspace, exports or history.
    </p>
  );
}
