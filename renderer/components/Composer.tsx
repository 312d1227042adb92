// Sending more messages on an open client or bidi stream; End stream half-closes; Cancel cancels.
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import type { CallInfo } from '../store/callsSlice.js';

export function Composer({ tabId, call }: { tabId: string; call: CallInfo }) {
  const store = useStoreApi();
  const composer = useWb((s) => tabById(s, tabId)?.composer ?? '');
  const open = !call.done && !call.halfClosed;
  return (
    <div className="composer">
      <textarea
        aria-label="Next message"
        value={composer}
        disabled={!open}
        onChange={(e) => store.getState().setComposer(tabId, e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            void store.getState().sendComposer(tabId);
          }
        }}
      />
      <div className="line">
        <button
          className="primary"
          disabled={!open}
          onClick={() => void store.getState().sendComposer(tabId)}
        >
          Send message
        </button>
        <button disabled={!open} onClick={() => void store.getState().endStream(tabId)}>
          End stream
        </button>
        <button
          className="danger"
          disabled={call.done}
          onClick={() => void store.getState().cancelCall(tabId)}
        >
          Cancel
        </button>
        <span className="muted">
          {call.done
            ? 'The call has ended.'
            : call.halfClosed
              ? 'Half-closed: waiting for the server.'
              : 'Ctrl+Enter in the box sends it.'}
        </span>
      </div>
    </div>
  );
}
