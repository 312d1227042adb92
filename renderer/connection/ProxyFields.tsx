// How the tab's connection reaches its server beyond the address: through an HTTP proxy (the
// environment's, none, or one given here with basic auth) and with which message compression.
// Mounted in the connection settings; the engine resolves the proxy (main/proxy) and the call's
// started event says which one was used.
import type { Connection, ExplicitProxy } from '../../shared/request/connection.js';
import { isOnePlaceholder, isPlainSecret, urlHoldsPassword } from './plain-secret.js';

type ProxyMode = 'environment' | 'none' | 'explicit';

function modeOf(proxy: Connection['proxy']): ProxyMode {
  if (proxy === undefined) return 'environment';
  return proxy === 'none' ? 'none' : 'explicit';
}

export function ProxyFields({
  c,
  onChange,
}: {
  c: Connection;
  onChange: (patch: Partial<Connection>) => void;
}) {
  const mode = modeOf(c.proxy);
  const explicit: ExplicitProxy = typeof c.proxy === 'object' ? c.proxy : { url: '' };
  const setMode = (next: ProxyMode): void =>
    onChange({
      proxy: next === 'environment' ? undefined : next === 'none' ? 'none' : { ...explicit },
    });
  const setExplicit = (patch: Partial<ExplicitProxy>): void => {
    const next: ExplicitProxy = { ...explicit, ...patch };
    for (const key of ['username', 'password'] as const) if (next[key] === '') delete next[key];
    onChange({ proxy: next });
  };
  return (
    <fieldset>
      <legend>Proxy and compression</legend>
      <label className="row">
        HTTP proxy
        <select value={mode} onChange={(e) => setMode(e.target.value as ProxyMode)}>
          <option value="environment">From the environment (https_proxy, no_proxy)</option>
          <option value="none">None</option>
          <option value="explicit">This proxy</option>
        </select>
      </label>
      {mode === 'environment' && (
        <p className="muted" role="note">
          Uses grpc_proxy, https_proxy or http_proxy if set, except for hosts in no_proxy and for
          localhost.
        </p>
      )}
      {mode === 'explicit' && (
        <>
          <label className="row">
            Proxy URL
            <input
              className="mono"
              placeholder="http://proxy.example.com:3128"
              value={explicit.url}
              onChange={(e) => setExplicit({ url: e.target.value })}
            />
          </label>
          <label className="row">
            Proxy user name
            <input
              className="mono"
              placeholder="none"
              value={explicit.username ?? ''}
              onChange={(e) => setExplicit({ username: e.target.value })}
            />
          </label>
          <label className="row">
            Proxy password
            <input
              className="mono"
              type={isOnePlaceholder(explicit.password ?? '') ? 'text' : 'password'}
              placeholder="{{proxyPassword}} (a secret variable)"
              value={explicit.password ?? ''}
              onChange={(e) => setExplicit({ password: e.target.value })}
            />
          </label>
          {urlHoldsPassword(explicit.url) && (
            <div className="warn-box" role="note">
              ⚠ This proxy URL holds a password (user:password@), which would be saved in the
              request as typed. Take it out of the URL and put it in Proxy password as a secret
              variable, like {'{{proxyPassword}}'}.
            </div>
          )}
          {isPlainSecret(explicit.password) && (
            <div className="warn-box" role="note">
              ⚠ This password would be saved in the request as typed. Put it in a secret variable
              and write its name here, like {'{{proxyPassword}}'}.
            </div>
          )}
        </>
      )}
      <label className="row">
        Compress sent messages
        <select
          value={c.compression ?? 'identity'}
          onChange={(e) => {
            const value = e.target.value as NonNullable<Connection['compression']>;
            onChange({ compression: value === 'identity' ? undefined : value });
          }}
        >
          <option value="identity">No</option>
          <option value="gzip">gzip</option>
          <option value="deflate">deflate</option>
        </select>
      </label>
    </fieldset>
  );
}
