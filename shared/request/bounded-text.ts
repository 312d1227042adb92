// Text fields with limits, checked in one step. A request document is validated for every file of
// a workspace when it opens (5,000 files), and zod's chained .min/.max/.refine checks cost several
// times a single check; one check per field keeps opening a workspace near the raw JSON.parse cost.
import { z } from 'zod';
import { textProblem, type TextLimits } from './text-limits.js';

export type { TextLimits } from './text-limits.js';

export function boundedText(limits: TextLimits): z.ZodString {
  return z.string().check((ctx) => {
    const problem = textProblem(ctx.value, limits);
    if (problem !== undefined)
      ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
}
