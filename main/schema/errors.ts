export type SchemaErrorCode =
  'syntax' | 'missing_import' | 'unresolved_type' | 'duplicate' | 'io' | 'invalid_descriptor';

export interface SchemaErrorWhere {
  file?: string;
  line?: number;
  column?: number;
}

/**
 * Every failure to load a schema surfaces as this one error type, so callers (UI, CLI, router)
 * can show `message` as is: it already says what went wrong and where.
 */
export class SchemaError extends Error {
  readonly code: SchemaErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: SchemaErrorCode, message: string, where: SchemaErrorWhere = {}) {
    super(message);
    this.name = 'SchemaError';
    this.code = code;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
