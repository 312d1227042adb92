// Finding a method in a schema, and what kind of call it is: written once, used by the engine,
// the CLI and the renderer.
import type { CallKind, MethodInfo, SchemaModel } from './model.js';
import { toMethodPath } from '../request/method-path.js';

/** Protobuf's method kinds (descriptor and @bufbuild names) → the call kind. */
export const CALL_KIND_OF = {
  unary: 'unary',
  server_streaming: 'server_stream',
  client_streaming: 'client_stream',
  bidi_streaming: 'bidi_stream',
} as const satisfies Record<string, CallKind>;

export type ProtoMethodKind = keyof typeof CALL_KIND_OF;

/** Whether the client sends a stream of messages (client and bidi streams). */
export const sendsStream = (kind: CallKind): boolean =>
  kind === 'client_stream' || kind === 'bidi_stream';

/** Whether the server answers with a stream of messages (server and bidi streams). */
export const receivesStream = (kind: CallKind): boolean =>
  kind === 'server_stream' || kind === 'bidi_stream';

export type MethodLookup = { method: MethodInfo } | { problem: string; method?: undefined };

/**
 * `/pkg.Svc/M`, `pkg.Svc/M` and `pkg.Svc.M` all name the same method. The problem, when there is
 * one, says what is wrong in the user's words (which service or method is missing, what exists).
 */
export function lookupMethod(model: SchemaModel | null | undefined, symbol: string): MethodLookup {
  const path = toMethodPath(symbol);
  if (!path)
    return {
      problem: `"${symbol}" is not a method name; write SERVICE/METHOD, e.g. example.UserService/GetUser`,
    };
  if (!model) return { problem: `no schema is loaded for ${path.slice(1)}` };
  const serviceName = path.slice(1, path.lastIndexOf('/'));
  const service = model.services.find((s) => s.fullName === serviceName);
  if (!service) {
    const known = model.services.map((s) => s.fullName).join(', ') || 'none';
    return { problem: `service ${serviceName} not found (known: ${known})` };
  }
  const method = service.methods.find((m) => m.path === path);
  if (!method) {
    const has = service.methods.map((m) => m.name).join(', ');
    return {
      problem: `service ${serviceName} has no method ${path.slice(path.lastIndexOf('/') + 1)} (it has: ${has})`,
    };
  }
  return { method };
}

/** The method, or undefined when the schema lacks it. */
export function findMethod(
  model: SchemaModel | null | undefined,
  symbol: string | null | undefined,
): MethodInfo | undefined {
  return symbol ? lookupMethod(model, symbol).method : undefined;
}
