// The names an expression sees, from a call's result and its request document:
//   status      {code: int, name: "OK", message, details: [{type, value, raw}]}
//   headers     map of lowercase key → value; a repeated key holds its LAST value (so
//   trailers    `headers["x"] == "v"` stays a string comparison; all values are in the log)
//   response    the response message of a unary or client-stream call
//   messages    every received message, in order, for every kind of call
//   message     one received message at a time (an assertion using it runs once per message)
//   durationMs  the call's duration in milliseconds (double)
//   request     {messages: the document's messages, message: the first}, as written (templates)
// Each is converted only when an expression names it, once per call.
import type { CelInput } from '@bufbuild/cel';
import type { JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import type { CallResult } from './call-result.js';
import type { Bindings, RootName } from './compile.js';
import { celOfJson } from './values.js';

export interface RequestMessages {
  messages: readonly JsonValue[];
}

function metadataMap(entries: readonly MetadataEntry[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const { key, value } of entries) map.set(key.toLowerCase(), value);
  return map;
}

/** The single response, where the kind of call has one and it came. */
export function singleResponse(result: CallResult): JsonValue | undefined {
  const single = result.kind === 'unary' || result.kind === 'client_stream';
  return single ? result.messages[0] : undefined;
}

function statusOf(result: CallResult): CelInput | undefined {
  const { status } = result;
  if (!status) return undefined;
  return new Map<string, CelInput>([
    ['code', BigInt(status.code)],
    ['name', status.codeName],
    ['message', status.message],
    [
      'details',
      status.details.map((d) =>
        celOfJson({ type: d.type, value: d.value, raw: d.raw } as JsonValue),
      ),
    ],
  ]);
}

function build(name: RootName, result: CallResult, request: RequestMessages): CelInput | undefined {
  switch (name) {
    case 'status':
      return statusOf(result);
    case 'headers':
      return metadataMap(result.headers);
    case 'trailers':
      return metadataMap(result.trailers);
    case 'response': {
      const response = singleResponse(result);
      return response === undefined ? undefined : celOfJson(response);
    }
    case 'messages':
      return result.messages.map(celOfJson);
    case 'durationMs':
      return result.durationMs;
    case 'request':
      return new Map<string, CelInput>([
        ['messages', request.messages.map(celOfJson)],
        ['message', celOfJson(request.messages[0] ?? {})],
      ]);
    case 'message':
      return undefined; // bound per message by the evaluator
  }
}

/** The bindings of one call, each built on first use. */
export class CallBindings {
  private readonly built = new Map<RootName, CelInput | undefined>();

  constructor(
    readonly result: CallResult,
    private readonly request: RequestMessages,
  ) {}

  get(name: RootName): CelInput | undefined {
    if (!this.built.has(name)) this.built.set(name, build(name, this.result, this.request));
    return this.built.get(name);
  }

  /** What `roots` need; a name without a value is left out (the evaluator says why). */
  for(roots: ReadonlySet<RootName>): Bindings {
    const bindings: Bindings = {};
    for (const name of roots) {
      const value = this.get(name);
      if (value !== undefined) bindings[name] = value;
    }
    return bindings;
  }
}
