// How to reach a server: the one connection shape. The saved file, the tab's draft, the contract's
// call input, gwb's flags and grpcurl import/export all use it; main/channels turns it into a
// channel configuration in one function (reading the certificate files there, once).
import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { lazySchema } from './lazy-schema.js';
import { LIMITS, TEXT } from './text-limits.js';

/** A path as the user typed it: relative to the workspace (saved requests) or absolute. */
const filePathSchema = lazySchema(() => boundedText(TEXT.filePath));

/** TLS material is referenced by file path, never inlined: a saved request stays shareable. */
export const SecuritySchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('plaintext') }),
    z.strictObject({
      kind: z.literal('tls'),
      /** PEM file of the CA(s) to trust instead of the system roots (grpcurl -cacert). */
      caFile: filePathSchema.optional(),
      /** Client certificate and key for mutual TLS (grpcurl -cert / -key). */
      certFile: filePathSchema.optional(),
      keyFile: filePathSchema.optional(),
      /** Skip certificate verification (grpcurl -insecure); only when the user asked for it. */
      skipVerify: z.boolean().optional(),
      /** Name checked against the server certificate, when it differs from the address (-servername). */
      serverName: boundedText(TEXT.serverName).optional(),
    }),
  ]),
);
export type Security = z.infer<typeof SecuritySchema>;

const byteLimit = lazySchema(() => z.number().int().positive().max(LIMITS.bytes));

/**
 * An HTTP CONNECT proxy chosen for this connection. `url` is `http://host:port` (or `host:port`);
 * the password should be a `{{secret}}` variable, so the saved request holds its name, never its
 * value. A typed one is accepted (the UI warns that the file will hold it) and, like any proxy
 * password, masked as a secret in everything the engine shows or keeps (substitute-request.ts).
 */
export const ExplicitProxySchema = lazySchema(() =>
  z.strictObject({
    url: boundedText({ max: 1024, nonEmpty: true }),
    username: boundedText({ max: 255, nonEmpty: true }).optional(),
    password: boundedText({ max: 1024 }).optional(),
  }),
);
export type ExplicitProxy = z.infer<typeof ExplicitProxySchema>;

/**
 * How the connection reaches the server: through this proxy, `'none'` (never a proxy, whatever the
 * environment says), or absent: the environment decides (grpc_proxy / https_proxy / http_proxy
 * and no_proxy, read by main/proxy).
 */
export const ProxySettingSchema = lazySchema(() =>
  z.union([z.literal('none'), ExplicitProxySchema]),
);
export type ProxySetting = z.infer<typeof ProxySettingSchema>;

/** Message compression for what the request sends (grpc-encoding); responses are always accepted. */
export const COMPRESSIONS = ['identity', 'gzip', 'deflate'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** HTTP version a gRPC-Web or Connect call goes over (gRPC is always HTTP/2). */
export const HTTP_VERSIONS = ['1.1', '2'] as const;
export type HttpVersion = (typeof HTTP_VERSIONS)[number];

/**
 * The protocol a call speaks: absent is gRPC (grpc-js), so every request saved before stays as it
 * was. gRPC-Web and Connect go through @connectrpc/connect-node (main/transports); HTTP/2 unless
 * `httpVersion` says 1.1.
 */
export const ProtocolSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('grpc') }),
    z.strictObject({
      kind: z.literal('grpcweb'),
      /** application/grpc-web (binary, the default) or application/grpc-web-text (base64). */
      encoding: z.enum(['binary', 'text']).optional(),
      httpVersion: z.enum(HTTP_VERSIONS).optional(),
    }),
    z.strictObject({
      kind: z.literal('connect'),
      /** application/proto (binary, the default) or application/json. */
      codec: z.enum(['binary', 'json']).optional(),
      httpVersion: z.enum(HTTP_VERSIONS).optional(),
    }),
  ]),
);
export type Protocol = z.infer<typeof ProtocolSchema>;
export type ProtocolKind = Protocol['kind'];

export const ConnectionSchema = lazySchema(() =>
  z.strictObject({
    /**
     * `host:port`, a grpc-js target (`dns:///host:port`, `unix:/path`), or with `unix` the path of a
     * Unix socket. May hold `{{variables}}` until the engine substitutes them.
     */
    address: boundedText(TEXT.address),
    security: SecuritySchema,
    /** The address is the path of a Unix domain socket (grpcurl -unix). */
    unix: z.boolean().optional(),
    /** :authority header override (grpcurl -authority). */
    authority: boundedText(TEXT.authority).optional(),
    /** Put before the library's own User-Agent (grpcurl -user-agent: `X grpcurl/v1.9.3 …`). */
    userAgent: boundedText(TEXT.userAgent).optional(),
    /** Largest message sent / accepted, in bytes (gRPC's default is 4 MiB received). */
    maxSendBytes: byteLimit.optional(),
    maxReceiveBytes: byteLimit.optional(),
    /** Time between keepalive pings, in ms (grpcurl -keepalive-time, in seconds there). */
    keepaliveMs: z.number().int().positive().max(LIMITS.keepaliveMs).optional(),
    /** How long to wait for the connection (grpcurl -connect-timeout). */
    connectTimeoutMs: z.number().int().positive().max(LIMITS.connectTimeoutMs).optional(),
    /** HTTP CONNECT proxy: explicit, 'none', or absent for the environment's. */
    proxy: ProxySettingSchema.optional(),
    /** Compression of the messages sent; absent is identity (none). */
    compression: z.enum(COMPRESSIONS).optional(),
    /** gRPC-Web or Connect; absent is gRPC. */
    protocol: ProtocolSchema.optional(),
  }),
);
export type Connection = z.infer<typeof ConnectionSchema>;

// Plain functions live in a zod-free module (the renderer imports them).
export { targetOf, plaintextConnection } from './targets.js';
