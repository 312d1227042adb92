// A response message, read-only, in CodeMirror with line numbers, folding and selection.
// Built for size: the text is made once per message, folds come from one pass over its lines
// (foldRanges) rather than a JSON parse, and syntax colours are left out above SMALL_DOC — the
// JSON parser would read a multi-megabyte string token in one piece before the first paint.
import { useEffect, useMemo, useRef } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { foldGutter, foldKeymap, foldService, syntaxHighlighting } from '@codemirror/language';
import { prettyJsonFolds } from './foldRanges.js';
import { sidewaysScrollKeys } from './sidewaysKeys.js';
import { jsonHighlight } from './jsonHighlight.js';

/** Below this many characters the response gets JSON syntax colours. */
export const SMALL_DOC = 256 * 1024;

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--fg)' },
  '.cm-gutters': {
    backgroundColor: 'var(--bg2)',
    color: 'var(--fg2)',
    borderRight: '1px solid var(--border)',
  },
});

export function ResponseViewer({ text, label }: { text: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const folds = useMemo(() => prettyJsonFolds(text), [text]);

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          foldGutter(),
          drawSelection(),
          foldService.of((_state, lineStart) => folds.get(lineStart) ?? null),
          ...(text.length <= SMALL_DOC ? [json(), syntaxHighlighting(jsonHighlight)] : []),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          // Not editable, so CodeMirror leaves it out of the Tab order: a long message that scrolls
          // (sideways in a narrow pane) could not be reached and scrolled by keyboard.
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          // …and the arrows, Home and End scroll it sideways (before the default keys, which only
          // move a selection no one sees).
          keymap.of([...sidewaysScrollKeys, ...defaultKeymap, ...foldKeymap]),
          theme,
        ],
      }),
    });
    return () => view.destroy();
  }, [text, folds, label]);

  return <div className="cm-host" ref={host} />;
}
