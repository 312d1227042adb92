// Where to connect, how securely, and loading the schema.
import { useWb, useStoreApi } from '../store/useWorkbench.js';
import type { SecurityMode } from '../store/connectionSlice.js';
import type { ThemeChoice } from '../store/uiSlice.js';
import { EnvironmentSwitcher } from '../environments/EnvironmentSwitcher.js';

export function TopBar() {
  const store = useStoreApi();
  const address = useWb((s) => s.connection.address);
  const security = useWb((s) => s.connection.security);
  const sourceKind = useWb((s) => s.source.kind);
  const status = useWb((s) => s.schemaStatus);
  const theme = useWb((s) => s.theme);
  const s = store.getState();
  return (
    <header className="topbar">
      <span className="brand">gRPC Workbench</span>
      <input
        className="address"
        aria-label="Server address"
        placeholder="host:port"
        value={address}
        onChange={(e) => s.setConnection({ address: e.target.value })}
        onKeyDown={(e) => e.key === 'Enter' && void store.getState().loadSchema()}
      />
      <select
        aria-label="Security"
        value={security}
        onChange={(e) => s.setConnection({ security: e.target.value as SecurityMode })}
      >
        <option value="plaintext">Plaintext</option>
        <option value="tls">TLS</option>
        <option value="tls-skip">TLS (skip verify)</option>
        <option value="mtls">mTLS</option>
      </select>
      <button onClick={() => void store.getState().loadSchema()} disabled={status === 'loading'}>
        {status === 'loading'
          ? 'Loading…'
          : sourceKind === 'reflection'
            ? 'Load by reflection'
            : 'Load schema'}
      </button>
      <button onClick={() => s.setSettingsOpen(true)}>Connection settings…</button>
      {security === 'tls-skip' && (
        <span className="warn-box" role="note">
          ⚠ Certificate verification is off: anyone on the path can read and change this traffic
        </span>
      )}
      <span style={{ flex: 1 }} />
      <EnvironmentSwitcher />
      <select
        aria-label="Theme"
        value={theme}
        onChange={(e) => s.setTheme(e.target.value as ThemeChoice)}
      >
        <option value="system">Theme: system</option>
        <option value="light">Theme: light</option>
        <option value="dark">Theme: dark</option>
      </select>
    </header>
  );
}
