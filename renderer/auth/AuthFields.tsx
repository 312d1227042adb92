// The fields of one auth, each labelled; secret-looking ones as password inputs (a `{{name}}` of
// a secret variable is what belongs there, and the engine substitutes and masks it).
import type { Auth } from '../../shared/request/auth.js';
import { hasPlaceholder } from '../../shared/workspace/placeholders.js';

interface Field {
  key: string;
  label: string;
  placeholder: string;
  secret?: boolean;
}

const FIELDS: Record<Auth['type'], Field[]> = {
  inherit: [],
  none: [],
  bearer: [{ key: 'token', label: 'Token', placeholder: '{{token}}', secret: true }],
  basic: [
    { key: 'username', label: 'Username', placeholder: 'user' },
    { key: 'password', label: 'Password', placeholder: '{{password}}', secret: true },
  ],
  apiKey: [
    { key: 'header', label: 'Header name', placeholder: 'x-api-key' },
    { key: 'value', label: 'Key', placeholder: '{{api_key}}', secret: true },
  ],
  oauth2: [
    { key: 'tokenUrl', label: 'Token URL', placeholder: 'https://auth.example.com/oauth/token' },
    { key: 'clientId', label: 'Client ID', placeholder: 'client id' },
    { key: 'clientSecret', label: 'Client secret', placeholder: '{{client_secret}}', secret: true },
    { key: 'scope', label: 'Scope (optional)', placeholder: 'read write' },
    { key: 'audience', label: 'Audience (optional)', placeholder: 'https://api.example.com' },
  ],
};

/** A field holding a literal value rather than a `{{variable}}`: the hint says why not to. */
const literal = (value: string): boolean => value !== '' && !hasPlaceholder(value);

export function AuthFields({ auth, onChange }: { auth: Auth; onChange: (auth: Auth) => void }) {
  const values = auth as unknown as Record<string, string | undefined>;
  return (
    <div className="auth-fields">
      {FIELDS[auth.type].map((f) => (
        <label key={f.key} className="auth-field">
          <span>{f.label}</span>
          <input
            className="mono"
            type={f.secret && literal(values[f.key] ?? '') ? 'password' : 'text'}
            placeholder={f.placeholder}
            value={values[f.key] ?? ''}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange({ ...auth, [f.key]: e.target.value } as Auth)}
          />
          {f.secret && literal(values[f.key] ?? '') && (
            <span className="muted auth-hint">
              Saved as typed. A secret variable such as {f.placeholder} keeps it out of files.
            </span>
          )}
        </label>
      ))}
    </div>
  );
}
