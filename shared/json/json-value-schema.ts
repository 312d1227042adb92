// The zod schema of a JSON value: request messages, option values, events, history entries.
import { z } from 'zod';
import type { JsonValue } from '../calls/events.js';
import { jsonProblem } from './json-problem.js';

/** Any plain JSON value; a problem is reported at its path inside the value. */
export const JsonValueSchema = z.unknown().superRefine((value, ctx) => {
  const problem = jsonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
}) as unknown as z.ZodType<JsonValue>;
