// CodeMirror 6 in React: the document follows `value` from outside without losing the cursor
// when the change came from this editor itself.
import { useEffect, useRef, type MutableRefObject } from 'react';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  syntaxHighlighting,
  indentOnInput,
} from '@codemirror/language';
import { jsonHighlight } from './response/jsonHighlight.js';
import {
  autocompletion,
  closeBrackets,
  completionKeymap,
  closeBracketsKeymap,
} from '@codemirror/autocomplete';
import { lintGutter, lintKeymap } from '@codemirror/lint';

export interface CodeEditorProps {
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  label: string;
  extensions?: Extension[];
  /** Receives the editor view, for callers that move the cursor (to a refused value). */
  viewRef?: MutableRefObject<EditorView | null>;
  /** The id of the words that describe the value (a problem with it), and whether it is refused. */
  describedBy?: string;
  invalid?: boolean;
}

/** The textbox's aria-describedby and aria-invalid, which change with the value's problem. */
function describedAttributes(describedBy?: string, invalid?: boolean): Extension {
  return EditorView.contentAttributes.of({
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
  });
}

export function CodeEditor({
  value,
  onChange,
  readOnly,
  label,
  extensions = [],
  viewRef,
  describedBy,
  invalid,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const described = useRef(new Compartment());
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          drawSelection(),
          highlightActiveLine(),
          history(),
          json(),
          bracketMatching(),
          indentOnInput(),
          // Theme-aware colours (the default style's dark red fails contrast on the dark theme).
          syntaxHighlighting(jsonHighlight, { fallback: true }),
          EditorState.readOnly.of(!!readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          described.current.of(describedAttributes(describedBy, invalid)),
          ...(readOnly ? [] : [closeBrackets(), autocompletion(), lintGutter()]),
          // Ctrl/Cmd+Enter sends the request (a window shortcut); CodeMirror would also insert a blank line.
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap.filter((k) => k.key !== 'Mod-Enter'),
            ...historyKeymap,
            ...foldKeymap,
            ...completionKeymap,
            ...lintKeymap,
          ]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changeRef.current?.(u.state.doc.toString());
          }),
          EditorView.theme({
            '&': { backgroundColor: 'var(--bg)', color: 'var(--fg)' },
            '.cm-gutters': {
              backgroundColor: 'var(--bg2)',
              color: 'var(--fg2)',
              borderRight: '1px solid var(--border)',
            },
            '.cm-activeLine': { backgroundColor: 'transparent' },
          }),
          ...extensions,
        ],
      }),
    });
    view.current = v;
    if (viewRef) viewRef.current = v;
    return () => {
      if (viewRef) viewRef.current = null;
      v.destroy();
    };
    // The editor is built once per mount; later prop changes go through the effect below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: described.current.reconfigure(describedAttributes(describedBy, invalid)),
    });
  }, [describedBy, invalid]);

  return <div className="cm-host" ref={host} />;
}
