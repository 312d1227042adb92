// The next message of an open client or bidi stream, in the same schema-aware editor as the
// request (form or JSON with completion and marks at the field). What went wrong with it is said
// right here and goes with the call. Send message / End stream / Cancel drive the stream.
import { useState, type KeyboardEvent } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { methodOf, schemaOf, tabById } from '../store/selectors.js';
import { messageText, type EditorView } from '../store/tab.js';
import type { CallInfo } from '../store/callsSlice.js';
import { MessageBody } from './MessageEditor.js';

export function Composer({ tabId, call }: { tabId: string; call: CallInfo }) {
  const store = useStoreApi();
  const composer = useWb((s) => tabById(s, tabId)?.composer ?? '');
  const schema = useWb((s) => schemaOf(s, tabById(s, tabId)));
  const method = useWb((s) => methodOf(s, tabById(s, tabId)));
  // JSON first: a next message is most often typed or pasted; the form is a click away.
  const [view, setView] = useState<EditorView>('json');
  const open = !call.done && !call.halfClosed;
  const s = store.getState();
  // Ctrl+Enter here sends this message on the stream, not a new call (the window's shortcut).
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      if (open) void s.sendComposer(tabId);
    }
  };
  return (
    <div className="composer" role="group" aria-label="Next message" onKeyDown={onKeyDown}>
      <div className="composer-head">
        <strong>Next message</strong>
        <div className="subtabs composer-views" role="tablist" aria-label="Composer views">
          {(['form', 'json'] as const).map((v) => (
            <button key={v} role="tab" aria-selected={view === v} onClick={() => setView(v)}>
              {v === 'form' ? 'Form' : 'JSON'}
            </button>
          ))}
        </div>
      </div>
      <div className={`composer-body ${view}`}>
        {schema && method ? (
          <MessageBody
            schema={schema}
            typeName={method.inputType}
            text={composer}
            onText={(t) => s.setComposer(tabId, t)}
            onValue={(v) => s.setComposer(tabId, messageText(v))}
            editor={view}
            label="Next message"
            focusKey={{ tabId, message: 'composer' }}
          />
        ) : (
          <p className="muted">Load the schema to write the next message.</p>
        )}
      </div>
      {call.composerError && (
        <p className="error-text composer-error" role="alert">
          {call.composerError}
        </p>
      )}
      <div className="line">
        <button className="primary" disabled={!open} onClick={() => void s.sendComposer(tabId)}>
          Send message
        </button>
        <button disabled={!open} onClick={() => void s.endStream(tabId)}>
          End stream
        </button>
        <button className="danger" disabled={call.done} onClick={() => void s.cancelCall(tabId)}>
          Cancel
        </button>
        <span className="muted">
          {call.done
            ? 'The call has ended.'
            : call.halfClosed
              ? 'Half-closed: waiting for the server.'
              : 'Ctrl+Enter here sends it.'}
        </span>
      </div>
    </div>
  );
}
