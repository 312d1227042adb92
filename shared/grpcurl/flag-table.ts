// grpcurl's flags, declared once: names, kinds, defaults, help, and how each maps onto the request
// document and back. gwb's parser and help, "Copy as grpcurl", the grpcurl import and every gwb
// command that connects read this table. Names, defaults and meanings follow grpcurl 1.9
// (`grpcurl -help`); the help wording is gwb's.
import type { FlagTable } from './flag-types.js';
import { PROTOCOL_CHOICES, PROTOCOL_FORMATS, withProtocol } from './protocol-flags.js';
import {
  dataOf,
  headerFlags,
  headerRow,
  messagesOf,
  msToSeconds,
  secondsToMs,
  tlsOf,
  withCallMetadata,
  withConnection,
  withReflectionMetadata,
  withTls,
} from './request-mapping.js';

const TLS_FLAGS = ['insecure', 'cacert', 'cert', 'key', 'servername'] as const;

// The request document's text limits (shared/request/connection.ts, schema-source.ts), declared
// here too so `list` and `describe`, which build no document, refuse the same values in the same
// words as a call. flag-lengths.test.ts checks that the two agree.
/** A host name (-authority, -servername): 255, as DNS. */
const MAX_NAME = 255;
/** A file path (-cacert, -proto, …). */
const MAX_PATH = 4096;

export const GRPCURL_FLAGS: FlagTable = {
  plaintext: {
    kind: 'bool',
    role: 'request',
    group: 'connection',
    help: 'use plain-text HTTP/2 (no TLS); without it gwb uses TLS, like grpcurl',
    conflicts: TLS_FLAGS,
    request: {
      field: 'connection.security',
      apply: (doc) => withConnection(doc, { security: { kind: 'plaintext' } }),
      read: (doc) => doc.connection.security.kind === 'plaintext',
    },
  },
  insecure: {
    kind: 'bool',
    role: 'request',
    group: 'connection',
    help: 'TLS without verifying the server certificate (never done unless asked)',
    request: {
      field: 'connection.security.skipVerify',
      apply: (doc) => withTls(doc, { skipVerify: true }),
      read: (doc) => tlsOf(doc)?.skipVerify === true,
    },
  },
  cacert: {
    kind: 'string',
    maxLength: MAX_PATH,
    role: 'request',
    group: 'connection',
    valueName: 'FILE',
    help: 'trust the CA certificate(s) in FILE (PEM) instead of the system roots',
    request: {
      field: 'connection.security.caFile',
      apply: (doc, file) => withTls(doc, { caFile: file }),
      read: (doc) => tlsOf(doc)?.caFile,
    },
  },
  cert: {
    kind: 'string',
    maxLength: MAX_PATH,
    role: 'request',
    group: 'connection',
    valueName: 'FILE',
    help: 'client certificate (PEM), for mutual TLS; needs -key',
    needs: { flag: 'key', reason: 'mutual TLS needs both' },
    request: {
      field: 'connection.security.certFile',
      apply: (doc, file) => withTls(doc, { certFile: file }),
      read: (doc) => tlsOf(doc)?.certFile,
    },
  },
  key: {
    kind: 'string',
    maxLength: MAX_PATH,
    role: 'request',
    group: 'connection',
    valueName: 'FILE',
    help: 'private key of the client certificate (PEM)',
    needs: { flag: 'cert', reason: 'mutual TLS needs both' },
    request: {
      field: 'connection.security.keyFile',
      apply: (doc, file) => withTls(doc, { keyFile: file }),
      read: (doc) => tlsOf(doc)?.keyFile,
    },
  },
  servername: {
    kind: 'string',
    maxLength: MAX_NAME,
    role: 'request',
    group: 'connection',
    valueName: 'NAME',
    help: 'name to verify the server certificate against (and SNI)',
    request: {
      field: 'connection.security.serverName',
      apply: (doc, name) => withTls(doc, { serverName: name }),
      read: (doc) => tlsOf(doc)?.serverName,
    },
  },
  authority: {
    kind: 'string',
    maxLength: MAX_NAME,
    role: 'request',
    group: 'connection',
    valueName: 'NAME',
    help: 'value of the :authority pseudo-header',
    request: {
      field: 'connection.authority',
      apply: (doc, authority) => withConnection(doc, { authority }),
      read: (doc) => doc.connection.authority,
    },
  },
  'user-agent': {
    kind: 'string',
    maxLength: 1024,
    role: 'request',
    group: 'connection',
    valueName: 'TEXT',
    help: "text put before gwb's own User-Agent header, as grpcurl does",
    request: {
      field: 'connection.userAgent',
      apply: (doc, userAgent) => withConnection(doc, { userAgent }),
      read: (doc) => doc.connection.userAgent,
    },
  },
  unix: {
    kind: 'bool',
    role: 'request',
    group: 'connection',
    help: 'ADDRESS is the path of a Unix domain socket',
    request: {
      field: 'connection.unix',
      apply: (doc) => withConnection(doc, { unix: true }),
      read: (doc) => doc.connection.unix === true,
    },
  },
  'connect-timeout': {
    kind: 'number',
    unit: 'seconds',
    integer: false,
    role: 'request',
    group: 'connection',
    valueName: 'SECS',
    max: 3600,
    grpcurlDefault: '10',
    help: 'how long to wait for the connection (default 10)',
    request: {
      field: 'connection.connectTimeoutMs',
      apply: (doc, seconds) => withConnection(doc, { connectTimeoutMs: secondsToMs(seconds) }),
      read: (doc) => msToSeconds(doc.connection.connectTimeoutMs),
    },
  },
  'max-time': {
    kind: 'number',
    unit: 'seconds',
    integer: false,
    role: 'request',
    group: 'connection',
    valueName: 'SECS',
    max: 365 * 86_400,
    help: 'deadline for the whole call, fractions allowed',
    request: {
      field: 'deadlineMs',
      apply: (doc, seconds) => ({ ...doc, deadlineMs: secondsToMs(seconds) }),
      read: (doc) => msToSeconds(doc.deadlineMs),
    },
  },
  'max-msg-sz': {
    kind: 'number',
    unit: 'bytes',
    integer: true,
    role: 'request',
    group: 'connection',
    valueName: 'BYTES',
    max: 2 ** 31 - 1,
    grpcurlDefault: '4194304',
    help: 'largest response message accepted (default 4 MiB)',
    request: {
      field: 'connection.maxReceiveBytes',
      apply: (doc, bytes) => withConnection(doc, { maxReceiveBytes: bytes }),
      read: (doc) => doc.connection.maxReceiveBytes,
    },
  },
  'keepalive-time': {
    kind: 'number',
    unit: 'seconds',
    integer: false,
    role: 'request',
    group: 'connection',
    valueName: 'SECS',
    max: 86_400,
    help: 'ping an idle connection this often to keep it open',
    request: {
      field: 'connection.keepaliveMs',
      apply: (doc, seconds) => withConnection(doc, { keepaliveMs: secondsToMs(seconds) }),
      read: (doc) => msToSeconds(doc.connection.keepaliveMs),
    },
  },
  compression: {
    kind: 'string',
    role: 'request',
    group: 'connection',
    gwbOwn: true,
    usage: '-compression gzip|deflate',
    choices: ['gzip', 'deflate', 'identity'],
    help:
      "compress the messages sent (gwb's own flag: grpcurl has none); compressed\n" +
      'responses are always accepted',
    request: {
      field: 'connection.compression',
      apply: (doc, name) =>
        withConnection(doc, { compression: name as 'gzip' | 'deflate' | 'identity' }),
      // grpcurl has no such flag, so a document is never written back with it.
      read: () => undefined,
    },
  },
  protocol: {
    kind: 'string',
    role: 'request',
    group: 'connection',
    gwbOwn: true,
    usage: '-protocol grpc|grpcweb|connect',
    choices: PROTOCOL_CHOICES,
    help:
      "the protocol of the call (gwb's own flag: grpcurl speaks gRPC only); gRPC-Web and\n" +
      'Connect go over HTTP/2, or HTTP/1.1 with -http1; gRPC-Web carries unary and server\n' +
      'streams only, Connect over HTTP/1.1 no bidi streams',
    request: {
      field: 'connection.protocol',
      apply: (doc, name, flags) => withProtocol(doc, name, flags),
      read: () => undefined,
    },
  },
  'protocol-format': {
    kind: 'string',
    role: 'request',
    group: 'connection',
    gwbOwn: true,
    usage: '-protocol-format binary|text|json',
    choices: PROTOCOL_FORMATS,
    needs: { flag: 'protocol', reason: 'it is the encoding of -protocol grpcweb or connect' },
    help: "gRPC-Web's encoding (binary, text) or Connect's codec (binary, json); binary by default",
    request: {
      field: 'connection.protocol',
      // -protocol builds the whole setting (withProtocol reads this flag).
      apply: (doc) => doc,
      read: () => undefined,
    },
  },
  http1: {
    kind: 'bool',
    role: 'request',
    group: 'connection',
    gwbOwn: true,
    needs: { flag: 'protocol', reason: 'gRPC is always HTTP/2' },
    help: 'gRPC-Web or Connect over HTTP/1.1 instead of HTTP/2',
    request: {
      field: 'connection.protocol.httpVersion',
      apply: (doc) => doc,
      read: () => false,
    },
  },

  // The schema flags come before the headers: -H goes to reflection only when the schema does.
  proto: {
    kind: 'list',
    maxLength: MAX_PATH,
    role: 'request',
    group: 'schema',
    valueName: 'FILE',
    help: '.proto source file (repeatable); disables reflection unless\n-use-reflection is given',
    conflicts: ['protoset'],
    request: {
      field: 'schema.files',
      // -import-path is read here so the source is whole, whichever order the flags came in.
      apply: (doc, files, flags) => ({
        ...doc,
        schema: { kind: 'protoFiles', files, importPaths: flags['import-path'] },
      }),
      read: (doc) => (doc.schema?.kind === 'protoFiles' ? doc.schema.files : []),
    },
  },
  'import-path': {
    kind: 'list',
    maxLength: MAX_PATH,
    role: 'request',
    group: 'schema',
    valueName: 'DIR',
    help: 'where imports are looked up (repeatable); google/protobuf/* need none',
    request: {
      field: 'schema.importPaths',
      // Set with -proto (above); without -proto it has nothing to do.
      apply: (doc) => doc,
      read: (doc) => (doc.schema?.kind === 'protoFiles' ? doc.schema.importPaths : []),
    },
  },
  protoset: {
    kind: 'list',
    maxLength: MAX_PATH,
    role: 'request',
    group: 'schema',
    valueName: 'FILE',
    help:
      'binary FileDescriptorSet, e.g. from protoc --include_imports\n' +
      '--descriptor_set_out or buf build -o (repeatable)',
    request: {
      field: 'schema.files',
      apply: (doc, files) => ({ ...doc, schema: { kind: 'descriptorSet', files } }),
      read: (doc) => (doc.schema?.kind === 'descriptorSet' ? doc.schema.files : []),
    },
  },
  'use-reflection': {
    kind: 'bool',
    role: 'cli',
    group: 'schema',
    help:
      'ask the server (reflection v1, then v1alpha); the default when no\n' +
      '-proto/-protoset is given; with them, files fill in what the server lacks',
  },

  H: {
    kind: 'list',
    skipEmpty: true,
    role: 'request',
    group: 'metadata',
    usage: "-H 'name: value'",
    help: 'header sent with reflection and RPC requests (repeatable);\n-bin keys take base64 values',
    request: {
      field: 'metadata',
      apply: (doc, headers) => {
        const rows = headers.map((h) => headerRow(h, 'H'));
        return withReflectionMetadata(withCallMetadata(doc, rows), rows);
      },
      read: (doc) => headerFlags(doc).both,
    },
  },
  'rpc-header': {
    kind: 'list',
    skipEmpty: true,
    role: 'request',
    group: 'metadata',
    usage: "-rpc-header 'n: v'",
    help: 'header sent only with the RPC (repeatable)',
    request: {
      field: 'metadata',
      apply: (doc, headers) =>
        withCallMetadata(
          doc,
          headers.map((h) => headerRow(h, 'rpc-header')),
        ),
      read: (doc) => headerFlags(doc).rpc,
    },
  },
  'reflect-header': {
    kind: 'list',
    skipEmpty: true,
    role: 'request',
    group: 'metadata',
    usage: "-reflect-header 'n: v'",
    help: 'header sent only with reflection requests (repeatable)',
    request: {
      field: 'schema.metadata',
      apply: (doc, headers) =>
        withReflectionMetadata(
          doc,
          headers.map((h) => headerRow(h, 'reflect-header')),
        ),
      read: (doc) => headerFlags(doc).reflect,
    },
  },

  'emit-defaults': {
    kind: 'bool',
    role: 'request',
    group: 'request',
    help: 'print fields that hold their default value',
    request: {
      field: 'options.emitDefaults',
      apply: (doc) => ({ ...doc, options: { ...doc.options, emitDefaults: true } }),
      read: (doc) => doc.options.emitDefaults === true,
    },
  },
  'allow-unknown-fields': {
    kind: 'bool',
    role: 'request',
    group: 'request',
    help: 'ignore JSON fields the request type does not have (default: error)',
    request: {
      field: 'options.allowUnknownFields',
      apply: (doc) => ({ ...doc, options: { ...doc.options, allowUnknownFields: true } }),
      read: (doc) => doc.options.allowUnknownFields === true,
    },
  },
  d: {
    kind: 'string',
    role: 'request',
    group: 'request',
    valueName: 'DATA',
    help:
      "request body as JSON; '@' reads it from stdin. Client and bidi streams\n" +
      'take several JSON objects one after another: -d \'{"a":1} {"a":2}\';\n' +
      'with -d @ each one is sent as soon as stdin completes it, and the\n' +
      'stream is half-closed at end of input (Ctrl-D).\n' +
      'Without -d, a unary or server-stream call sends an empty message.',
    request: {
      field: 'messages',
      apply: (doc, data) => ({ ...doc, messages: messagesOf(data) }),
      read: (doc) => dataOf(doc.messages),
    },
  },
  format: {
    kind: 'string',
    role: 'cli',
    group: 'output',
    usage: '-format json|text',
    choices: ['json', 'text'],
    grpcurlDefault: 'json',
    help:
      'json (proto3 JSON) or text (protobuf text format) for -d, responses and\n' +
      "-msg-template; text messages are separated by '\\x1e' (ASCII record separator)",
  },
  'format-error': {
    kind: 'bool',
    role: 'cli',
    group: 'output',
    help: 'print a non-OK status as google.rpc.Status JSON on stderr',
  },
  'msg-template': {
    kind: 'bool',
    role: 'cli',
    group: 'output',
    help: 'with describe of a message: also print an example JSON of it',
  },
  record: {
    kind: 'string',
    role: 'gwb',
    group: 'output',
    valueName: 'FILE',
    help:
      'write the call (every message, metadata and status) to FILE as a\n' +
      'recording, for gwb replay and gwb mock',
  },
  v: {
    kind: 'bool',
    role: 'cli',
    group: 'output',
    help:
      'verbose: method descriptor, request metadata, response headers and\n' +
      'trailers, and a count of messages',
  },
  help: {
    kind: 'bool',
    role: 'cli',
    group: 'output',
    aliases: ['h'],
    usage: '-h, -help',
    help: 'this help',
  },
  version: { kind: 'bool', role: 'cli', group: 'output', help: 'print the version' },

  vv: {
    kind: 'bool',
    role: 'cli',
    group: 'output',
    help:
      "very verbose: -v, each response's size, and timing data (Dial,\n" + 'InvokeRPC) at the end',
  },
  'expand-headers': {
    kind: 'bool',
    // The command line's: gwb expands the headers once the arguments are counted
    // (expandHeaderFlags), so the document it runs holds the values sent, not ${NAME}. An imported
    // command keeps each ${NAME} as the workspace variable {{NAME}} (parse-command.ts).
    role: 'cli',
    group: 'metadata',
    help:
      '${NAME} in -H, -rpc-header and -reflect-header replaced by the environment\n' +
      'variable NAME (an unset one is an error)',
  },

  alts: { kind: 'bool', role: 'unsupported', group: 'other', help: 'ALTS transport security' },
  'alts-handshaker-service': {
    kind: 'string',
    role: 'unsupported',
    group: 'other',
    help: 'ALTS handshaker',
  },
  'alts-target-service-account': {
    kind: 'list',
    role: 'unsupported',
    group: 'other',
    help: 'ALTS service accounts',
  },
  'protoset-out': {
    kind: 'string',
    role: 'cli',
    group: 'output',
    valueName: 'FILE',
    help:
      'write a FileDescriptorSet to FILE: what list/describe showed, or the\n' +
      'called method, with every file it imports',
  },
  'proto-out-dir': {
    kind: 'string',
    role: 'cli',
    group: 'output',
    valueName: 'DIR',
    help: 'the same files as .proto sources under DIR',
  },
};
