// The active tab's connection (security, TLS files, authority, limits, timeouts) and where its
// schema comes from. Every tab has its own; this edits the one in front.
import { Fragment, useRef, useState } from 'react';
import type { Connection, Security } from '../../shared/request/index.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import { securityMode, withSecurityMode, type SecurityMode } from './securityMode.js';
import { NumberField } from './NumberField.js';
import { useModalFocus } from './useModalFocus.js';
import { SchemaSourceFields, type SourceResult } from './SchemaSourceFields.js';
import { ProxyFields } from '../connection/ProxyFields.js';
import { ProtocolFields } from '../connection/ProtocolFields.js';
import { folderOf, isAbsolutePath, useFileChooser } from '../layout/useFileChooser.js';

const MIB = 1024 * 1024;
const MAX_BYTES = 2 ** 31 - 1;

function TextRow({
  label,
  value,
  placeholder,
  onChange,
}: {
  label: string;
  value: string | undefined;
  placeholder?: string;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <label className="row">
      {label}
      <input
        className="mono"
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
    </label>
  );
}

type TlsFileKey = 'caFile' | 'certFile' | 'keyFile';
const TLS_FILES: { key: TlsFileKey; label: string; placeholder: string }[] = [
  {
    key: 'caFile',
    label: 'CA certificate file',
    placeholder: '/path/ca.pem (system roots if empty)',
  },
  {
    key: 'certFile',
    label: 'Client certificate file',
    placeholder: '/path/client.pem (mutual TLS)',
  },
  { key: 'keyFile', label: 'Client key file', placeholder: '/path/client.key (mutual TLS)' },
];

/** Relative certificate files are read from the workspace folder (prepare-call's baseDir). */
function CertificatesRelativeNote({ files }: { files: (string | undefined)[] }) {
  const dir = useWb((s) => s.workspaceDir);
  if (!files.some((f) => f !== undefined && !isAbsolutePath(f))) return null;
  return (
    <p className="muted" role="note">
      Relative certificate paths start in{' '}
      {dir ? `the workspace folder ${dir}` : 'the workspace folder'}.
    </p>
  );
}

function TlsFields({
  security,
  onChange,
}: {
  security: Extract<Security, { kind: 'tls' }>;
  onChange: (s: Security) => void;
}) {
  const chooser = useFileChooser();
  const set = (key: TlsFileKey | 'serverName', v: string | undefined) => {
    const next = { ...security };
    if (v === undefined || v.trim() === '') delete next[key];
    else next[key] = v;
    onChange(next);
  };
  // The folder of a file already chosen: the CA, the client certificate and its key usually sit together.
  const startFor = (key: TlsFileKey): string | undefined => {
    const known = [security[key], security.caFile, security.certFile, security.keyFile];
    const first = known.find((f) => f !== undefined && isAbsolutePath(f));
    return first === undefined ? undefined : folderOf(first);
  };
  return (
    <>
      {TLS_FILES.map(({ key, label, placeholder }) => (
        <Fragment key={key}>
          <TextRow
            label={label}
            placeholder={placeholder}
            value={security[key]}
            onChange={(v) => set(key, v)}
          />
          <button
            type="button"
            className="small browse"
            onClick={() =>
              void chooser.choose({
                kind: 'certificate',
                multiple: false,
                start: startFor(key),
                onChoose: (paths) => set(key, paths[0]),
              })
            }
          >
            Browse… <span className="visually-hidden">for the {label.toLowerCase()}</span>
          </button>
        </Fragment>
      ))}
      <CertificatesRelativeNote files={[security.caFile, security.certFile, security.keyFile]} />
      {chooser.problem && (
        <p className="error-text" role="alert">
          {chooser.problem}
        </p>
      )}
      {chooser.browser}
      <TextRow
        label="Server name"
        placeholder="checked against the certificate"
        value={security.serverName}
        onChange={(v) => set('serverName', v)}
      />
    </>
  );
}

/** A connection's server, security and TLS files, limits: the tab's, and a capture's target. */
export function ConnectionFields({
  c,
  onChange,
}: {
  c: Connection;
  onChange: (patch: Partial<Connection>) => void;
}) {
  const mode = securityMode(c.security);
  return (
    <fieldset>
      <legend>Server</legend>
      <label className="row">
        Address
        <input
          className="mono"
          value={c.address}
          onChange={(e) => onChange({ address: e.target.value })}
        />
      </label>
      <label className="row">
        <span className="row-check">
          <input
            type="checkbox"
            checked={c.unix === true}
            onChange={(e) => onChange({ unix: e.target.checked ? true : undefined })}
          />{' '}
          The address is a Unix socket path
        </span>
      </label>
      <label className="row">
        Security
        <select
          value={mode}
          onChange={(e) =>
            onChange({ security: withSecurityMode(c.security, e.target.value as SecurityMode) })
          }
        >
          <option value="plaintext">Plaintext</option>
          <option value="tls">TLS</option>
          <option value="tls-skip">TLS, skip certificate verification</option>
        </select>
      </label>
      {mode === 'tls-skip' && (
        <div className="warn-box" role="note">
          ⚠ The server's certificate will not be checked. Use this only for servers you control.
        </div>
      )}
      {c.security.kind === 'tls' && (
        <TlsFields security={c.security} onChange={(security) => onChange({ security })} />
      )}
      <TextRow
        label="Authority"
        placeholder=":authority override"
        value={c.authority}
        onChange={(authority) => onChange({ authority })}
      />
      <NumberField
        label="Max message size (MiB)"
        placeholder="4 (gRPC default)"
        unit={MIB}
        max={MAX_BYTES}
        value={c.maxReceiveBytes}
        onChange={(maxReceiveBytes) => onChange({ maxReceiveBytes })}
      />
      <NumberField
        label="Max send size (MiB)"
        placeholder="no limit"
        unit={MIB}
        max={MAX_BYTES}
        value={c.maxSendBytes}
        onChange={(maxSendBytes) => onChange({ maxSendBytes })}
      />
      <NumberField
        label="Keepalive (s)"
        placeholder="off"
        unit={1000}
        max={86_400_000}
        value={c.keepaliveMs}
        onChange={(keepaliveMs) => onChange({ keepaliveMs })}
      />
      <NumberField
        label="Connect timeout (s)"
        placeholder="none"
        unit={1000}
        max={3_600_000}
        value={c.connectTimeoutMs}
        onChange={(connectTimeoutMs) => onChange({ connectTimeoutMs })}
      />
    </fieldset>
  );
}

export function SettingsDialog() {
  const store = useStoreApi();
  const tabId = useWb((s) => s.activeTabId);
  const connection = useWb((s) => activeTab(s)?.draft.connection);
  const initialSource = useState(() => activeTab(store.getState())?.draft.schema)[0];
  const status = useWb((s) => activeTab(s)?.schemaStatus ?? 'idle');
  const error = useWb((s) => activeTab(s)?.schemaError ?? null);
  const [sourceProblem, setSourceProblem] = useState<string | null>(null);
  const s = store.getState();
  const close = (): void => s.setSettingsOpen(false);
  const box = useRef<HTMLDivElement>(null);
  const onKeyDown = useModalFocus(box, close);
  const onSource = (r: SourceResult): void => {
    if ('problem' in r) {
      setSourceProblem(r.problem);
      return;
    }
    setSourceProblem(null);
    s.setSchemaSource(r.spec, tabId ?? undefined);
  };
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Connection settings"
      onKeyDown={onKeyDown}
    >
      <div className="dialog" ref={box}>
        <h2>Connection settings</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          For this tab: each tab has its own server and schema.
        </p>
        {connection && (
          <ConnectionFields
            c={connection}
            onChange={(patch) => s.setConnection(patch, tabId ?? undefined)}
          />
        )}
        {connection && (
          <ProtocolFields c={connection} onChange={(p) => s.setConnection(p, tabId ?? undefined)} />
        )}
        {connection && (
          <ProxyFields c={connection} onChange={(p) => s.setConnection(p, tabId ?? undefined)} />
        )}
        <SchemaSourceFields initial={initialSource} onChange={onSource} />
        {(sourceProblem ?? error) && (
          <p className="error-text" role="alert">
            {sourceProblem ?? error}
          </p>
        )}
        <div className="actions">
          <button onClick={close}>Close</button>
          <button
            className="primary"
            disabled={status === 'loading' || sourceProblem !== null}
            onClick={async () => {
              await store.getState().loadSchema(tabId ?? undefined, { reload: true });
              if (activeTab(store.getState())?.schemaStatus === 'ready') close();
            }}
          >
            {status === 'loading' ? 'Loading…' : 'Load schema'}
          </button>
        </div>
      </div>
    </div>
  );
}
