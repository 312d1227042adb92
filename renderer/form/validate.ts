// Checks a JSON draft against the schema the way the engine will, so the form and the JSON editor
// can mark problems before sending. Every issue names the field path.
import type { FieldInfo, SchemaModel, ValueType } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { formatPath, isObject, type JsonPath } from './jsonPath.js';
import { checkScalarValue } from './scalars.js';
import { awaitsSubstitution } from './placeholders.js';
import { checkDuration, checkTimestamp, wellKnownKind } from './wellKnown.js';
import { fieldByKey, findMessage, oneofMembers, hasField } from './schemaLookup.js';

/**
 * What an issue is, which decides whether it blocks a send: a value the schema refuses ('value'),
 * two members of one oneof set ('oneof'), or a field the schema does not know ('unknown-field').
 */
export type IssueKind = 'value' | 'oneof' | 'unknown-field';

export interface ValidationIssue {
  kind: IssueKind;
  path: JsonPath;
  message: string;
  /** 'key' marks the property name (unknown field); 'value' marks the value. */
  at: 'key' | 'value';
}

/**
 * The issues that block a send: every value the schema refuses. A field the schema does not know
 * is only pointed out (renamed or removed?): the engine says the last word on it.
 */
export function blockingIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.kind !== 'unknown-field');
}

export function validateMessage(
  schema: SchemaModel,
  typeName: string,
  value: JsonValue,
  path: JsonPath = [],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkMessage(schema, typeName, value, path, issues);
  return issues;
}

function checkMessage(
  schema: SchemaModel,
  typeName: string,
  value: JsonValue,
  path: JsonPath,
  issues: ValidationIssue[],
): void {
  const wk = wellKnownKind(typeName);
  if (wk) {
    let err: string | null = null;
    if (wk.kind === 'timestamp') err = checkTimestamp(value);
    else if (wk.kind === 'duration') err = checkDuration(value);
    else if (wk.kind === 'wrapper')
      err = value === null ? null : checkScalarValue(wk.scalar, value);
    else if (wk.kind === 'struct' || wk.kind === 'empty')
      err = isObject(value) ? null : 'expected a JSON object';
    else if (wk.kind === 'list') err = Array.isArray(value) ? null : 'expected a JSON array';
    else if (wk.kind === 'fieldmask')
      err = typeof value === 'string' ? null : 'expected comma-separated paths';
    else if (wk.kind === 'any') {
      if (!isObject(value)) err = 'expected a JSON object with "@type"';
      else if (Object.keys(value).length > 0) {
        const url = value['@type'];
        if (typeof url !== 'string') err = 'an Any needs "@type"';
        else {
          const inner = url.slice(url.lastIndexOf('/') + 1);
          if (!findMessage(schema, inner)) err = `unknown type ${inner} in "@type"`;
          else {
            const innerWk = wellKnownKind(inner);
            if (innerWk) {
              if ('value' in value)
                checkMessage(schema, inner, value.value as JsonValue, [...path, 'value'], issues);
            } else {
              const { ['@type']: _t, ...rest } = value;
              checkMessage(schema, inner, rest, path, issues);
            }
          }
        }
      }
    }
    if (err) issues.push({ kind: 'value', path, message: err, at: 'value' });
    return;
  }
  const msg = findMessage(schema, typeName);
  if (!msg) return;
  if (!isObject(value)) {
    issues.push({ kind: 'value', path, message: `expected an object (${msg.name})`, at: 'value' });
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const field = fieldByKey(msg, key);
    if (!field) {
      issues.push({
        kind: 'unknown-field',
        path: [...path, key],
        message: `unknown field "${key}" in ${msg.fullName}`,
        at: 'key',
      });
      continue;
    }
    checkField(schema, field, v, [...path, key], issues);
  }
  for (const oneof of msg.oneofs) {
    const set = oneofMembers(msg, oneof).filter((f) => hasField(value, f) && !isNull(value, f));
    if (set.length > 1) {
      const second = set[1] as FieldInfo;
      issues.push({
        kind: 'oneof',
        path: [...path, hasOwn(value, second.jsonName) ? second.jsonName : second.name],
        message: `oneof ${oneof} has more than one field set (${set.map((f) => f.name).join(', ')})`,
        at: 'key',
      });
    }
  }
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isNull = (o: { [k: string]: JsonValue }, f: FieldInfo): boolean =>
  (o[f.jsonName] ?? o[f.name]) === null;

function checkField(
  schema: SchemaModel,
  field: FieldInfo,
  v: JsonValue,
  path: JsonPath,
  issues: ValidationIssue[],
): void {
  if (
    v === null &&
    !(field.type.kind === 'message' && wellKnownKind(field.type.typeName)?.kind === 'value')
  )
    return; // null = default
  if (field.map) {
    if (!isObject(v)) {
      issues.push({
        kind: 'value',
        path,
        message: 'expected an object of key/value pairs',
        at: 'value',
      });
      return;
    }
    for (const [k, item] of Object.entries(v)) {
      const keyErr =
        field.map.key === 'string'
          ? null
          : field.map.key === 'bool'
            ? k === 'true' || k === 'false'
              ? null
              : 'map key must be true or false'
            : checkScalarValue(field.map.key, k);
      if (keyErr)
        issues.push({
          kind: 'value',
          path: [...path, k],
          message: `map key: ${keyErr}`,
          at: 'key',
        });
      checkValue(schema, field.map.value, item, [...path, k], issues);
    }
    return;
  }
  if (field.repeated) {
    if (!Array.isArray(v)) {
      issues.push({
        kind: 'value',
        path,
        message: 'expected an array (repeated field)',
        at: 'value',
      });
      return;
    }
    v.forEach((item, i) => checkValue(schema, field.type, item, [...path, i], issues));
    return;
  }
  checkValue(schema, field.type, v, path, issues);
}

function checkValue(
  schema: SchemaModel,
  type: ValueType,
  v: JsonValue,
  path: JsonPath,
  issues: ValidationIssue[],
): void {
  if (type.kind === 'scalar') {
    const err = checkScalarValue(type.scalar, v);
    if (err) issues.push({ kind: 'value', path, message: err, at: 'value' });
  } else if (type.kind === 'enum') {
    const en = schema.enums[type.typeName.replace(/^\./, '')];
    if (!en) return;
    if (awaitsSubstitution(v)) return; // checked by the engine after substitution
    const ok =
      typeof v === 'string'
        ? en.values.some((x) => x.name === v)
        : typeof v === 'number' && Number.isInteger(v);
    if (!ok)
      issues.push({
        kind: 'value',
        path,
        message: `expected one of ${en.values.map((x) => x.name).join(', ')}`,
        at: 'value',
      });
  } else {
    checkMessage(schema, type.typeName, v, path, issues);
  }
}

/**
 * Where the messages of a send come from, which says how a refusal names them: the one message of
 * a request ("Not sent: …"), the prepared messages of a stream ("Message 2: …"), or the stream
 * composer's message (just the field: the composer shows its problem beside itself).
 */
export type SendSource = 'request' | 'stream' | 'composer';

const REFUSAL_PREFIX: Record<SendSource, (index: number) => string> = {
  request: () => 'Not sent: ',
  stream: (index) => `Message ${index + 1}: `,
  composer: () => '',
};

/**
 * The first message of a send that the schema refuses, said in the user's words: which message
 * (in a list), which field, what is wrong. Null when every message may go. The one check every
 * Send makes (request editor and stream composer alike).
 */
export function refusedSend(
  schema: SchemaModel,
  typeName: string,
  messages: readonly JsonValue[],
  source: SendSource,
): { index: number; problem: string } | null {
  for (const [index, message] of messages.entries()) {
    const [first, ...more] = blockingIssues(validateMessage(schema, typeName, message));
    if (!first) continue;
    const others = more.length ? ` (and ${more.length} more)` : '';
    const field = first.path.length ? `${formatPath(first.path)}: ` : '';
    return { index, problem: `${REFUSAL_PREFIX[source](index)}${field}${first.message}${others}` };
  }
  return null;
}
