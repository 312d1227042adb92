// A call's checks (issue 15): its assertions' results and the values it captured, published when
// the call ends (`call.checks`), and the captured values of the engine's session (the scope a
// call started with `call.start` uses). Merged into `commands` and `events`. A secret captured
// value never crosses the contract: results and views carry its name and `secret: true` only,
// and any other text (a value an assertion saw) has secret values masked as `[secret:NAME]`.

import { z } from 'zod';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';

const ok = lazySchema(() => z.object({ ok: z.literal(true) }));

export const checkAssertionSchema = lazySchema(() =>
  z.object({
    /** Its index in the request's `assertions`. */
    index: z.number().int().nonnegative(),
    expr: z.string(),
    name: z.string().optional(),
    passed: z.boolean(),
    /** Why it failed, in words (`evaluated to false`, `no such key "age"`, the work budget). */
    error: z.string().optional(),
    /** For an assertion over `message`: the (1-based) number of the message it failed on. */
    messageNumber: z.number().int().positive().optional(),
    /** On failure: each path into the call's result it names, and the value it saw (JSON text). */
    seen: z.array(z.object({ path: z.string(), value: z.string() })).optional(),
  }),
);

export const checkCaptureSchema = lazySchema(() =>
  z.object({
    index: z.number().int().nonnegative(),
    name: z.string(),
    secret: z.boolean(),
    /** The captured value (absent for a secret one, and when it failed). */
    value: z.string().optional(),
    /** Why it got no value; the name is then unset, so no stale value is sent. */
    error: z.string().optional(),
  }),
);

export const capturedViewSchema = lazySchema(() =>
  z.discriminatedUnion('secret', [
    z.object({ name: z.string(), secret: z.literal(false), value: z.string() }),
    z.object({ name: z.string(), secret: z.literal(true) }),
  ]),
);

export const checksCommands = {
  /** The session's captured values: every name, and the values that are not secret. */
  'captures.list': command(() => ({
    input: z.strictObject({}),
    output: z.object({ captures: z.array(capturedViewSchema) }),
  })),
  /** Forgets the named captured values, or all of them. */
  'captures.clear': command(() => ({
    input: z.strictObject({ names: z.array(z.string().min(1).max(200)).max(1000).optional() }),
    output: ok,
  })),
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const checksEvents = {
  /** After a call whose request has assertions or captures (started with `call.start`). */
  'call.checks': lazySchema(() =>
    z.object({
      callId: z.string(),
      /** The saved request it was made from, when it was. */
      requestPath: z.string().optional(),
      /** Every assertion passed and every capture got a value. */
      passed: z.boolean(),
      assertions: z.array(checkAssertionSchema),
      captures: z.array(checkCaptureSchema),
    }),
  ),
} as const satisfies Record<string, z.ZodType>;
