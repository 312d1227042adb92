// One recorded call is an NDJSON file: a header line, then one line per call event. The event lines
// are the engine's CallEvent (shared/calls/events.ts) plus the direction, so the same log that
// feeds the timeline is what lands on disk, and a recording opens in the same viewer.

import type { CallEvent, MetadataEntry } from '../calls/events.js';
import type { CallKind } from '../schema/model.js';

export const RECORDING_FORMAT = 'gwb-recording';
export const RECORDING_VERSION = 1;

/** Who a line is about: client → server, server → client, or neither (start, end, status). */
export type RecordingDirection = 'client' | 'server' | 'local';

/** The first line of a recording: everything replay and mock need without other files. */
export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  version: number;
  /** '/package.Service/Method' */
  method: string;
  kind: CallKind;
  /** Full names of the request and response message types. */
  requestType: string;
  responseType: string;
  /** Where the call went (host:port), as the user gave it. */
  target: string;
  /** Wall-clock start, ms since the epoch. */
  startedAt: number;
  /** Request metadata as sent. */
  metadata: MetadataEntry[];
  /** Deadline in ms from the start, if the call had one. */
  deadlineMs?: number;
  /**
   * base64 of each google.protobuf.FileDescriptorProto the method needs (dependencies first), so
   * a recording replays, diffs and mocks on a machine that has neither the protos nor the server.
   */
  files: string[];
  /** Free text on where the schema came from (proto files, reflection…), for people. */
  schemaSource?: string;
  /** Set on a recording made by replaying another one: that recording's path. */
  replayOf?: string;
  /**
   * The secret variables the call used: their values are masked (`[secret:NAME]`) in the header's
   * metadata and in the events. A replay takes them from the environment again; a mock cannot.
   */
  secrets?: string[];
}

/** One event line: a call event and its direction. */
export type RecordingEvent = CallEvent & { dir: RecordingDirection };

/** The single-file export: the header and every event in one JSON document. */
export interface RecordingDocument {
  header: RecordingHeader;
  events: RecordingEvent[];
}

export function directionOf(type: CallEvent['type']): RecordingDirection {
  switch (type) {
    case 'sent':
    case 'half_closed':
      return 'client';
    case 'headers':
    case 'received':
    case 'trailers':
      return 'server';
    default:
      return 'local';
  }
}
