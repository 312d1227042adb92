// The editor for one value of a field's type: scalar, enum, well-known type or nested message.
import type { FieldInfo, SchemaModel, ValueType } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { wellKnownKind } from '../../form/wellKnown.js';
import { EnumSelect } from './EnumSelect.js';
import { ScalarInput } from './ScalarInput.js';
import { WellKnownInput } from './WellKnownInput.js';
import { NestedMessage } from './NestedMessage.js';

const short = (t: string): string => t.slice(t.lastIndexOf('.') + 1);

export function valueTypeLabel(t: ValueType): string {
  return t.kind === 'scalar' ? t.scalar : short(t.typeName);
}

export function typeLabel(f: FieldInfo): string {
  if (f.map) return `map<${f.map.key}, ${valueTypeLabel(f.map.value)}>`;
  return (f.repeated ? 'repeated ' : '') + valueTypeLabel(f.type);
}

/** The type with full names, for the tooltip of a label whose short type may be cut. */
export function fullTypeLabel(f: FieldInfo): string {
  const full = (t: ValueType): string =>
    t.kind === 'scalar' ? t.scalar : t.typeName.replace(/^\./, '');
  if (f.map) return `map<${f.map.key}, ${full(f.map.value)}>`;
  return (f.repeated ? 'repeated ' : '') + full(f.type);
}

export interface ValueEditorProps {
  schema: SchemaModel;
  type: ValueType;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  id?: string;
  label: string;
  depth: number;
  disabled?: boolean;
}

export function ValueEditor({
  schema,
  type,
  value,
  onChange,
  id,
  label,
  depth,
  disabled,
}: ValueEditorProps) {
  if (type.kind === 'scalar')
    return (
      <ScalarInput
        scalar={type.scalar}
        value={value}
        onChange={onChange}
        id={id}
        label={label}
        disabled={disabled}
      />
    );
  if (type.kind === 'enum')
    return (
      <EnumSelect
        schema={schema}
        typeName={type.typeName}
        value={value}
        onChange={onChange}
        id={id}
        label={label}
        disabled={disabled}
      />
    );
  const wk = wellKnownKind(type.typeName);
  if (wk)
    return (
      <WellKnownInput
        schema={schema}
        kind={wk}
        value={value}
        onChange={onChange}
        id={id}
        label={label}
        depth={depth}
        disabled={disabled}
      />
    );
  return (
    <NestedMessage
      schema={schema}
      typeName={type.typeName}
      value={value}
      onChange={onChange}
      label={label}
      depth={depth}
      disabled={disabled}
      id={id}
    />
  );
}
