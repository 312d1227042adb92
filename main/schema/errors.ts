import { WorkbenchError } from '../../shared/contract/errors.js';

export type SchemaErrorKind =
  'syntax' | 'missing_import' | 'unresolved_type' | 'duplicate' | 'io' | 'invalid_descriptor';

export interface SchemaErrorWhere {
  file?: string;
  line?: number;
  column?: number;
  /** For missing imports: every import name not found (the error's details carry it). */
  missing?: string[];
}

/**
 * Every failure to load a schema surfaces as this one error type, so callers (UI, CLI, router)
 * can show `message` as is: it already says what went wrong and where.
 */
export class SchemaError extends WorkbenchError {
  /** What kind of failure (the contract code is always `schema_error`). */
  readonly kind: SchemaErrorKind;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly missing?: string[];

  constructor(kind: SchemaErrorKind, message: string, where: SchemaErrorWhere = {}) {
    super('schema_error', message, definedOnly({ kind, ...where }));
    this.name = 'SchemaError';
    this.kind = kind;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.missing !== undefined) this.missing = where.missing;
  }
}

/** The where-details without absent fields (they would cross the wire as explicit undefineds). */
function definedOnly(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
