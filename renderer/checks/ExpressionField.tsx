// One expression of the Tests section in the app's CodeMirror editor, a line high; a refused
// expression shows the engine's words and position under it, and takes focus with the cursor there.
import { useEffect, useRef } from 'react';
import type { EditorView } from '@codemirror/view';
import { CodeEditor } from '../components/CodeEditor.js';
import { expressionCompletion } from './completion.js';
import { offsetOf, type CheckProblem } from './problems.js';

export function ExpressionField({
  label,
  value,
  onChange,
  problem,
  focusSerial,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  problem: CheckProblem | undefined;
  /** Changes when a save was refused over this field: focus moves here. */
  focusSerial: number | undefined;
}) {
  const view = useRef<EditorView | null>(null);
  useEffect(() => {
    const v = view.current;
    if (focusSerial === undefined || !v || !problem) return;
    const at = offsetOf(v.state.doc.toString(), problem.line, problem.column);
    v.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    v.focus();
    // Only a new refusal moves focus, not each render.
  }, [focusSerial]);
  const id = `${label.replace(/\W+/g, '-')}-problem`;
  return (
    <div className={`check-expr${problem ? ' invalid' : ''}`}>
      <CodeEditor
        label={label}
        value={value}
        onChange={onChange}
        viewRef={view}
        extensions={[expressionCompletion]}
        {...(problem ? { describedBy: id, invalid: true } : {})}
      />
      {problem && (
        <p className="error-text check-problem" id={id} role="alert">
          {label} at {problem.line}:{problem.column}: {problem.message}
        </p>
      )}
    </div>
  );
}
