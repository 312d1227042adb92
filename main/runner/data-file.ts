// Data files of data-driven runs (`gwb run --data FILE`): one iteration per row, its columns as
// variables over the environment's. CSV (RFC 4180: quoted fields may hold commas, quotes doubled,
// line breaks; CRLF or LF; the header row names the variables) or a JSON array of objects whose
// values are strings, numbers or booleans. Errors say the file and line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommandError, WorkbenchError } from '../../shared/contract/errors.js';
import { VARIABLE_NAME } from '../../shared/workspace/placeholders.js';

export type DataRow = Record<string, string>;

/** A data file that cannot be read as rows; the message starts with `file:line:`. */
export class DataFileError extends WorkbenchError {
  constructor(file: string, line: number, what: string) {
    super('invalid_input', `${file}:${line}: ${what}`, { file, line });
  }
}

/** Reads a data file's text: a JSON array when it starts with `[`, CSV otherwise. */
export function parseDataFile(file: string, text: string): DataRow[] {
  const body = text.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('[') ? parseJsonRows(file, body) : parseCsvRows(file, body);
}

/** An error about the data file, said beside the field that names it (`dataFile`). */
function dataFileError(code: 'not_found' | 'invalid_input', message: string): CommandError {
  return new CommandError(code, message, { field: 'dataFile' });
}

/**
 * The rows of a data file as `gwb run --data`, the runner and a load run read it: a relative path
 * starts in `baseDir` (the workspace folder, or the current folder for a load run without one, so
 * the error names the folder itself rather than calling it the workspace's); errors say the file as given and, for its contents,
 * the line (`file:line: what`). A file with no rows is refused: it would run nothing.
 */
export function readDataFile(file: string, baseDir: string): DataRow[] {
  let text: string;
  try {
    text = readFileSync(path.resolve(baseDir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw dataFileError(
        'not_found',
        `Data file ${file}: no such file${path.isAbsolute(file) ? '' : ` (a relative path starts in ${baseDir})`}`,
      );
    throw dataFileError('invalid_input', `Data file ${file}: ${(error as Error).message}`);
  }
  let rows: DataRow[];
  try {
    rows = parseDataFile(file, text);
  } catch (error) {
    if (error instanceof DataFileError)
      throw new CommandError('invalid_input', error.message, {
        ...(error.details as Record<string, unknown>),
        field: 'dataFile',
      });
    throw error;
  }
  if (rows.length === 0)
    throw dataFileError('invalid_input', `Data file ${file}: the file has no rows`);
  return rows;
}

interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
}

/** RFC 4180 records; a quote inside an unquoted field or text after a closing quote is an error. */
function csvRecords(file: string, text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // A record holding a quoted field is a record even when that field is empty (`""`).
  let quoted = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    // A blank line (one empty field, unquoted) is no record: files often end with one or two.
    if (quoted || !(fields.length === 1 && fields[0] === ''))
      records.push({ fields, line: recordLine });
    fields = [];
    quoted = false;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' && field === '') {
      quoted = true;
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length)
          throw new DataFileError(file, quoteLine, 'a quoted field is never closed (missing ")');
        const q = text[i] as string;
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n') line++;
          field += q;
          i++;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new DataFileError(file, line, `text after a closing quote: ${JSON.stringify(next)}`);
      continue;
    }
    if (c === '"')
      throw new DataFileError(
        file,
        line,
        'a quote inside an unquoted field (quote the whole field and double the quote: "a ""b""")',
      );
    if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
    i++;
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return records;
}

function parseCsvRows(file: string, text: string): DataRow[] {
  const [header, ...records] = csvRecords(file, text);
  if (!header)
    throw new DataFileError(file, 1, 'the file is empty (the first row names the variables)');
  const names = header.fields.map((name) => name.trim());
  names.forEach((name, column) => checkName(file, header.line, name, `column ${column + 1}`));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new DataFileError(file, header.line, `column "${name}" is named twice`);
    seen.add(name);
  }
  return records.map(({ fields, line }) => {
    if (fields.length !== names.length)
      throw new DataFileError(
        file,
        line,
        `${fields.length} field${fields.length === 1 ? '' : 's'}, the header row has ${names.length}`,
      );
    return Object.fromEntries(names.map((name, k) => [name, fields[k] as string]));
  });
}

function checkName(file: string, line: number, name: string, where: string): void {
  // `$` names are the dynamic values ($uuid, …): a column cannot set one.
  if (!VARIABLE_NAME.test(name) || name.startsWith('$'))
    throw new DataFileError(
      file,
      line,
      `${where}: "${name}" is not a variable name (letters, digits, _ . -; not starting with a digit)`,
    );
}

/** The line of a character offset, for JSON errors. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Where each top-level element of a JSON array starts (line), found by a shallow scan. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (depth === 1 && expectValue && c !== undefined && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

function parseJsonRows(file: string, text: string): DataRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? lineAt(text, Number(at[1])) : 1;
    throw new DataFileError(file, line, `not valid JSON: ${message}`);
  }
  if (!Array.isArray(value))
    throw new DataFileError(file, 1, 'a JSON data file is an array of objects, one per iteration');
  const lines = elementLines(text);
  return value.map((row: unknown, index) => {
    const line = lines[index] ?? 1;
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new DataFileError(file, line, `row ${index + 1} is not an object`);
    const out: DataRow = {};
    for (const [name, v] of Object.entries(row)) {
      checkName(file, line, name, `row ${index + 1}`);
      if (typeof v === 'string') out[name] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[name] = String(v);
      else
        throw new DataFileError(
          file,
          line,
          `row ${index + 1}, "${name}": a value is a string, number or boolean, not ${v === null ? 'null' : Array.isArray(v) ? 'an array' : 'an object'}`,
        );
    }
    return out;
  });
}
