// After protos are reloaded, saved requests are kept as they are; this says which of them no
// longer fit: the method is gone, or a field of one of its messages is gone from the message type.
import type { JsonValue } from '../../shared/calls/events.js';
import type { MessageInfo, SchemaModel } from '../../shared/schema/model.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { findMethod } from '../../shared/schema/methods.js';

export interface StaleRequest {
  path: string;
  problems: string[];
}

function fieldProblems(
  model: SchemaModel,
  typeName: string,
  value: JsonValue,
  where: string,
  out: string[],
  depth = 0,
): void {
  if (depth > 32 || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const message: MessageInfo | undefined = model.messages[typeName];
  if (!message || message.wellKnown) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === '@type') continue;
    const field = message.fields.find((f) => f.name === key || f.jsonName === key);
    if (!field) {
      out.push(`${where}.${key}: no field "${key}" in ${typeName} any more`);
      continue;
    }
    if (field.map || field.type.kind !== 'message') continue;
    const typeOf = field.type.typeName;
    if (field.repeated && Array.isArray(item))
      item.forEach((el, i) =>
        fieldProblems(model, typeOf, el, `${where}.${key}[${i}]`, out, depth + 1),
      );
    else fieldProblems(model, typeOf, item, `${where}.${key}`, out, depth + 1);
  }
}

export function checkRequest(
  model: SchemaModel,
  request: Pick<RequestDocument, 'method' | 'messages'>,
): string[] {
  const method = findMethod(model, request.method);
  if (!method) return [`method ${request.method} is gone from the schema`];
  const problems: string[] = [];
  request.messages.forEach((m, i) =>
    fieldProblems(model, method.inputType, m, `messages[${i}]`, problems),
  );
  return problems;
}

/** Requests (path + content) checked against a reloaded schema; only the ones with problems are returned. */
export function flagStaleRequests(
  model: SchemaModel,
  requests: readonly { path: string; request: Pick<RequestDocument, 'method' | 'messages'> }[],
): StaleRequest[] {
  return requests
    .map(({ path, request }) => ({ path, problems: checkRequest(model, request) }))
    .filter((r) => r.problems.length > 0);
}
