import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { WorkspaceError } from './workspace-error.js';

/**
 * A test seam: every workspace file is read by readText and parsed by parseJsonText, so a test can
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
    const reason = message
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
  const issues = result.error.issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)'}: ${issue.message}`,
    );
  throw new WorkspaceError(`${file}: ${issues.join('; ')}`, 'ECORRUPT');
}

export function readText(file: string): string {
  fileProbe.onRead?.(file);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new WorkspaceError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      code,
    );
  }
}

export function readJsonFile<T>(schema: z.ZodType<T>, file: string): T {
  return validate(schema, parseJsonText(readText(file), file), file);
}
