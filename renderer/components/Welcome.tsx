// First run: one click to a server that answers, or straight to your own.
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import { PortField } from '../layout/PortField.js';

export function Welcome() {
  const store = useStoreApi();
  const error = useWb((s) => activeTab(s)?.schemaError ?? null);
  const status = useWb((s) => activeTab(s)?.schemaStatus ?? 'idle');
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Welcome">
      <div className="dialog">
        <h2>Welcome to gRPC Workbench</h2>
        <p>
          Browse a server's services, fill requests in a form or JSON, and watch streams as a
          timeline.
        </p>
        <p className="muted">
          The demo server has a unary call (UserService.GetUser), a server stream (LogService.Tail),
          a client stream (BatchService.Upload) and a bidi stream (ChatService.Chat).
        </p>
        {error && <p className="error-text">{error}</p>}
        <div className="actions">
          <PortField use="demo" label="Demo port" />
          <button onClick={() => store.getState().setWelcome(false)}>Connect to my server</button>
          <button
            className="primary"
            disabled={status === 'loading'}
            onClick={() => void store.getState().startDemo()}
          >
            {status === 'loading' ? 'Starting…' : 'Try the demo server'}
          </button>
        </div>
      </div>
    </div>
  );
}
