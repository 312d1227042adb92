// A repeated field: items with add, remove and reorder.
import type { FieldInfo, SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { moveItem } from '../../form/jsonPath.js';
import { defaultValue } from '../../form/defaults.js';
import { ValueEditor } from './ValueEditor.js';
import { WrongShape } from './WrongShape.js';

export function RepeatedEditor({
  schema,
  field,
  value,
  onChange,
  depth,
}: {
  schema: SchemaModel;
  field: FieldInfo;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  depth: number;
}) {
  if (value !== undefined && value !== null && !Array.isArray(value))
    return (
      <WrongShape
        value={value}
        expected="expected a list (repeated field)"
        label={field.name}
        onChange={onChange}
      />
    );
  const items = Array.isArray(value) ? value : [];
  const set = (next: JsonValue[]): void => onChange(next.length ? next : undefined);
  return (
    <div role="group" aria-label={field.name}>
      {items.map((item, i) => (
        <div className="list-item" key={i}>
          <div className="grow">
            <ValueEditor
              schema={schema}
              type={field.type}
              value={item}
              label={`${field.name}[${i}]`}
              depth={depth}
              onChange={(v) => set(items.map((x, j) => (j === i ? (v ?? null) : x)))}
            />
          </div>
          <button
            className="small"
            aria-label={`Move ${field.name}[${i}] up`}
            disabled={i === 0}
            onClick={() => set(moveItem(items, i, i - 1))}
          >
            ↑
          </button>
          <button
            className="small"
            aria-label={`Move ${field.name}[${i}] down`}
            disabled={i === items.length - 1}
            onClick={() => set(moveItem(items, i, i + 1))}
          >
            ↓
          </button>
          <button
            className="small"
            aria-label={`Remove ${field.name}[${i}]`}
            onClick={() => set(items.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        className="small"
        aria-label={`Add ${field.name}`}
        onClick={() => set([...items, defaultValue(schema, field.type)])}
      >
        + Add
      </button>
    </div>
  );
}
