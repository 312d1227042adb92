// A command's schemas, built the first time one is read. Building zod schemas is most of what
// loading the contract costs, and a process uses few of its commands: `gwb` makes one call, so
// it builds call.start's schemas, not the other hundred. Each schema is still declared once (in
// the table that names the command) and validated once at the boundary (the router reads
// `input` there); only WHEN it is built changes.
import type { z } from 'zod';

interface CommandSchemas {
  input: z.ZodType;
  output: z.ZodType;
}

export function command<T extends CommandSchemas>(build: () => T): T {
  let built: T | undefined;
  const schemas = (): T => (built ??= build());
  return {
    get input() {
      return schemas().input;
    },
    get output() {
      return schemas().output;
    },
  } as T;
}
