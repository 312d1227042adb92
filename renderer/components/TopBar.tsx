// The active tab's server: address, security and loading its schema. Each tab has its own.
import { useWb, useStoreApi } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import type { ThemeChoice } from '../store/uiSlice.js';
import { EnvironmentSwitcher } from '../environments/EnvironmentSwitcher.js';
import { securityMode, withSecurityMode, type SecurityMode } from './securityMode.js';

export function TopBar() {
  const store = useStoreApi();
  const connection = useWb((s) => activeTab(s)?.draft.connection);
  const sourceKind = useWb((s) => activeTab(s)?.draft.schema?.kind ?? 'reflection');
  const status = useWb((s) => activeTab(s)?.schemaStatus ?? 'idle');
  const theme = useWb((s) => s.theme);
  const s = store.getState();
  const mode = connection ? securityMode(connection.security) : 'plaintext';
  const load = (): void => void store.getState().loadSchema(undefined, { reload: true });
  return (
    // One line at every width from 1024 px: the address gives way first, then the brand and the
    // settings button's words (styles.css, "Layout").
    <header className="topbar">
      <span className="brand">gRPC Workbench</span>
      <input
        className="address"
        aria-label="Server address"
        placeholder="host:port"
        value={connection?.address ?? ''}
        onChange={(e) => s.setConnection({ address: e.target.value })}
        onKeyDown={(e) => e.key === 'Enter' && load()}
      />
      <select
        aria-label="Security"
        value={mode}
        onChange={(e) =>
          s.setConnection({
            security: withSecurityMode(
              connection?.security ?? { kind: 'plaintext' },
              e.target.value as SecurityMode,
            ),
          })
        }
      >
        <option value="plaintext">Plaintext</option>
        <option value="tls">TLS</option>
        <option value="tls-skip">TLS (skip verify)</option>
      </select>
      <button onClick={load} disabled={status === 'loading'}>
        {status === 'loading'
          ? 'Loading…'
          : sourceKind === 'reflection'
            ? 'Load by reflection'
            : 'Load schema'}
      </button>
      <button
        aria-label="Connection settings…"
        title="Connection settings…"
        onClick={() => {
          s.ensureTab();
          s.setSettingsOpen(true);
        }}
      >
        <span className="narrow-only" aria-hidden>
          ⚙
        </span>
        <span className="wide-only">Connection settings…</span>
      </button>
      {mode === 'tls-skip' && (
        // Short on the bar (it must fit one line at 1024 px); the whole warning is its tooltip
        // and is read out with it.
        <span
          className="warn-box topbar-warning"
          role="note"
          title="Certificate verification is off: anyone on the path can read and change this traffic"
        >
          ⚠ Verification is off
          <span className="visually-hidden">
            : anyone on the path can read and change this traffic
          </span>
        </span>
      )}
      <span className="topbar-spacer" />
      <EnvironmentSwitcher />
      <select
        aria-label="Theme"
        value={theme}
        onChange={(e) => s.setTheme(e.target.value as ThemeChoice)}
      >
        <option value="system">◐ System</option>
        <option value="light">◐ Light</option>
        <option value="dark">◐ Dark</option>
      </select>
    </header>
  );
}
