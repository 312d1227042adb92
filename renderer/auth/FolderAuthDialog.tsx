// A folder's (or collection's) auth: the requests inside that inherit use it, and subfolders
// that inherit pass it on. Saved in the folder's folder.json; secrets as `{{variables}}`.
import { useEffect, useState } from 'react';
import type { Auth, AuthType } from '../../shared/request/auth.js';
import { Dialog } from '../collections/Dialog.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { AuthFields } from './AuthFields.js';
import { AUTH_TYPE_LABELS, newAuth } from './auth-types.js';
import './auth.css';

export function FolderAuthDialog({ path }: { path: string }) {
  const store = useStoreApi();
  const error = useWb((s) => s.collectionsError);
  const [auth, setAuth] = useState<Auth | null>(null);
  useEffect(() => {
    let live = true;
    void store
      .getState()
      .readFolderAuth(path)
      .then((read) => live && setAuth(read === null ? null : (read ?? newAuth('inherit'))));
    return () => {
      live = false;
    };
  }, [store, path]);
  const close = (): void => store.getState().setCollectionsDialog(null);
  return (
    <Dialog
      title={`Auth of ${path}`}
      submit="Save"
      error={error}
      onClose={close}
      onSubmit={() => auth && void store.getState().saveFolderAuth(path, auth)}
    >
      {auth === null ? (
        <p className="muted">Reading the folder’s settings…</p>
      ) : (
        <section aria-label="Auth" className="auth-section">
          <label className="auth-field">
            <span>Auth type</span>
            <select
              value={auth.type}
              onChange={(e) => setAuth(newAuth(e.target.value as AuthType))}
            >
              {(Object.keys(AUTH_TYPE_LABELS) as AuthType[]).map((t) => (
                <option key={t} value={t}>
                  {t === 'inherit' ? 'Inherit from parent folder' : AUTH_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <AuthFields auth={auth} onChange={setAuth} />
          <p className="muted auth-hint">
            Requests in {path} whose auth is “Inherit from folder” use this.
          </p>
        </section>
      )}
    </Dialog>
  );
}
