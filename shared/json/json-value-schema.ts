// The zod schema of a JSON value: request messages, option values, events, history entries.
import { z } from 'zod';
import type { JsonValue } from '../calls/events.js';
import { lazySchema } from '../request/lazy-schema.js';
import { jsonProblem } from './json-problem.js';

/**
 * Any plain JSON value; a problem is reported at its path inside the value. Built on first use
 * (lazySchema): the request document imports it, and a command that never validates one (`gwb
 * -proto … list`) then loads no zod.
 */
export const JsonValueSchema = lazySchema(
  () =>
    z.unknown().superRefine((value, ctx) => {
      const problem = jsonProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    }) as unknown as z.ZodType<JsonValue>,
);
