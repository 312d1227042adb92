// The sidebar's Capture panel: a recording proxy in front of a server. Clients call the address it
// listens on instead of the server; each call goes on to the server and is listed live, recorded
// into the workspace's recordings (recordings/captured/…), and opens in the recording viewer.
import { useEffect, useState } from 'react';
import { PortField } from '../layout/PortField.js';
import { parsePort, rememberedPort } from '../layout/ports.js';
import { RecordingViewer } from '../recordings/RecordingViewer.js';
import { securityMode, withSecurityMode, type SecurityMode } from '../components/securityMode.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { CaptureSettingsDialog } from './CaptureSettings.js';
import { CapturedCallList } from './CapturedCallList.js';
import { effectiveCaptureTarget } from './captureSlice.js';
import './capture.css';

function TargetFields({ disabled }: { disabled: boolean }) {
  const store = useStoreApi();
  // While a capture runs, the target it is in front of (not the active tab's server).
  const target = useWb((s) => s.capture?.target ?? effectiveCaptureTarget(s));
  const tls = useWb((s) => s.captureTls !== null);
  const [settings, setSettings] = useState(false);
  const s = store.getState();
  return (
    <fieldset className="capture-target" disabled={disabled}>
      <legend className="visually-hidden">Target</legend>
      <label>
        Target
        <input
          className="mono"
          placeholder="host:port"
          value={target.address}
          onChange={(e) => s.setCaptureTarget({ address: e.target.value })}
        />
      </label>
      <select
        aria-label="Target security"
        value={securityMode(target.security)}
        onChange={(e) =>
          s.setCaptureTarget({
            security: withSecurityMode(target.security, e.target.value as SecurityMode),
          })
        }
      >
        <option value="plaintext">Plaintext</option>
        <option value="tls">TLS</option>
        <option value="tls-skip">TLS (skip verify)</option>
      </select>
      <button type="button" className="small" onClick={() => setSettings(true)}>
        Settings…
      </button>
      {tls && <span className="muted">clients use TLS</span>}
      {settings && <CaptureSettingsDialog onClose={() => setSettings(false)} />}
    </fieldset>
  );
}

function CaptureStatus() {
  const capture = useWb((s) => s.capture);
  if (!capture) return null;
  const { view } = capture;
  return (
    <div className="capture-status-line" role="status">
      <span>
        Listening on <span className="mono">{view.listen}</span> ({view.tls ? 'TLS' : 'plaintext'})
        → <span className="mono">{view.target}</span>
      </span>
      <span className="muted" title={`Recordings in ${view.folder}`}>
        Decoding: {view.schema}
      </span>
      {view.warning && (
        <span className="warn-box" role="note">
          {view.warning}
        </span>
      )}
    </div>
  );
}

export function CapturePanel() {
  const store = useStoreApi();
  const running = useWb((s) => s.capture !== null);
  const busy = useWb((s) => s.captureBusy);
  const error = useWb((s) => s.captureError);
  const target = useWb((s) => s.capture?.target);

  useEffect(() => {
    const stop = store.getState().listenCaptureCalls();
    void store.getState().restoreCapture();
    return stop;
  }, [store]);

  const start = (): void => {
    const port = rememberedPort('capture');
    void store.getState().startCapture(parsePort(String(port)) ?? 0);
  };
  return (
    <section role="region" aria-label="Capture" className="capture-panel">
      <div className="capture-head">
        <strong style={{ flex: 1 }}>Capture</strong>
        {running ? (
          <button disabled={busy} onClick={() => void store.getState().stopCapture()}>
            Stop capture
          </button>
        ) : (
          <button className="primary" disabled={busy} onClick={start}>
            {busy ? 'Starting…' : 'Start capture'}
          </button>
        )}
      </div>
      <div className="capture-fields">
        {/* The port is the running capture's while it runs (shown in the status line). */}
        <fieldset className="capture-port" disabled={running || busy}>
          <legend className="visually-hidden">Listen</legend>
          <PortField use="capture" label="Listen port" />
        </fieldset>
        <TargetFields disabled={running || busy} />
      </div>
      <CaptureStatus />
      {error && (
        <p className="error-text side-error" role="alert">
          {error}
        </p>
      )}
      <CapturedCallList />
      {/* Replay goes where Replay and diff goes: the capture's target. */}
      <RecordingViewer {...(target ? { replayTo: target } : {})} />
    </section>
  );
}
