import { formatPath } from '../../../shared/json/format-path.js';
import type { z } from 'zod';
import {
  FILE_LIMITS,
  FileReadError,
  readFileTextWithStats,
  type TextRead,
} from '../../platform/safe-read.js';
import { excerpt, isSecretsFile, jsonErrorReason } from '../../platform/file-excerpt.js';
import { cachedCheckedText, cachedText } from './read-cache.js';
import { insideWorkspace } from './inside.js';
import { WorkspaceError } from './workspace-error.js';

/**
 * A test seam: every workspace file opened is opened by readText and parsed by parseJsonText, so a test can
 * count what one operation reads (saving one request must read at most that request's file).
 */
export const fileProbe: { onRead?: (file: string) => void; onParse?: (file: string) => void } = {};

/** Pretty, 2-space, trailing newline: the one text form of every workspace file. */
export function toFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** JSON.parse with the error placed at a line and column of the file. */
export function parseJsonText(text: string, file: string): unknown {
  fileProbe.onParse?.(file);
  if (text.trim() === '') throw new WorkspaceError(`${file}: the file is empty`, 'ECORRUPT');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position
      ? Number(position[1])
      : /end of JSON input/.test(message)
        ? text.length
        : undefined;
    const where = offset !== undefined ? lineAndColumn(text, offset) : 'an unknown place';
    // Never the file's text beyond a short excerpt (V8 quotes the input; see file-excerpt.ts).
    const reason = jsonErrorReason(message, file)
      .replace(/^Unexpected/, 'unexpected')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    throw new WorkspaceError(`${file}: not valid JSON at ${where}: ${reason}`, 'ECORRUPT');
  }
}

/** Zod issues as `file: field.path: message; …`. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Zod quotes what it found (unknown keys): a short excerpt, and nothing of a secrets file.
  const said = (message: string): string =>
    isSecretsFile(file) ? message.replace(/"[^"]*"/g, '"…"') : excerpt(message, 200);
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path, '(top level)')}: ${said(issue.message)}`);
  throw new WorkspaceError(`${file}: ${issues.join('; ')}`, 'ECORRUPT');
}

/** The text of a workspace file; an unchanged file already read is not opened again (read-cache.ts). */
export function readText(file: string): string {
  return cachedText(file, () => readTextNow(file));
}

/**
 * The text of a workspace file that must really lie inside workspace folder `root` (symlinks
 * followed; inside.ts), refused when it leads outside. An unchanged file already read and found
 * inside is neither opened nor checked again (read-cache.ts cachedCheckedText).
 */
export function readTextInside(root: string, file: string): string {
  return cachedCheckedText(
    file,
    root,
    () => insideWorkspace(root, file),
    () => readTextNow(file),
  );
}

/** The text of `file` and the fstat of the descriptor it was read through (read-cache keys by it). */
export function readTextNow(file: string): TextRead {
  fileProbe.onRead?.(file);
  try {
    // A cloned workspace may hold a FIFO, a link to /dev/zero or gigabytes under a JSON name.
    return readFileTextWithStats(file, {
      what: 'workspace file',
      limit: FILE_LIMITS.workspaceJson,
    });
  } catch (error) {
    const code =
      error instanceof FileReadError
        ? error.code
        : ((error as NodeJS.ErrnoException).code ?? 'EIO');
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : error instanceof FileReadError
          ? error.reason
          : (error as Error).message;
    throw new WorkspaceError(`cannot read ${file}: ${reason}`, code);
  }
}

export function readJsonFile<T>(schema: z.ZodType<T>, file: string): T {
  return validate(schema, parseJsonText(readText(file), file), file);
}
