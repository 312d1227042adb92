// Reusable input pieces. Limits are generous for real use and small enough that a hostile
// payload cannot make the engine allocate without bound.

import { z } from 'zod';

/** A file system path as the user typed or picked it. NUL bytes never belong in a path. */
export const pathSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'longer than 4096 characters')
  .refine((p) => !p.includes('\0'), 'must not contain NUL bytes');

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'longer than 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may only contain letters, digits and _ . : -');

/** `host:port`, `dns:///host:port`, `unix:/path` …; grpc-js parses it, we only bound it. */
export const targetSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1024, 'longer than 1024 characters')
  .refine((t) => !/[\s\0]/.test(t), 'must not contain whitespace');

const pemSchema = z
  .string()
  .min(1)
  .max(1 << 20, 'longer than 1 MiB');

export const securitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plaintext') }),
  z.object({
    kind: z.literal('tls'),
    /** PEM file of the CA(s) to trust instead of the system roots (or the PEM itself). */
    caCertPath: pathSchema.optional(),
    caCertPem: pemSchema.optional(),
    /** Client certificate and key for mutual TLS, as files or pasted PEM. */
    clientCertPath: pathSchema.optional(),
    clientCertPem: pemSchema.optional(),
    clientKeyPath: pathSchema.optional(),
    clientKeyPem: pemSchema.optional(),
    /** Skip certificate verification; only ever when the user asked for it. */
    insecureSkipVerify: z.boolean().optional(),
    /** Name checked against the server certificate, when it differs from the target. */
    serverName: z.string().min(1).max(255).optional(),
  }),
]);

export const connectionSchema = z.object({
  target: targetSchema,
  security: securitySchema,
  /** :authority header override. */
  authority: z.string().min(1).max(255).optional(),
  maxSendMessageBytes: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  maxReceiveMessageBytes: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  connectTimeoutMs: z.number().int().positive().max(3_600_000).optional(),
  keepaliveMs: z.number().int().positive().max(86_400_000).optional(),
});

/** Metadata as entered; keys and values are checked for gRPC legality by the engine. */
export const metadataInputSchema = z
  .array(z.object({ key: z.string().min(1).max(1024), value: z.string().max(1 << 20) }))
  .max(1000);

/** A label the caller picks so it can tell its own progress events apart. */
export const progressIdSchema = z.string().min(1).max(128).optional();
