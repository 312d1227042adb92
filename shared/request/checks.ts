// What a saved request checks and captures after its call (issue 15): CEL expressions, declared
// once here and carried by the request document. The engine compiles and evaluates them
// (main/checks); the schemas only bound them, so a file can never make the engine parse a
// megabyte of expression text or thousands of them per call.
import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { VARIABLE_NAME } from '../workspace/placeholders.js';
import { lazySchema } from './lazy-schema.js';

/** At most this many assertions, and this many captures, per request. */
export const MAX_CHECKS = 200;
/** Longest expression, in UTF-16 code units (4 KiB of ASCII). */
export const MAX_EXPRESSION_LENGTH = 4096;

const expression = lazySchema(() => boundedText({ max: MAX_EXPRESSION_LENGTH, nonEmpty: true }));

/** `status.code == 0`, `messages.all(m, m.level != "ERROR")`: true passes, anything else fails. */
export const AssertionSchema = lazySchema(() =>
  z.strictObject({
    expr: expression,
    /** Shown instead of the expression in results, when given. */
    name: boundedText({ max: 200 }).optional(),
  }),
);
export type Assertion = z.infer<typeof AssertionSchema>;

/** `token = response.token`: after the call, `{{token}}` holds the expression's value. */
export const CaptureSchema = lazySchema(() =>
  z.strictObject({
    /** A variable name as `{{name}}` takes it; `$` names are the dynamic values, never captured. */
    name: z
      .string()
      .max(200)
      .refine(
        (name) => VARIABLE_NAME.test(name) && !name.startsWith('$'),
        'must be a variable name (letters, digits, _ . -, starting with a letter or _)',
      ),
    expr: expression,
    /** A secret value is masked wherever it is shown or kept, like a secret environment variable. */
    secret: z.boolean().optional(),
  }),
);
export type Capture = z.infer<typeof CaptureSchema>;

export const AssertionsSchema = lazySchema(() => z.array(AssertionSchema).max(MAX_CHECKS));
export const CapturesSchema = lazySchema(() => z.array(CaptureSchema).max(MAX_CHECKS));

/** Longest field path a snapshot leaves out, and how many of them. */
const MAX_IGNORE_PATH = 1024;
const MAX_IGNORE_PATHS = 200;

/**
 * The request's call is compared with its stored snapshot on every run (`gwb run`, the runner),
 * with or without `--snapshots`: `<workspace>/snapshots/<request path>.ndjson`, a recording. A
 * missing one is written and reported as new; `--update-snapshots` rewrites it.
 */
export const SnapshotSettingSchema = lazySchema(() =>
  z.strictObject({
    /** Field paths the comparison leaves out, as `gwb diff --ignore` takes them (`headers.date`). */
    ignore: z
      .array(boundedText({ max: MAX_IGNORE_PATH, nonEmpty: true }))
      .max(MAX_IGNORE_PATHS)
      .optional(),
  }),
);
export type SnapshotSetting = z.infer<typeof SnapshotSettingSchema>;
