import type { z } from 'zod';
import { CommandError, isErrorCode, type ErrorData } from '../../shared/contract/index.js';

/** A readable path like `connection.security.kind` or `files[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(input)' : out;
}

export function invalidInput(command: string, error: z.ZodError): ErrorData {
  const issues = error.issues
    .slice(0, 20)
    .map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const first = issues[0];
  const message = first
    ? `${command}: ${first.path}: ${first.message}`
    : `${command}: invalid input`;
  return { code: 'invalid_input', message: truncate(message, 2000), details: { issues } };
}

/**
 * Anything a handler throws becomes data. A CommandError keeps its code; errors that carry a
 * stable code of ours (the engine modules' typed errors) keep it too; the rest is `internal`
 * with the message only — a stack trace is useless to the renderer and leaks paths.
 */
export function errorToData(error: unknown): ErrorData {
  if (error instanceof CommandError) return error.toData();
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const details = (error as { details?: unknown }).details;
    const data: ErrorData = {
      code: isErrorCode(code) ? code : 'internal',
      message: truncate(error.message || error.name, 4000),
    };
    if (details !== undefined && isErrorCode(code)) data.details = details;
    return data;
  }
  return { code: 'internal', message: truncate(String(error), 4000) };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
