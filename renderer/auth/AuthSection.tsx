// The request's Auth section: a type and its fields. Absent on a request means "inherit from
// folder" (Postman's default); the engine resolves it up the folders when the call is sent.
import type { AuthType } from '../../shared/request/auth.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { AuthFields } from './AuthFields.js';
import './auth.css';
import { AUTH_TYPE_LABELS, newAuth } from './auth-types.js';

export function AuthSection({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const auth = useWb((s) => tabById(s, tabId)?.draft.auth) ?? newAuth('inherit');
  const set = (next: typeof auth): void => store.getState().patchDraft(tabId, { auth: next });
  return (
    <section aria-label="Auth" className="auth-section">
      <h4 style={{ margin: '12px 0 4px' }}>Auth</h4>
      <label className="auth-field">
        <span>Auth type</span>
        <select value={auth.type} onChange={(e) => set(newAuth(e.target.value as AuthType))}>
          {(Object.keys(AUTH_TYPE_LABELS) as AuthType[]).map((t) => (
            <option key={t} value={t}>
              {AUTH_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      {auth.type === 'oauth2' && (
        <p className="muted auth-hint">
          The token is fetched from the token URL (client credentials), kept in memory until it
          expires and sent as Bearer, to calls and to reflection.
        </p>
      )}
      <AuthFields auth={auth} onChange={set} />
    </section>
  );
}
