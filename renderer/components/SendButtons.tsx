// The request's buttons say what they do. With no call running: Send. While a client or bidi
// stream is open: "Send message" (the composer's), "End stream" and "Cancel". While any other call
// runs: Send (which asks before it replaces the running call) and Cancel. Never a silent cancel.
import { sendsStream } from '../../shared/schema/methods.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { Dialog } from '../collections/Dialog.js';

export function SendButtons({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const call = useWb((s) => {
    const id = tabById(s, tabId)?.callId;
    return id ? s.calls[id] : undefined;
  });
  const s = store.getState();
  const running = call !== undefined && !call.done;
  const streamOpen = running && sendsStream(call.kind) && !call.halfClosed;
  return (
    // One group: the primary button, then End stream and Cancel as a pair. A pane too narrow for
    // all three puts the pair on the line below, never the primary button (.call-actions).
    <div className="call-actions" role="group" aria-label="Call">
      {streamOpen ? (
        <button
          className="primary"
          title="Send the composer's message on the open stream (Ctrl+Enter in the composer)"
          onClick={() => void s.sendComposer(tabId)}
        >
          Send message
        </button>
      ) : (
        <button className="primary" title="Send (Ctrl+Enter)" onClick={() => void s.send(tabId)}>
          Send
        </button>
      )}
      {running && (
        <span className="call-secondary">
          {streamOpen && (
            <button
              title="Tell the server no more messages are coming"
              onClick={() => void s.endStream(tabId)}
            >
              End stream
            </button>
          )}
          <button className="danger" onClick={() => void s.cancelCall(tabId)}>
            Cancel
          </button>
        </span>
      )}
      <NewCallQuestion tabId={tabId} />
    </div>
  );
}

/** Asked when Send (or Ctrl+Enter) would start a new call while this tab's call still runs. */
function NewCallQuestion({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const asking = useWb((s) => s.newCallAsk === tabId);
  const method = useWb((s) => tabById(s, tabId)?.draft.method ?? '');
  if (!asking) return null;
  const s = store.getState();
  return (
    <Dialog
      title="A call is running"
      submit="Stop it and send"
      cancel="Keep it running"
      onSubmit={() => void s.send(tabId, { replaceRunning: true })}
      onClose={() => s.dismissNewCall()}
    >
      <p>
        {method.slice(1).replace('/', '.') || 'This tab’s call'} is still running. Sending again
        cancels it (the server sees CANCELLED) and starts a new call.
      </p>
    </Dialog>
  );
}
