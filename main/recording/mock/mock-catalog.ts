import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { RecordingHeader } from '../../../shared/recording/index.js';
import { readHeader, recordingSpan, type RecordingSpan } from '../reader/index.js';
import { recordingsIn, splitAddress } from '../reader/recording-address.js';
import { RecordingError } from '../recording-error.js';
import { headerFiles, recordingCodecs, type RecordingCodecs } from '../recording-schema.js';
import { readRecordedRequests, type RecordedRequests } from './recorded-requests.js';

/**
 * One recording the mock can answer with. Only the header and a summary of the client messages
 * (for choosing a recording by request) are kept in memory.
 */
export interface MockEntry {
  /** Its address (`FILE`, `FILE#N`). */
  file: string;
  /** Where its bytes are, resolved once as the mock loads: each call is answered from them. */
  span: RecordingSpan;
  header: RecordingHeader;
  codecs: RecordingCodecs;
  requests: RecordedRequests;
}

export interface MockCatalog {
  /** By method path, in the order the recordings were given; the first is the method's default. */
  byMethod: Map<string, MockEntry[]>;
  /** Every file descriptor the recordings carry (for reflection). */
  files: FileDescriptorProto[];
  /**
   * Recordings left out because they carry no schema (`gwb proxy` records a method it has no
   * schema for, gwb's own reflection calls among them, with `files: []`): the mock could not
   * encode their answers. The others of the same file or folder are served. Always empty unless
   * asked for (MockCatalogOptions.leaveOutSchemaless).
   */
  skipped: string[];
}

export interface MockCatalogOptions {
  /**
   * Leave out recordings with no schema (MockCatalog.skipped) instead of refusing them: for `gwb
   * mock FILE-or-FOLDER`, which says on stderr what it left out. The workbench's mock has no word
   * for that in its view, so a recording chosen there that cannot be served is refused.
   */
  leaveOutSchemaless?: boolean;
}

/**
 * A folder stands for the recordings in it (*.ndjson, *.jsonl, and the files of several recordings
 * `gwb proxy` writes, *.recordings), sorted by name; a file of several recordings for each of them,
 * in their order (an address `FILE#N` for one of them).
 */
const RECORDING_NAME = /\.(ndjson|jsonl|recordings)$/;

function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input) && splitAddress(input) === undefined)
      throw new RecordingError('no such file or folder', input);
    if (existsSync(input) && statSync(input).isDirectory()) {
      const found = readdirSync(input)
        .filter((f) => RECORDING_NAME.test(f))
        .sort()
        .map((f) => path.join(input, f));
      if (found.length === 0)
        throw new RecordingError('the folder holds no recordings (*.ndjson, *.recordings)', input);
      for (const file of found) out.push(...recordingsIn(file));
    } else out.push(...recordingsIn(input));
  }
  return out;
}

export async function loadMockCatalog(
  inputs: readonly string[],
  options: MockCatalogOptions = {},
): Promise<MockCatalog> {
  const byMethod = new Map<string, MockEntry[]>();
  const files: FileDescriptorProto[] = [];
  const skipped: string[] = [];
  for (const file of expandInputs(inputs)) {
    const span = recordingSpan(file);
    const header = await readHeader(span);
    if (header.files.length === 0 && options.leaveOutSchemaless === true) {
      skipped.push(file);
      continue;
    }
    const codecs = recordingCodecs(header, span);
    const requests = await readRecordedRequests(span, header.kind, codecs.request);
    const entry: MockEntry = { file, span, header, codecs, requests };
    const list = byMethod.get(header.method) ?? [];
    const other = list[0];
    if (other && other.header.kind !== header.kind) {
      throw new RecordingError(
        `${header.method} is a ${header.kind} call here but a ${other.header.kind} call in ${other.file}`,
        file,
        1,
      );
    }
    list.push(entry);
    byMethod.set(header.method, list);
    files.push(...headerFiles(header, span));
  }
  if (byMethod.size === 0)
    throw new RecordingError(
      skipped.length > 0 ? `nothing to serve: ${skippedText(skipped)}` : 'no recordings given',
      inputs.join(', ') || '(none)',
    );
  return { byMethod, files, skipped };
}

const NAMED_SKIPPED = 10;

/** Which recordings were left out for having no schema, and why (at most 10 named). */
export function skippedText(skipped: readonly string[]): string {
  const named = skipped.slice(0, NAMED_SKIPPED).join(', ');
  const more = skipped.length > NAMED_SKIPPED ? ` and ${skipped.length - NAMED_SKIPPED} more` : '';
  const count = skipped.length === 1 ? '1 recording' : `${skipped.length} recordings`;
  return `left out ${count} with no schema (gwb proxy had none for the method: the messages are kept as bytes, which the mock cannot answer with): ${named}${more}`;
}
