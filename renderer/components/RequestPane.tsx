// The request of the active tab: its method, the message (or, for client and bidi streams, the
// list of messages sent in order), metadata and deadline, and Send.
import { useState } from 'react';
import { sendsStream } from '../../shared/schema/methods.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { isStale, methodOf, schemaOf, tabById } from '../store/selectors.js';
import { MetadataRows } from './MetadataRows.js';
import { KIND_BADGE } from './ServiceTree.js';
import { CopyGrpcurl } from './CopyGrpcurl.js';
import { RunLoadButton } from '../load/RunLoadButton.js';
import { RecordToggle } from '../recordings/RecordToggle.js';
import { formatJsonText } from '../json/format.js';
import { exampleFor } from '../form/defaults.js';
import { MessageEditor } from './MessageEditor.js';
import { MessageList } from './MessageList.js';
import { NumberField } from './NumberField.js';
import { SendButtons } from './SendButtons.js';
import { SchemaFailureBanner } from '../errors/SchemaFailureBanner.js';
import { AuthSection } from '../auth/AuthSection.js';
import { TestsSection } from '../checks/TestsSection.js';

/** What the pane says while the tab has no method to show. */
function NoMethod({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const method = useWb((s) => tabById(s, tabId)?.draft.method ?? '');
  const status = useWb((s) => tabById(s, tabId)?.schemaStatus ?? 'idle');
  const stale = useWb((s) => {
    const t = tabById(s, tabId);
    return t ? isStale(s, t) : false;
  });
  let text = <p>Pick a method in the service tree.</p>;
  if (status === 'loading') text = <p className="muted">Loading this tab's schema…</p>;
  else if (status === 'error') text = <SchemaFailureBanner tabId={tabId} />;
  else if (stale)
    text = <p className="error-text">⚠ {method} is not in the loaded schema any more.</p>;
  else if (method !== '' && status === 'idle')
    text = (
      <p>
        {method}: load the schema to edit it.{' '}
        <button onClick={() => void store.getState().loadSchema(tabId)}>Load schema</button>
      </p>
    );
  return <div className="empty">{text}</div>;
}

export function RequestPane({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const schema = useWb((s) => schemaOf(s, tabById(s, tabId)));
  const method = useWb((s) => methodOf(s, tabById(s, tabId)));
  const editor = useWb((s) => tabById(s, tabId)?.editor ?? 'form');
  const metadata = useWb((s) => tabById(s, tabId)?.draft.metadata);
  const deadlineMs = useWb((s) => tabById(s, tabId)?.draft.deadlineMs);
  const count = useWb((s) => tabById(s, tabId)?.texts.length ?? 0);
  const sendError = useWb((s) => tabById(s, tabId)?.sendError ?? null);
  const [picked, setPicked] = useState(0);
  // A send refused over prepared message n: that message is the one shown, to focus its field.
  const refusedIndex = useWb((s) =>
    s.invalidFocus?.tabId === tabId && typeof s.invalidFocus.message === 'number'
      ? s.invalidFocus.message
      : null,
  );
  if (refusedIndex !== null && refusedIndex !== picked && count > 1) setPicked(refusedIndex);
  if (!metadata) return null;
  if (!method || !schema) return <NoMethod tabId={tabId} />;
  const s = store.getState();
  const list = sendsStream(method.kind);
  // The message being edited: the picked one of a list, the only one otherwise.
  const index = list ? Math.min(picked, Math.max(0, count - 1)) : 0;
  const example = (): void => {
    // Realistic values (names, emails, now, first non-zero enum value…), not grpcurl's zeros.
    store.getState().setMessage(tabId, index, exampleFor(schema, method.inputType));
  };
  const hasEditor = !list || count > 0;
  return (
    <>
      <div className="pane-head">
        <span className={`badge ${method.kind}`}>{KIND_BADGE[method.kind]}</span>
        <span className="title" title={method.path}>
          {method.fullName}
        </span>
        {/* The action row: the call's settings and its buttons, each a group that never breaks;
            when the pane is narrow a whole group moves to the next line (see .call-settings). */}
        <span className="call-settings">
          <RecordToggle tabId={tabId} kind={method.kind} />
          <label className="muted deadline">
            Deadline{' '}
            <NumberField
              bare
              label="Deadline (ms)"
              placeholder="ms"
              max={365 * 86_400_000}
              value={deadlineMs}
              onChange={(v) => s.patchDraft(tabId, { deadlineMs: v })}
            />
          </label>
        </span>
        <SendButtons tabId={tabId} />
      </div>
      {/* The view tabs, then the tools as one wrapping group (.request-tools in styles.css). */}
      <div className="subtabs request-tools">
        {/* The tablist holds only its tabs (ARIA); the tools beside it are plain buttons. */}
        <div className="subtabs-list" role="tablist" aria-label="Request views">
          {(['form', 'json'] as const).map((v) => (
            <button
              key={v}
              role="tab"
              aria-selected={editor === v}
              onClick={() => s.setEditor(tabId, v)}
            >
              {v === 'form' ? 'Form' : 'JSON'}
            </button>
          ))}
        </div>
        {hasEditor && (
          <button className="small" onClick={example} title="Fill with an example of every field">
            Example
          </button>
        )}
        {hasEditor && editor === 'json' && (
          <button
            className="small"
            onClick={() => {
              const text = tabById(store.getState(), tabId)?.texts[index] ?? '{}';
              s.setMessageText(tabId, index, formatJsonText(text));
            }}
          >
            Format
          </button>
        )}
        <RunLoadButton tabId={tabId} />
        <CopyGrpcurl tabId={tabId} />
      </div>
      {sendError && (
        <div className="error-text" role="alert" style={{ padding: '4px 8px' }}>
          {sendError}
        </div>
      )}
      <div
        className="pane-body"
        style={editor === 'json' ? { display: 'flex', flexDirection: 'column' } : undefined}
      >
        {list && <MessageList tabId={tabId} selected={index} onSelect={setPicked} />}
        {list && count > 0 && <h4 className="message-title">Message {index + 1}</h4>}
        {hasEditor && (
          <MessageEditor
            key={index}
            tabId={tabId}
            index={index}
            schema={schema}
            method={method}
            editor={editor}
          />
        )}
        <h4 style={{ margin: '12px 0 4px' }}>Metadata</h4>
        <MetadataRows
          label="Metadata"
          rows={metadata}
          onChange={(rows) => s.patchDraft(tabId, { metadata: rows })}
        />
        <AuthSection tabId={tabId} />
        <TestsSection tabId={tabId} />
      </div>
    </>
  );
}
