// The request JSON editor: completion of field names and enum values from the schema, and marks
// for syntax errors and for values the schema does not accept.
import { useId, useMemo, useRef, type MutableRefObject } from 'react';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { autocompletion } from '@codemirror/autocomplete';
import { diagnosticCount, forceLinting, linter, type Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import type { SchemaModel } from '../../shared/schema/model.js';
import { CodeEditor } from './CodeEditor.js';
import { locateJson, JsonSyntaxError, pathKey } from '../json/locate.js';
import { validateMessage } from '../form/validate.js';
import { cursorContext } from '../json/cursorPath.js';
import { fieldAt, messageAt } from '../json/schemaPath.js';
import { formatPath } from '../form/jsonPath.js';

export function jsonDiagnostics(schema: SchemaModel, typeName: string, text: string): Diagnostic[] {
  if (text.trim() === '') return [];
  try {
    const located = locateJson(text);
    return validateMessage(schema, typeName, located.value).map((issue) => {
      const span = (issue.at === 'key' ? located.keys.get(pathKey(issue.path)) : undefined) ??
        located.values.get(pathKey(issue.path)) ?? { from: 0, to: 0 };
      return {
        from: span.from,
        to: span.to,
        severity: 'error',
        message: `${formatPath(issue.path)}: ${issue.message}`,
      };
    });
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const at = Math.min(e.offset, text.length);
      return [
        { from: at, to: Math.min(at + 1, text.length), severity: 'error', message: e.message },
      ];
    }
    return [];
  }
}

/** Where the first value the schema refuses sits in the text (else the first syntax error). */
export function firstProblemSpan(
  schema: SchemaModel,
  typeName: string,
  text: string,
): { from: number; to: number } | null {
  const diagnostics = jsonDiagnostics(schema, typeName, text);
  const refused = diagnostics.find((d) => !/: unknown field "/.test(d.message));
  return refused ?? null;
}

/** After a blocked send: the cursor on the refused value, its lint mark shown now, focus here. */
export function focusFirstProblem(view: EditorView, schema: SchemaModel, typeName: string): void {
  const span = firstProblemSpan(schema, typeName, view.state.doc.toString());
  if (span)
    view.dispatch({ selection: { anchor: span.from, head: span.to }, scrollIntoView: true });
  view.focus();
  forceLinting(view);
}

export function JsonEditor({
  schema,
  typeName,
  value,
  onChange,
  label,
  viewRef,
}: {
  schema: SchemaModel;
  typeName: string;
  value: string;
  onChange: (text: string) => void;
  label: string;
  viewRef?: MutableRefObject<EditorView | null>;
}) {
  const problemId = useId();
  // The first problem, said under the editor; the editor is aria-invalid and described by it.
  const problem = useMemo(
    () => jsonDiagnostics(schema, typeName, value)[0]?.message ?? null,
    [schema, typeName, value],
  );
  // The editor is built once; the schema and type are read through a ref so they stay current.
  const ctx = useRef({ schema, typeName });
  ctx.current = { schema, typeName };
  const extensions = useMemo(
    () => [
      autocompletion({
        override: [(c: CompletionContext) => complete(c, ctx.current.schema, ctx.current.typeName)],
      }),
      linter(
        (view) =>
          jsonDiagnostics(ctx.current.schema, ctx.current.typeName, view.state.doc.toString()),
        { delay: 250 },
      ),
      EditorView.contentAttributes.of((view) =>
        diagnosticCount(view.state) > 0
          ? { 'aria-invalid': 'true', 'aria-describedby': problemId }
          : null,
      ),
    ],
    [],
  );
  return (
    <>
      <CodeEditor
        value={value}
        onChange={onChange}
        label={label}
        extensions={extensions}
        viewRef={viewRef}
      />
      {problem && (
        <p id={problemId} className="field-error json-problem">
          {problem}
        </p>
      )}
    </>
  );
}

function complete(
  c: CompletionContext,
  schema: SchemaModel,
  typeName: string,
): CompletionResult | null {
  const text = c.state.doc.toString();
  const where = cursorContext(text, c.pos);
  if (!where) return null;
  if (!c.explicit && c.pos === where.from && !where.inString) return null;
  // Typing `"` auto-closes the string; what is applied replaces that closing quote too.
  const to = where.inString && text[c.pos] === '"' ? c.pos + 1 : c.pos;
  if (where.at === 'key') {
    const msg = messageAt(schema, typeName, where.container);
    if (!msg) return null;
    return {
      from: where.from,
      to,
      options: msg.fields.map((f) => ({
        // As for enum values below: a bare `sc` only matches a label without quotes.
        ...(where.inString
          ? { label: `"${f.jsonName}"` }
          : { label: f.jsonName, displayLabel: `"${f.jsonName}"` }),
        apply: `"${f.jsonName}": `,
        detail: f.map
          ? 'map'
          : f.repeated
            ? `repeated ${f.type.kind === 'scalar' ? f.type.scalar : f.type.typeName}`
            : f.type.kind === 'scalar'
              ? f.type.scalar
              : f.type.typeName,
        info: f.comment,
        type: 'property',
      })),
    };
  }
  const path = where.key !== null ? [...where.container, where.key] : where.container;
  const field = fieldAt(
    schema,
    typeName,
    path.filter((_, i) => i < path.length),
  );
  if (!field) return null;
  if (field.type.kind === 'enum') {
    const en = schema.enums[field.type.typeName.replace(/^\./, '')];
    if (!en) return null;
    // Typed inside quotes the label carries them; typed bare (`G`), it must not, or the matcher
    // never pairs `G` with `"GREEN"` — the quotes come with the applied text instead.
    return {
      from: where.from,
      to,
      options: en.values.map((v) =>
        where.inString
          ? { label: `"${v.name}"`, detail: String(v.number), info: v.comment, type: 'enum' }
          : {
              label: v.name,
              displayLabel: `"${v.name}"`,
              apply: `"${v.name}"`,
              detail: String(v.number),
              info: v.comment,
              type: 'enum',
            },
      ),
    };
  }
  if (field.type.kind === 'scalar' && field.type.scalar === 'bool') {
    return {
      from: where.from,
      options: [
        { label: 'true', type: 'keyword' },
        { label: 'false', type: 'keyword' },
      ],
    };
  }
  return null;
}
