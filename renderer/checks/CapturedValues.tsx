// The session's captured values (issue 15 §2) beside the environment: what {{name}} holds after
// the calls that captured it, secret ones masked, with Clear.
import { useEffect, useId, useRef, useState } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { SecretMask } from './CheckResults.js';

export function CapturedValuesButton() {
  const store = useStoreApi();
  const [open, setOpen] = useState(false);
  const count = useWb((s) => s.captured.length);
  const button = useRef<HTMLButtonElement>(null);
  const regionId = useId();
  // Closed from inside (Escape, Close), focus goes back where the user opened it from.
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => {
          if (!open) void store.getState().loadCaptured();
          setOpen(!open);
        }}
      >
        Captured ({count})
      </button>
      {open && <CapturedValues id={regionId} onClose={close} />}
    </>
  );
}

function CapturedValues({ id, onClose }: { id: string; onClose: () => void }) {
  const store = useStoreApi();
  const captured = useWb((s) => s.captured);
  const error = useWb((s) => s.capturedError);
  const region = useRef<HTMLElement>(null);
  // Opened, focus moves in: Escape closes it at once, and the reader announces the region.
  useEffect(() => region.current?.focus(), []);
  return (
    <section
      ref={region}
      id={id}
      tabIndex={-1}
      className="captured-popover"
      role="region"
      aria-label="Captured values"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <h2>Captured values</h2>
      {captured.length === 0 ? (
        <p className="muted">
          None yet. A request's captures set them when its call ends; {'{{name}}'} uses them.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {captured.map((c) => (
              <tr key={c.name}>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>{c.secret ? <SecretMask /> : <code>{c.value}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          disabled={captured.length === 0}
          onClick={() => void store.getState().clearCaptured()}
        >
          Clear
        </button>
        <button onClick={onClose}>Close</button>
      </div>
    </section>
  );
}
