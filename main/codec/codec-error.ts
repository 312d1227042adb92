import { WorkbenchError } from '../../shared/contract/errors.js';

/**
 * A message did not fit its type. `path` says where, in the user's own terms (the JSON keys as
 * written, list indexes, map keys), so a form or editor can point at the field: `user.addresses[2].zip`,
 * `labels["k"]`; empty for the message itself.
 */
export class CodecError extends WorkbenchError {
  readonly typeName: string;
  readonly path: string;
  /** The reason without the type and path, e.g. `expected string, got 3`. */
  readonly reason: string;
  /** Which of a request's messages (from 0), when it holds more than one. */
  readonly messageIndex?: number;

  constructor(typeName: string, path: string, reason: string, messageIndex?: number) {
    const what = path
      ? `invalid ${typeName} at ${path}: ${reason}`
      : `invalid ${typeName}: ${reason}`;
    super(
      'codec_error',
      messageIndex === undefined ? what : `message ${messageIndex + 1}: ${what}`,
      messageIndex === undefined ? { path } : { path, messageIndex },
    );
    this.name = 'CodecError';
    this.typeName = typeName;
    this.path = path;
    this.reason = reason;
    if (messageIndex !== undefined) this.messageIndex = messageIndex;
  }

  /** The same error, said of message `index` of a request's list. */
  inMessage(index: number): CodecError {
    return new CodecError(this.typeName, this.path, this.reason, index);
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Appends a JSON object key to a field path: `.key` when it reads as a name, `["key"]` otherwise. */
export function pathWithKey(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

export function pathWithIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function pathWithMapKey(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`;
}
