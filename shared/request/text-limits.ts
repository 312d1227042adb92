// The request document's limits, without zod: the document's schemas (document.ts, connection.ts,
// metadata.ts, schema-source.ts) are built from these, and so is the plain check a grpcurl-style
// call passes instead of them (plain-check.ts), so the two cannot drift apart.

export interface TextLimits {
  /** Longest accepted, in UTF-16 code units (what `.length` counts). */
  max: number;
  nonEmpty?: boolean;
  /** A file path: NUL bytes never belong in one. */
  path?: boolean;
}

/** Why `text` breaks `limits`, in the words the schema reports; undefined when it does not. */
export function textProblem(text: string, limits: TextLimits): string | undefined {
  if (limits.nonEmpty && text === '') return 'must not be empty';
  if (text.length > limits.max) return `longer than ${limits.max} characters`;
  if (limits.path && text.includes('\0')) return 'must not contain NUL bytes';
  return undefined;
}

export const TEXT = {
  name: { max: 200, nonEmpty: true },
  method: { max: 1024 },
  notes: { max: 1 << 20 },
  address: { max: 1024 },
  /** A path as the user typed it: relative to the workspace (saved requests) or absolute. */
  filePath: { max: 4096, nonEmpty: true, path: true },
  serverName: { max: 255, nonEmpty: true },
  authority: { max: 255, nonEmpty: true },
  userAgent: { max: 1024, nonEmpty: true },
  metadataKey: { max: 1024 },
  metadataValue: { max: 1 << 20 },
} as const satisfies Record<string, TextLimits>;

export const LIMITS = {
  messages: 100_000,
  metadataRows: 1000,
  deadlineMs: 365 * 86_400_000,
  bytes: 2 ** 31 - 1,
  keepaliveMs: 86_400_000,
  connectTimeoutMs: 3_600_000,
  protoFiles: 10_000,
  importPaths: 1000,
  descriptorSets: 1000,
} as const;
