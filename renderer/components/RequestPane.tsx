// The request of the active tab: form, JSON and metadata views of one draft, and the call buttons.
import { useMemo } from 'react';
import type { JsonValue } from '../../shared/calls/events.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { findMethod, type Tab } from '../store/tabsSlice.js';
import { locateJson } from '../json/locate.js';
import { errorMessage } from '../api/client.js';
import { MessageForm } from './form/MessageForm.js';
import { JsonEditor } from './JsonEditor.js';
import { MetadataRows } from './MetadataRows.js';
import { KIND_BADGE } from './ServiceTree.js';
import { CopyGrpcurl } from './CopyGrpcurl.js';
import { RecordToggle } from '../recordings/RecordToggle.js';
import { formatJsonText } from '../json/format.js';
import { templateFor } from '../form/defaults.js';
import { validateMessage } from '../form/validate.js';
import { formatPath, setAt } from '../form/jsonPath.js';

export function RequestPane({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const tab = useWb((s) => s.tabs.find((t) => t.id === tabId));
  const schema = useWb((s) => s.schema);
  const schemaId = useWb((s) => s.schemaId);
  const sendError = useWb((s) => s.sendErrors[tabId] ?? '');
  const method = findMethod(schema, tab?.methodPath ?? null);
  const parsed = useMemo(() => {
    try {
      return { ok: true as const, value: locateJson(tab?.body.trim() ? tab.body : '{}').value };
    } catch (e) {
      return { ok: false as const, error: errorMessage(e) };
    }
  }, [tab?.body]);
  const unknown = useMemo(() => {
    if (!parsed.ok || !schema || !method) return [];
    return validateMessage(schema, method.inputType, parsed.value).filter((i) =>
      i.message.startsWith('unknown field'),
    );
    // method identity is its path; the schema object changes on reload
  }, [parsed, schema, method?.inputType]);
  if (!tab) return null;
  const update = (patch: Partial<Omit<Tab, 'id'>>): void =>
    store.getState().updateTab(tabId, patch);
  if (!method || !schema) {
    return (
      <div className="empty">
        {tab.stale ? (
          <p className="error-text">⚠ {tab.methodPath} is not in the loaded schema any more.</p>
        ) : (
          <p>Pick a method in the service tree.</p>
        )}
      </div>
    );
  }
  const setValue = (v: JsonValue | undefined): void =>
    update({ body: JSON.stringify(v ?? {}, null, 2) });
  const example = async (): Promise<void> => {
    let template: JsonValue = templateFor(schema, method.inputType);
    if (schemaId) {
      try {
        template = await store.getState().fetchTemplate(method.inputType);
      } catch {
        // The local template is as good when the engine cannot answer.
      }
    }
    setValue(template);
  };
  return (
    <>
      <div className="pane-head">
        <span className={`badge ${method.kind}`}>{KIND_BADGE[method.kind]}</span>
        <span className="title" title={method.path}>
          {method.fullName}
        </span>
        <span style={{ flex: 1 }} />
        <RecordToggle tabId={tabId} kind={method.kind} />
        <label className="muted">
          Deadline{' '}
          <input
            aria-label="Deadline (ms)"
            placeholder="ms"
            size={7}
            value={tab.deadline}
            onChange={(e) => update({ deadline: e.target.value })}
          />
        </label>
        <button
          className="primary"
          title="Send (Ctrl+Enter)"
          onClick={() => void store.getState().send(tabId)}
        >
          Send
        </button>
      </div>
      <div className="subtabs" role="tablist" aria-label="Request views">
        {(['form', 'json'] as const).map((v) => (
          <button
            key={v}
            role="tab"
            aria-selected={tab.editor === v}
            onClick={() => update({ editor: v })}
          >
            {v === 'form' ? 'Form' : 'JSON'}
          </button>
        ))}
        <span style={{ flex: 1 }} />
        <button
          className="small"
          onClick={() => void example()}
          title="Fill with an example of every field"
        >
          Example
        </button>
        {tab.editor === 'json' && (
          <button className="small" onClick={() => update({ body: formatJsonText(tab.body) })}>
            Format
          </button>
        )}
        <CopyGrpcurl tabId={tabId} />
      </div>
      {sendError && (
        <div className="error-text" role="alert" style={{ padding: '4px 8px' }}>
          {sendError}
        </div>
      )}
      <div
        className="pane-body"
        style={tab.editor === 'json' ? { display: 'flex', flexDirection: 'column' } : undefined}
      >
        {unknown.length > 0 && (
          <div className="warn-box" role="note" style={{ marginBottom: 6 }}>
            Not in the schema (renamed or removed?):{' '}
            {unknown.map((i) => formatPath(i.path)).join(', ')}
            <button
              className="small"
              style={{ marginLeft: 8 }}
              onClick={() =>
                setValue(
                  unknown.reduce<JsonValue>(
                    (v, i) => setAt(v, i.path, undefined),
                    parsed.ok ? parsed.value : {},
                  ),
                )
              }
            >
              Remove them
            </button>
          </div>
        )}
        {tab.editor === 'form' ? (
          parsed.ok ? (
            <MessageForm
              schema={schema}
              typeName={method.inputType}
              value={parsed.value}
              onChange={setValue}
              depth={0}
            />
          ) : (
            <p className="error-text">
              The JSON has an error ({parsed.error}); fix it in the JSON view.
            </p>
          )
        ) : (
          <div style={{ flex: 1, minHeight: 160 }}>
            <JsonEditor
              schema={schema}
              typeName={method.inputType}
              value={tab.body}
              onChange={(body) => update({ body })}
              label="Request JSON"
            />
          </div>
        )}
        <h4 style={{ margin: '12px 0 4px' }}>Metadata</h4>
        <MetadataRows
          label="Metadata"
          rows={tab.metadata}
          onChange={(metadata) => update({ metadata })}
        />
      </div>
    </>
  );
}
