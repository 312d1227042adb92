// History entries of format 1 held a format-1 saved request. They are migrated as they are read
// (history files are never rewritten): the request becomes a request document, its schema source
// inline. One that cannot be migrated is listed with its error, never dropped silently.
import {
  HISTORY_FORMAT_VERSION,
  HistoryEntrySchema,
  type HistoryEntry,
} from '../../../shared/workspace/history.js';
import { validate } from '../store/json-file.js';
import { HistoryEntryV1Schema } from './v1-format.js';
import { requestFromV1, type SourceList } from './v1-to-v2.js';

export function historyEntryFromValue(
  value: unknown,
  sources: SourceList,
  file: string,
): HistoryEntry {
  const version =
    value !== null && typeof value === 'object' && 'version' in value
      ? (value as { version: unknown }).version
      : undefined;
  if (version !== 1) return validate(HistoryEntrySchema, value, file);
  const old = validate(HistoryEntryV1Schema, value, file);
  const { request } = requestFromV1(old.request, sources, file);
  return validate(HistoryEntrySchema, { ...old, version: HISTORY_FORMAT_VERSION, request }, file);
}
