// Text fields with limits, checked in one step. A request document is validated for every file of
// a workspace when it opens (5,000 files), and zod's chained .min/.max/.refine checks cost several
// times a single check; one check per field keeps opening a workspace near the raw JSON.parse cost.
import { z } from 'zod';

export interface TextLimits {
  /** Longest accepted, in UTF-16 code units (what `.length` counts). */
  max: number;
  nonEmpty?: boolean;
  /** A file path: NUL bytes never belong in one. */
  path?: boolean;
}

function problemOf(text: string, limits: TextLimits): string | undefined {
  if (limits.nonEmpty && text === '') return 'must not be empty';
  if (text.length > limits.max) return `longer than ${limits.max} characters`;
  if (limits.path && text.includes('\0')) return 'must not contain NUL bytes';
  return undefined;
}

export function boundedText(limits: TextLimits): z.ZodString {
  return z.string().check((ctx) => {
    const problem = problemOf(ctx.value, limits);
    if (problem !== undefined)
      ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
}
