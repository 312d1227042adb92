// The capture's settings beyond its address: the target's whole connection (the same fields as a
// tab's connection settings) and TLS for clients — the listener's certificate and key, chosen
// with the one file chooser.
import { useRef, useState } from 'react';
import { useModalFocus } from '../components/useModalFocus.js';
import { ConnectionFields } from '../components/SettingsDialog.js';
import { folderOf, isAbsolutePath, useFileChooser } from '../layout/useFileChooser.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { effectiveCaptureTarget, type ListenerTls } from './captureSlice.js';

type TlsKey = keyof ListenerTls;
const LISTENER_FILES: { key: TlsKey; label: string; placeholder: string }[] = [
  { key: 'certFile', label: 'Certificate file', placeholder: '/path/server.pem' },
  { key: 'keyFile', label: 'Key file', placeholder: '/path/server.key' },
];

function ListenerTlsFields() {
  const store = useStoreApi();
  const tls = useWb((s) => s.captureTls);
  // Kept while TLS is off, so turning it back on keeps what was chosen.
  const [files, setFiles] = useState<ListenerTls>(tls ?? { certFile: '', keyFile: '' });
  const chooser = useFileChooser();
  const update = (next: ListenerTls, on = tls !== null): void => {
    setFiles(next);
    store.getState().setCaptureTls(on ? next : null);
  };
  const start = [files.certFile, files.keyFile].find(isAbsolutePath);
  return (
    <fieldset>
      <legend>Clients connect with</legend>
      {/* In the label grid's field column, as the connection's Unix socket checkbox (.row-check). */}
      <label className="row">
        <span className="row-check">
          <input
            type="checkbox"
            checked={tls !== null}
            onChange={(e) => update(files, e.target.checked)}
          />{' '}
          TLS with this certificate (plaintext h2c without)
        </span>
      </label>
      {tls !== null &&
        LISTENER_FILES.map(({ key, label, placeholder }) => (
          <div key={key} className="capture-file">
            <label className="row">
              {label}
              <input
                className="mono"
                placeholder={placeholder}
                value={files[key]}
                onChange={(e) => update({ ...files, [key]: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="small browse"
              onClick={() =>
                void chooser.choose({
                  kind: 'certificate',
                  multiple: false,
                  start: start === undefined ? undefined : folderOf(start),
                  onChoose: (paths) => update({ ...files, [key]: paths[0] ?? '' }),
                })
              }
            >
              Browse…{' '}
              <span className="visually-hidden">for the listener {label.toLowerCase()}</span>
            </button>
          </div>
        ))}
      {chooser.problem && (
        <p className="error-text" role="alert">
          {chooser.problem}
        </p>
      )}
      {chooser.browser}
    </fieldset>
  );
}

export function CaptureSettingsDialog({ onClose }: { onClose: () => void }) {
  const store = useStoreApi();
  const target = useWb(effectiveCaptureTarget);
  const box = useRef<HTMLDivElement>(null);
  // A modal: focus goes in on open, Tab stays in, and Done or Escape hand it back to the opener.
  const onKeyDown = useModalFocus(box, onClose);
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Capture settings"
      onKeyDown={onKeyDown}
    >
      <div className="dialog" ref={box}>
        <h2>Capture settings</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          The server the captured calls go to, and how clients connect to the capture.
        </p>
        <ConnectionFields c={target} onChange={(p) => store.getState().setCaptureTarget(p)} />
        <ListenerTlsFields />
        <div className="actions">
          <button className="primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
