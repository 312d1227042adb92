// The session's captured values (issue 15 §2) beside the environment: what {{name}} holds after
// the calls that captured it, secret ones masked, with Clear.
import { useState } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { SECRET_MASK } from './CheckResults.js';

export function CapturedValuesButton() {
  const store = useStoreApi();
  const [open, setOpen] = useState(false);
  const count = useWb((s) => s.captured.length);
  return (
    <>
      <button
        aria-expanded={open}
        onClick={() => {
          if (!open) void store.getState().loadCaptured();
          setOpen(!open);
        }}
      >
        Captured ({count})
      </button>
      {open && <CapturedValues onClose={() => setOpen(false)} />}
    </>
  );
}

function CapturedValues({ onClose }: { onClose: () => void }) {
  const store = useStoreApi();
  const captured = useWb((s) => s.captured);
  const error = useWb((s) => s.capturedError);
  return (
    <section
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
                <td>
                  {c.secret ? (
                    <span aria-label="secret, hidden">{SECRET_MASK}</span>
                  ) : (
                    <code>{c.value}</code>
                  )}
                </td>
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
