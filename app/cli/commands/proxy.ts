// `gwb proxy`: main/capture's recording proxy on the command line. The target's connection comes
// from the call flags through the one flag table and the one connection → channel function; the
// schema (to decode what is recorded) from -proto/-protoset or reflection on the target.
import { connectionFailureOf } from '../../../main/channels/connection-failure.js';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GRPCURL_FLAGS, applyGrpcurlFlags, type FlagName } from '../../../shared/grpcurl/index.js';
import { newRequest } from '../../../shared/request/document.js';
import { plaintextConnection } from '../../../shared/request/connection.js';
import { ChannelPool, toChannelConfig, type ChannelConfig } from '../../../main/channels/index.js';
import { fetchReflectionFiles } from '../../../main/reflection/index.js';
import { mergeFileSets } from '../../../main/schema/merge.js';
import { schemaFromFileDescriptors } from '../../../main/schema/from-descriptors.js';
import {
  REDACTED_NOTE,
  startCaptureProxy,
  type CallSummary,
  type CaptureSchema,
} from '../../../main/capture/index.js';
import { errorText } from '../error-text.js';
import { untilInterrupted, type CliIo } from '../io.js';
import type { ParsedArgs } from '../flags.js';
import { loadSchemaFiles } from '../schema-source.js';
import type { Subcommand } from '../subcommand.js';
import { callFlagsHelp, defineSubcommand } from '../subcommand-run.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

/** Why reflection failed, in words: grpc-js's connection text becomes "connection refused". */
function reflectionFailureWords(error: Error): string {
  const failure = connectionFailureOf(error.message);
  return failure ? `failed to connect: ${failure.reason}` : errorText(error);
}

/** The call flags proxy takes: how to reach the target, and where its schema comes from. */
export const PROXY_FLAGS: readonly FlagName[] = [
  'plaintext',
  'insecure',
  'cacert',
  'cert',
  'key',
  'authority',
  'servername',
  'proto',
  'protoset',
  'import-path',
  'use-reflection',
].filter((name): name is FlagName => Object.hasOwn(GRPCURL_FLAGS, name));

/** How long reflection on the target may take at start-up before the proxy starts without it. */
const REFLECTION_TIMEOUT_MS = 5000;

interface ProxyArgs {
  host: string;
  port: number;
  target: string;
  record: string | undefined;
  tls: { cert: string; key: string } | undefined;
  flags: ParsedArgs;
}

function parseListen(value: string | undefined): { host: string; port: number } {
  if (value === undefined) throw new UsageError('proxy: needs --listen HOST:PORT');
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(
      `proxy: --listen is HOST:PORT (e.g. 127.0.0.1:50052; port 0 picks a free one), not ${value}`,
    );
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port };
}

function readPemOption(name: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `proxy: --${name} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}

function parseProxyArgs(args: string[]): ProxyArgs {
  const { options, positional, flags } = parseSubcommandOptions(
    'proxy',
    args,
    {
      listen: 'string',
      target: 'string',
      record: 'string',
      'tls-cert': 'string',
      'tls-key': 'string',
    },
    PROXY_FLAGS,
  );
  if (positional.length > 0)
    throw new UsageError(`proxy: takes no arguments, got: ${positional.join(' ')}`);
  const { host, port } = parseListen(options.listen);
  if (options.target === undefined || options.target.trim() === '')
    throw new UsageError('proxy: needs --target ADDRESS (the server the calls go to)');
  const cert = options['tls-cert'];
  const key = options['tls-key'];
  if ((cert === undefined) !== (key === undefined))
    throw new UsageError(
      'proxy: --tls-cert and --tls-key go together (the certificate and its key)',
    );
  return {
    host,
    port,
    target: options.target,
    record: options.record,
    tls:
      cert !== undefined && key !== undefined
        ? { cert: readPemOption('tls-cert', cert), key: readPemOption('tls-key', key) }
        : undefined,
    flags,
  };
}

/** The target's channel configuration: the call flags over `--target`, TLS unless -plaintext. */
function targetConfig({ target, flags }: ProxyArgs): ChannelConfig {
  const base = plaintextConnection(target);
  const connection = flags.flags.plaintext ? base : { ...base, security: { kind: 'tls' as const } };
  return toChannelConfig(applyGrpcurlFlags(newRequest(connection), flags.flags).connection);
}

/** -proto/-protoset, and reflection on the target unless files were given without -use-reflection. */
async function proxySchema(
  args: ProxyArgs,
  config: ChannelConfig,
  io: CliIo,
): Promise<CaptureSchema | undefined> {
  const { flags } = args.flags;
  const files = await loadSchemaFiles(flags);
  const fileSource = [...flags.proto, ...flags.protoset].join(', ');
  const reflect = files.length === 0 || flags['use-reflection'];
  if (!reflect)
    return { registry: schemaFromFileDescriptors(files, fileSource).registry, source: fileSource };
  const pool = new ChannelPool();
  try {
    const reflected = await fetchReflectionFiles(pool.get(config), {
      metadata: [],
      deadlineMs: REFLECTION_TIMEOUT_MS,
    });
    return {
      registry: mergeFileSets([reflected.files, files], 'server reflection').registry,
      source: 'server reflection',
    };
  } catch (error) {
    io.stderr.write(
      `gwb proxy: warning: no schema from reflection on ${args.target} (${reflectionFailureWords(error as Error)}); ` +
        (files.length > 0
          ? `decoding with ${fileSource} only\n`
          : 'messages are recorded as bytes only (give -proto or -protoset to decode them)\n'),
    );
    return files.length > 0
      ? { registry: schemaFromFileDescriptors(files, fileSource).registry, source: fileSource }
      : undefined;
  } finally {
    pool.close();
  }
}

export const EVENT_LOOP_NOTE =
  "note: the capture thread's program (capture-thread.cjs) was not found beside gwb's bundle: calls are read and recorded on the main thread, which slows forwarding";

/**
 * One line per call: `/pkg.Svc/Method OK 3 sent 5 received 12.4 ms`, and where it is recorded
 * (` -> 20261206T080000.123-4242.0-1.recordings#3`: a file of several, or the call's own file).
 */
export function callLine(call: CallSummary): string {
  const status = call.status.code === 0 ? 'OK' : `${call.status.codeName} (${call.status.message})`;
  const recorded =
    call.file !== undefined && call.recordingError === undefined
      ? ` -> ${path.basename(call.file)}`
      : '';
  return `${call.method} ${status} ${call.sent} sent ${call.received} received ${call.durationMs.toFixed(1)} ms${recorded}\n`;
}

async function runProxy(args: ProxyArgs, io: CliIo): Promise<number> {
  let config: ChannelConfig;
  try {
    config = targetConfig(args);
  } catch (error) {
    throw new CommandFailure(`proxy: ${errorText(error as Error)}`, { cause: error });
  }
  if (args.record !== undefined) mkdirSync(args.record, { recursive: true, mode: 0o700 });
  const schema = await proxySchema(args, config, io);
  let calls = 0;
  const proxy = await startCaptureProxy({
    host: args.host,
    port: args.port,
    target: config,
    ...(args.tls ? { tls: args.tls } : {}),
    ...(args.record !== undefined ? { recordDir: args.record, packRecordings: true } : {}),
    ...(schema ? { schema } : {}),
    onCall: (call) => {
      calls++;
      io.stdout.write(callLine(call));
    },
    onError: (error) => io.stderr.write(`gwb proxy: ${error.message}\n`),
  }).catch((error: unknown) => {
    throw new CommandFailure(
      `proxy: cannot listen on ${args.host}:${args.port}: ${(error as Error).message}`,
      { cause: error },
    );
  });
  const scheme = args.tls ? 'TLS' : 'plaintext h2c';
  io.stdout.write(
    `gwb proxy: listening on ${args.host}:${proxy.port} (${scheme}) → ${args.target}` +
      `${args.record !== undefined ? `, recording to ${args.record} (${REDACTED_NOTE})` : ''}; Ctrl-C to stop\n`,
  );
  // Passed-through calls read on the event loop (no capture thread's program beside gwb's bundle)
  // cost forwarding time: say so, it is not the proxy's normal path.
  if (proxy.capturePath === 'event loop') io.stderr.write(`gwb proxy: ${EVENT_LOOP_NOTE}\n`);
  await untilInterrupted(io.signal);
  await proxy.close();
  io.stdout.write(`gwb proxy: stopped after ${calls} call${calls === 1 ? '' : 's'}\n`);
  return 0;
}

const PROXY_USAGE =
  'proxy --listen HOST:PORT --target ADDRESS [--record DIR] [--tls-cert FILE --tls-key FILE] [call flags]';
const PROXY_SUMMARY =
  'a recording proxy: forwards every call from any gRPC client to ADDRESS byte for byte, one recording per call';

export const proxyCommand: Subcommand = defineSubcommand({
  name: 'proxy',
  usage: PROXY_USAGE,
  summary: PROXY_SUMMARY,
  help: `Stands between any gRPC client and a server: point the client at --listen instead of the
server. Every call of every kind goes to --target as it came (headers, messages, trailers,
status, cancellation, flow control), with no schema needed to forward. One line per call is
printed: method, status, messages each way, duration, and where it is recorded.

With --record DIR each call becomes a recording in DIR (gwb's NDJSON format): a call over
within 50 ms goes whole into a file of several (NAME.recordings, rolled over at 8 MiB), named
NAME.recordings#N (N from 1); a longer call gets a file of its own, written as the call goes.
gwb replay and mock read either like one made in the workbench (gwb mock FILE serves every
recording in it). Messages are kept as bytes always, and decoded to JSON when the schema is
known: reflection on the target, or -proto/-protoset. A call that ends badly says how (client
cancelled, target reset or gone). The values of authorization, proxy-authorization, cookie and
set-cookie headers are masked in recordings ('Bearer [redacted]'); they reach the target and
the client unchanged.

Options:
  --listen HOST:PORT   where clients connect (port 0 picks a free one, printed)
  --target ADDRESS     the server the calls go to (TLS unless -plaintext, as for a call)
  --record DIR         write each call's recording into DIR (created if missing)
  --tls-cert FILE      serve TLS to clients with this certificate (PEM) …
  --tls-key FILE       … and its key; plaintext h2c without them
  -h, --help           this help

${callFlagsHelp(PROXY_FLAGS)}
Example:
  gwb proxy --listen 127.0.0.1:50052 --target localhost:50051 -plaintext --record ./captured
`,
  parse: parseProxyArgs,
  execute: runProxy,
});
