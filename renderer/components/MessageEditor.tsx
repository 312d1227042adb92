// A message in the form or the JSON editor (the same text behind both), with fields the schema
// does not know pointed out. `MessageBody` is that editor over any text: a prepared message of the
// request (`MessageEditor`) and the composer of an open stream use it alike.
import { useEffect, useMemo, useRef } from 'react';
import type { EditorView as CodeMirrorView } from '@codemirror/view';
import type { JsonValue } from '../../shared/calls/events.js';
import type { MethodInfo, SchemaModel } from '../../shared/schema/model.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { parseMessage, type EditorView } from '../store/tab.js';
import { MessageForm } from './form/MessageForm.js';
import { JsonEditor, focusFirstProblem } from './JsonEditor.js';
import type { InvalidFocus } from '../store/callsSlice.js';
import { validateMessage } from '../form/validate.js';
import { formatPath, setAt } from '../form/jsonPath.js';

export function MessageBody({
  schema,
  typeName,
  text,
  onText,
  onValue,
  editor,
  label,
  focusKey,
}: {
  schema: SchemaModel;
  typeName: string;
  text: string;
  onText: (text: string) => void;
  onValue: (value: JsonValue) => void;
  editor: EditorView;
  /** The JSON editor's accessible name. */
  label: string;
  /** Which message this is, so a send the schema refused can move focus to its bad field. */
  focusKey?: InvalidFocus;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<CodeMirrorView | null>(null);
  const store = useStoreApi();
  const focusWanted = useWb(
    (s) =>
      focusKey !== undefined &&
      s.invalidFocus?.tabId === focusKey.tabId &&
      s.invalidFocus.message === focusKey.message,
  );
  // After a blocked send: focus the first marked field of the form (nested messages with a
  // refused value are open already), or put the JSON editor's cursor on the refused value.
  useEffect(() => {
    if (!focusWanted) return;
    if (editor === 'form') {
      const field = host.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      field?.scrollIntoView({ block: 'center' });
      field?.focus();
    } else if (view.current) focusFirstProblem(view.current, schema, typeName);
    store.getState().takeInvalidFocus();
  }, [focusWanted, editor, schema, typeName, store]);
  const parsed = useMemo(() => parseMessage(text), [text]);
  const unknown = useMemo(() => {
    if (!parsed.ok) return [];
    return validateMessage(schema, typeName, parsed.value).filter(
      (i) => i.kind === 'unknown-field',
    );
  }, [parsed, schema, typeName]);
  const setValue = (v: JsonValue | undefined): void => onValue(v ?? {});
  return (
    <div ref={host} className="message-body">
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
      {editor === 'form' ? (
        parsed.ok ? (
          <MessageForm
            schema={schema}
            typeName={typeName}
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
            typeName={typeName}
            value={text}
            onChange={onText}
            label={label}
            viewRef={view}
          />
        </div>
      )}
    </div>
  );
}

/** Message `index` of the active tab's request. */
export function MessageEditor({
  tabId,
  index,
  schema,
  method,
  editor,
}: {
  tabId: string;
  index: number;
  schema: SchemaModel;
  method: MethodInfo;
  editor: EditorView;
}) {
  const store = useStoreApi();
  const text = useWb((s) => tabById(s, tabId)?.texts[index] ?? '{}');
  return (
    <MessageBody
      schema={schema}
      typeName={method.inputType}
      text={text}
      onText={(t) => store.getState().setMessageText(tabId, index, t)}
      onValue={(v) => store.getState().setMessage(tabId, index, v)}
      editor={editor}
      label="Request JSON"
      focusKey={{ tabId, message: index }}
    />
  );
}
