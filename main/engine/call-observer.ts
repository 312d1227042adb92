// What watches a call: the UI batcher, the recorder and history each attach an observer to a
// call when it starts, explicitly, instead of finding calls by id or by order afterwards.
// Observers read events; they never change them (an emitted event is never changed in the log).
import type { CallEvent, MetadataEntry } from '../../shared/calls/events.js';
import type { RequestDocument } from '../../shared/request/document.js';
import type { MethodInfo } from '../../shared/schema/model.js';
import type { LoadedSchema } from '../schema/index.js';
import type { CaptureScope } from '../checks/capture-scope.js';

/** Everything known about a call when it starts, handed to each observer factory. */
export interface CallStart {
  callId: string;
  method: MethodInfo;
  /** The document as the caller gave it: `{{variables}}` not substituted, so no secret in it. */
  template: RequestDocument;
  /** The saved request it was made from, when it was (`collection/folder/name`). */
  requestPath?: string;
  /** The environment whose values were substituted. */
  environment?: string;
  /** Secret variable values used by this call (name → value), to be masked in what is kept. */
  secrets: ReadonlyMap<string, string>;
  /**
   * Values captured as secret from this call's own answer (name → value): unknown at the start,
   * filled by the checks observer when the call ends, before the observers after it hear the end.
   */
  capturedSecrets?: Map<string, string>;
  /** Whether the log keeps each message's base64 (a recorder gets the bytes from onEvent anyway). */
  keepRaw: boolean;
  /** The schema the call encodes with (a recorder stores the method's files from it). */
  schema: LoadedSchema;
  /** The channel target the call goes to, after substitution (`host:port`, `unix:/path`). */
  target: string;
  /** The metadata sent, after substitution. */
  metadata: readonly MetadataEntry[];
  deadlineMs?: number;
  /** The caller's record choice; absent: the default for the method's kind. */
  record?: boolean;
  /** The caller's own captured values (a run); absent: the engine's default scope. */
  captures?: CaptureScope;
  /**
   * Tells the caller something about this call in words, with `call.start`'s answer: what an
   * observer will not do for it that the user would expect, and why (shown beside the response).
   */
  note(text: string): void;
}

export interface CallObserver {
  /**
   * Each event as it is appended to the call's log, in order. `raw` is the encoded message of a
   * sent or received event (whether or not the log keeps its base64).
   */
  onEvent?(event: Readonly<CallEvent>, raw?: Uint8Array): void;
  /** Once, after the `ended` event, with the whole log. */
  onEnded?(events: readonly CallEvent[]): void;
  /** The call could not start after all (a message did not fit): nothing was or will be logged. */
  onAbandoned?(): void;
}

/** Decides per call whether to watch it; undefined: not this one. */
export type CallObserverFactory = (start: CallStart) => CallObserver | undefined;
