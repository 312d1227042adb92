import type { z } from 'zod';
import { WorkbenchError, type ErrorCode, type ErrorData } from '../../shared/contract/errors.js';
import { formatPath } from '../../shared/json/format-path.js';

export function invalidInput(command: string, error: z.ZodError): ErrorData {
  const issues = error.issues
    .slice(0, 20)
    .map((issue) => ({ path: formatPath(issue.path, '(input)'), message: issue.message }));
  const first = issues[0];
  const message = first
    ? `${command}: ${first.path}: ${first.message}`
    : `${command}: invalid input`;
  return { code: 'invalid_input', message: truncate(message, 2000), details: { issues } };
}

/** A Node file-system error's errno → the contract code a user can act on. */
const ERRNO_CODES: Record<string, ErrorCode> = {
  ENOENT: 'not_found',
  ENOTDIR: 'invalid_input',
  EISDIR: 'invalid_input',
  EEXIST: 'invalid_input',
  EACCES: 'forbidden',
  EPERM: 'forbidden',
  EROFS: 'forbidden',
  ENOSPC: 'unavailable',
  EDQUOT: 'unavailable',
  EFBIG: 'unavailable',
  EIO: 'unavailable',
  EMFILE: 'unavailable',
};

/**
 * Anything a handler throws becomes data, mapped here once. A WorkbenchError (every engine
 * module's error, CommandError included) keeps its code and where-details; a file-system error
 * gets the code of its errno; the rest is `internal` with the message only — a stack trace is
 * useless to the renderer and leaks paths.
 */
export function errorToData(error: unknown): ErrorData {
  if (error instanceof WorkbenchError) {
    const data = error.toData();
    return { ...data, message: truncate(data.message, 4000) };
  }
  if (error instanceof Error) {
    const errno = (error as NodeJS.ErrnoException).code;
    const code = typeof errno === 'string' ? ERRNO_CODES[errno] : undefined;
    const message = truncate(error.message || error.name, 4000);
    return code ? { code, message, details: { errno } } : { code: 'internal', message };
  }
  return { code: 'internal', message: truncate(String(error), 4000) };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
