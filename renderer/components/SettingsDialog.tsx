// Connection security, authority, and where the schema comes from.
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import type { SchemaSourceKind, SecurityMode } from '../store/connectionSlice.js';
import { MetadataRows } from './MetadataRows.js';

export function SettingsDialog() {
  const store = useStoreApi();
  const c = useWb((s) => s.connection);
  const src = useWb((s) => s.source);
  const status = useWb((s) => s.schemaStatus);
  const error = useWb((s) => s.schemaError);
  const s = store.getState();
  const tls = c.security !== 'plaintext';
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Connection settings"
      onKeyDown={(e) => e.key === 'Escape' && s.setSettingsOpen(false)}
    >
      <div className="dialog">
        <h2>Connection settings</h2>
        <fieldset>
          <legend>Server</legend>
          <label className="row">
            Address
            <input
              className="mono"
              value={c.address}
              onChange={(e) => s.setConnection({ address: e.target.value })}
            />
          </label>
          <label className="row">
            Security
            <select
              value={c.security}
              onChange={(e) => s.setConnection({ security: e.target.value as SecurityMode })}
            >
              <option value="plaintext">Plaintext</option>
              <option value="tls">TLS</option>
              <option value="tls-skip">TLS, skip certificate verification</option>
              <option value="mtls">Mutual TLS (client certificate)</option>
            </select>
          </label>
          {c.security === 'tls-skip' && (
            <div className="warn-box" role="note">
              ⚠ The server's certificate will not be checked. Use this only for servers you control.
            </div>
          )}
          {tls && (
            <>
              <label className="row">
                CA certificate file
                <input
                  className="mono"
                  placeholder="/path/ca.pem (system roots if empty)"
                  value={c.caFile}
                  onChange={(e) => s.setConnection({ caFile: e.target.value })}
                />
              </label>
              {c.security === 'mtls' && (
                <>
                  <label className="row">
                    Client certificate file
                    <input
                      className="mono"
                      placeholder="/path/client.pem"
                      value={c.certFile}
                      onChange={(e) => s.setConnection({ certFile: e.target.value })}
                    />
                  </label>
                  <label className="row">
                    Client key file
                    <input
                      className="mono"
                      placeholder="/path/client.key"
                      value={c.keyFile}
                      onChange={(e) => s.setConnection({ keyFile: e.target.value })}
                    />
                  </label>
                </>
              )}
              <label className="row">
                Server name
                <input
                  className="mono"
                  placeholder="checked against the certificate"
                  value={c.serverName}
                  onChange={(e) => s.setConnection({ serverName: e.target.value })}
                />
              </label>
            </>
          )}
          <label className="row">
            Authority
            <input
              className="mono"
              placeholder=":authority override"
              value={c.authority}
              onChange={(e) => s.setConnection({ authority: e.target.value })}
            />
          </label>
          <label className="row">
            Max message size (MiB)
            <input
              className="mono"
              inputMode="decimal"
              placeholder="4 (gRPC default)"
              value={c.maxReceiveMb}
              onChange={(e) => s.setConnection({ maxReceiveMb: e.target.value })}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>Schema source</legend>
          <label className="row">
            Source
            <select
              aria-label="Schema source"
              value={src.kind}
              onChange={(e) => s.setSource({ kind: e.target.value as SchemaSourceKind })}
            >
              <option value="reflection">Server reflection</option>
              <option value="protoFiles">Proto files</option>
              <option value="descriptorSet">Descriptor set</option>
            </select>
          </label>
          {src.kind === 'reflection' && (
            <MetadataRows
              label="Reflection metadata"
              rows={src.reflectionMetadata}
              onChange={(rows) => s.setSource({ reflectionMetadata: rows })}
            />
          )}
          {src.kind === 'protoFiles' && (
            <>
              <label className="row">
                Proto files
                <textarea
                  aria-label="Proto files"
                  className="mono"
                  rows={3}
                  placeholder="one path per line"
                  value={src.protoFiles}
                  onChange={(e) => s.setSource({ protoFiles: e.target.value })}
                />
              </label>
              <label className="row">
                Import paths
                <textarea
                  aria-label="Import paths"
                  className="mono"
                  rows={2}
                  placeholder="one folder per line"
                  value={src.importPaths}
                  onChange={(e) => s.setSource({ importPaths: e.target.value })}
                />
              </label>
            </>
          )}
          {src.kind === 'descriptorSet' && (
            <label className="row">
              Descriptor set file
              <input
                aria-label="Descriptor set file"
                className="mono"
                placeholder="/path/set.protoset"
                value={src.descriptorSet}
                onChange={(e) => s.setSource({ descriptorSet: e.target.value })}
              />
            </label>
          )}
        </fieldset>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button onClick={() => s.setSettingsOpen(false)}>Close</button>
          <button
            className="primary"
            disabled={status === 'loading'}
            onClick={async () => {
              await store.getState().loadSchema();
              if (store.getState().schemaStatus === 'ready')
                store.getState().setSettingsOpen(false);
            }}
          >
            {status === 'loading' ? 'Loading…' : 'Load schema'}
          </button>
        </div>
      </div>
    </div>
  );
}
