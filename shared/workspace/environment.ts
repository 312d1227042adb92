// `environments/<name>.json`: named variable sets. Secret variables are listed by name only; their
// values live in a SecretStore outside the workspace.
import { z } from 'zod';
import { lazySchema } from '../request/lazy-schema.js';

export const ENVIRONMENT_FORMAT_VERSION = 1;

export const VariableSchema = lazySchema(() =>
  z
    .object({
      name: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (not starting with a digit)'),
      /** Absent for secrets: the file never holds a secret value. */
      value: z.string().optional(),
      secret: z.boolean().optional(),
      enabled: z.boolean().optional(),
    })
    .strict(),
);
export type Variable = z.infer<typeof VariableSchema>;

export const EnvironmentSchema = lazySchema(() =>
  z
    .object({
      version: z.literal(ENVIRONMENT_FORMAT_VERSION),
      name: z.string().min(1),
      variables: z.array(VariableSchema),
    })
    .strict(),
);
export type Environment = z.infer<typeof EnvironmentSchema>;

/** An environment as the UI edits it: secret variables may carry their value (stored elsewhere). */
export interface EnvironmentInput {
  name: string;
  variables: Variable[];
}
