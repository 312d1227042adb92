// `gwb load COLLECTION/PATH | [call flags] ADDRESS SERVICE/METHOD [load flags]`: a load run of one
// request. The request is made once through the engine first (the one call path, uncounted),
// then run as the workbench's Load view runs it: the engine's `load.start` (in process,
// app/cli/engine-host.ts), which resolves it in main/engine/load-target.ts (variables, auth and
// secrets by the prepare step) and runs main/load over worker threads; gwb prints the report.
import { parseDataFile, type DataRow } from '../../../main/runner/data-file.js';
import { isLoadWorker, runLoadWorker } from '../../../main/load/worker-main.js';
import { defaultWorkers } from '../../../main/load/run-load.js';
import { refuseNonGrpcLoad } from '../../../main/load/load-protocol.js';
import { loadReportText, progressLine } from '../../../main/load/report-text.js';
import type { LoadReport } from '../../../main/load/report-types.js';
import { parseDuration, parseRate, LoadOptionError } from '../../../main/load/schedule.js';
import { parseThreshold, ThresholdError } from '../../../main/load/thresholds.js';
import { defaultDataDir } from '../../../main/workspace/index.js';
import { substituteRequest } from '../../../main/workspace/variables/substitute-request.js';
import { readFileSync } from 'node:fs';
import type { JsonValue } from '../../../shared/calls/events.js';
import { CommandError } from '../../../shared/contract/errors.js';
import type { EventPayload } from '../../../shared/contract/index.js';
import type { LoadSettingsInput, LoadSummary } from '../../../shared/contract/load-commands.js';
import type { RunResult } from '../../../shared/contract/runner-commands.js';
import {
  applyGrpcurlFlags,
  GRPCURL_FLAGS,
  requestFromGrpcurl,
  type FlagName,
  type GrpcurlFlags,
} from '../../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../../shared/request/document.js';
import { lookupMethod, sendsStream } from '../../../shared/schema/methods.js';
import { runCall } from '../call-runner.js';
import { callSchema, loadFileSchema } from '../call-schema.js';
import { Interrupted, unlessInterrupted } from '../connection.js';
import type { CliEngine } from '../engine-host.js';
import { withCliEngine } from '../engine-host.js';
import { errorText } from '../error-text.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { junitReport } from '../reporters.js';
import { defineSubcommand } from '../subcommand-run.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { UsageError } from '../usage-error.js';
import { existingWorkspaceDir } from './workspace.js';

const USAGE =
  'load COLLECTION/PATH | [call flags] ADDRESS SERVICE/METHOD [--concurrency N | --rps R] [--duration D | --total N] [options]';
const SUMMARY =
  'load-test one request: throughput, latency percentiles, statuses; --threshold sets the exit code';

const HELP = `Runs one request many times and reports throughput, latency percentiles (p50, p90,
p99, p99.9, max, from an HDR histogram), the calls by status with a sample message each, and the
bytes each way. Every call that started is counted: sent = OK + errors, also after Ctrl-C (the
calls in flight are cancelled and count as CANCELLED).

The request is a saved one (COLLECTION/PATH, its variables, auth and secrets resolved as a Send
would) or given as a grpcurl call. It is made once through the engine first, uncounted, then in
worker threads straight on grpc-js with the engine's codecs and channels.
Load runs speak gRPC only for now: a request set to gRPC-Web or Connect (-protocol) is
refused before anything is sent.

Load:
  --concurrency N      calls in flight (closed model; default 1). With --rps: the most in flight
                       (default 1000); arrivals beyond wait and their wait counts in the latency
  --rps R              open model: R calls a second, each started at its scheduled time
                       whatever the ones before did. Latency counts from that intended start
                       (coordinated-omission correction: a stalled server shows as the queue it
                       causes, not hidden by a generator that slows down with it)
  --rps FROM:TO:D      ramp linearly from FROM to TO calls a second over D, then hold TO
  --duration D         measured time (500ms, 10s, 2m; default 10s unless --total)
  --total N            counted calls in all
  --warmup D           calls for D first, not counted
  --workers N          worker threads (default min(cores, 4) = ${defaultWorkers()} here)
  --connections K      channels (TCP connections), spread over the workers (default 1 each)
  --stream-messages N  messages each client- or bidi-streaming call sends (the request's
                       messages repeated); server streams count what they receive
  --data FILE          CSV or JSON rows: call k uses row k (modulo), its columns as {{variables}};
                       {{$uuid}}, {{$timestamp}}, {{$randomInt}}… are new for every call
Report:
  --reporter NAME      cli (default), json or junit (one test case, the thresholds its
                       assertions), on stdout; live progress goes to stderr each second on a
                       terminal
  --threshold EXPR     e.g. 'p99 < 50ms', 'p99.9 <= 1s', 'errors < 0.1%', 'errors < 5',
                       'rps > 1000'; repeatable. Exit 1 when one fails, 2 for usage errors
Saved requests:
  --env NAME           environment whose variables are used
  --workspace DIR      the workspace folder (default: the workbench's)
  -h, --help           this help

Call flags (-plaintext, -H, -d, -proto, -max-time, …) are grpcurl's; on a saved request they
override the saved ones.

Examples:
  gwb load demo/get-user --concurrency 16 --duration 30s --threshold 'p99 < 50ms'
  gwb load -plaintext -d '{"id":"{{$uuid}}"}' localhost:50051 example.UserService/GetUser --rps 500:2000:20s --duration 40s
`;

const OPTIONS = {
  concurrency: 'number',
  rps: 'string',
  duration: 'string',
  total: 'number',
  warmup: 'string',
  workers: 'number',
  connections: 'number',
  'stream-messages': 'number',
  data: 'string',
  reporter: 'string',
  threshold: 'list',
  env: 'string',
  workspace: 'string',
} as const;

const CALL_FLAGS: readonly FlagName[] = (Object.keys(GRPCURL_FLAGS) as FlagName[]).filter(
  (name) => GRPCURL_FLAGS[name].role === 'request',
);

type Reporter = 'cli' | 'json' | 'junit';

interface LoadArgs {
  saved?: string;
  address?: string;
  method?: string;
  flags: GrpcurlFlags;
  parsed: ReturnType<typeof parseSubcommandOptions>['flags'];
  settings: LoadSettingsInput;
  dataFile?: string;
  reporter: Reporter;
  env?: string;
  workspace?: string;
}

function positive(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} ${value}: expected a whole number above 0`);
  return value;
}

function inUsageTerms<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof LoadOptionError || error instanceof ThresholdError)
      throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** The text as given, once its parser accepts it. */
function checked(text: string, parse: (text: string) => unknown): string {
  parse(text);
  return text;
}

function parseLoadArgs(args: string[]): LoadArgs {
  const { options, positional, flags } = parseSubcommandOptions('load', args, OPTIONS, CALL_FLAGS);
  const reporter = options.reporter ?? 'cli';
  if (reporter !== 'cli' && reporter !== 'json' && reporter !== 'junit')
    throw new UsageError(`--reporter ${reporter}: expected cli, json or junit`);
  if (options.duration !== undefined && options.total !== undefined)
    throw new UsageError('--duration and --total: give one of them');
  // Checked here in flag terms (a usage error names the flag); load.start reads the same texts
  // with the same parsers.
  const settings: LoadSettingsInput = inUsageTerms(() => {
    const s: LoadSettingsInput = {
      thresholds: (options.threshold ?? []).map((t) => checked(t, parseThreshold)),
      workers: positive('workers', options.workers) ?? defaultWorkers(),
    };
    const set = <K extends keyof LoadSettingsInput>(
      key: K,
      value: LoadSettingsInput[K] | undefined,
    ): void => {
      if (value !== undefined) s[key] = value;
    };
    set('concurrency', positive('concurrency', options.concurrency));
    set('total', positive('total', options.total));
    set('connections', positive('connections', options.connections));
    set('streamMessages', positive('stream-messages', options['stream-messages']));
    if (options.rps !== undefined) set('rps', checked(options.rps, parseRate));
    if (options.duration !== undefined)
      set(
        'duration',
        checked(options.duration, (d) => parseDuration('--duration', d)),
      );
    if (options.warmup !== undefined)
      set(
        'warmup',
        checked(options.warmup, (d) => parseDuration('--warmup', d)),
      );
    return s;
  });
  const base = {
    flags: flags.flags,
    parsed: flags,
    settings,
    reporter,
    ...(options.data !== undefined ? { dataFile: options.data } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(options.workspace !== undefined ? { workspace: options.workspace } : {}),
  } as const;
  if (positional.length === 1) return { ...base, saved: positional[0] as string };
  if (positional.length === 2)
    return { ...base, address: positional[0] as string, method: positional[1] as string };
  throw new UsageError(
    positional.length === 0
      ? 'which request? give COLLECTION/PATH or ADDRESS SERVICE/METHOD'
      : `too many arguments: ${positional.slice(2).join(' ')}`,
  );
}

async function documentOf(engine: CliEngine, args: LoadArgs): Promise<RequestDocument> {
  if (args.saved !== undefined) {
    const saved = await engine.run('request.read', { path: args.saved });
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the file format's version goes
    const { version, ...doc } = saved.request;
    return applyGrpcurlFlags(doc, args.flags);
  }
  return requestFromGrpcurl(args.parsed, {
    address: args.address as string,
    method: args.method as string,
    stdin: 'later',
  });
}

async function schemaIdOf(engine: CliEngine, args: LoadArgs, doc: RequestDocument) {
  if (args.saved !== undefined) {
    const { schemaId } = await engine.run('schema.load', {
      ...(doc.schema ? { source: doc.schema } : {}),
      connection: doc.connection,
    });
    return schemaId;
  }
  return (await callSchema(engine, args.flags, doc, await loadFileSchema(engine, doc))).schemaId;
}

/** --data rows, read by the runner's one reader; a relative path starts where gwb runs. */
function dataRowsOf(args: LoadArgs): DataRow[] | undefined {
  if (args.dataFile === undefined) return undefined;
  const rows = parseDataFile(args.dataFile, readFileSync(args.dataFile, 'utf8'));
  if (rows.length === 0) throw new UsageError(`--data ${args.dataFile}: no rows`);
  return rows;
}

/**
 * The request made once through the engine (the one call path, uncounted): a request that does
 * not work says so as a Send would, before any load. Answers the schema it used.
 */
async function firstCall(
  engine: CliEngine,
  args: LoadArgs,
  doc: RequestDocument,
  rows: readonly DataRow[] | undefined,
): Promise<string> {
  // Before the first call: a load run would not speak the request's protocol.
  refuseNonGrpcLoad(doc);
  const schemaId = await schemaIdOf(engine, args, doc);
  const { model } = await engine.run('schema.get', { schemaId });
  const { method } = lookupMethod(model, doc.method);
  // grpcurl sends an empty message when a unary call has none.
  const request =
    doc.messages.length === 0 && method && !sendsStream(method.kind)
      ? { ...doc, messages: [{}] }
      : doc;
  const columns = new Set(rows?.flatMap((row) => Object.keys(row)) ?? []);
  const first = substituteRequest(request, (name) =>
    columns.has(name) ? rows?.[0]?.[name] : undefined,
  ).request;
  await runCall(engine, {
    schemaId,
    request: first,
    environment: args.env ?? null,
    ...(args.saved !== undefined ? { requestPath: args.saved } : {}),
    onEvent: () => undefined,
  });
  return schemaId;
}

type LoadEnd = Exclude<EventPayload<'load.progress'>, { type: 'progress' }>;

/**
 * The run through the engine's `load.start` (the workbench's one load path: the request resolved
 * by main/engine/load-target.ts), live lines from its snapshots, Ctrl-C as `load.cancel`.
 */
async function loadThroughEngine(
  engine: CliEngine,
  args: LoadArgs,
  io: CliIo,
  onProgress: ((line: string) => void) | undefined,
): Promise<LoadEnd> {
  const rows = dataRowsOf(args);
  const doc = await documentOf(engine, args);
  // Ctrl-C before the run (waiting for the server, the uncounted first call): nothing to report,
  // Interrupted at once; closing the engine cancels what is left of them.
  const schemaId = await unlessInterrupted(firstCall(engine, args, doc, rows), io.signal);
  let loadId: string | undefined;
  // Events can come before load.start has answered: kept until the run's id is known.
  const early: EventPayload<'load.progress'>[] = [];
  let settle: (end: LoadEnd) => void = () => undefined;
  const ended = new Promise<LoadEnd>((resolve) => (settle = resolve));
  const take = (event: EventPayload<'load.progress'>): void => {
    if (event.loadId !== loadId) return;
    if (event.type === 'progress') onProgress?.(progressLine(event.snapshot));
    else settle(event);
  };
  const stop = engine.watchLoads((event) =>
    loadId === undefined ? early.push(event) : take(event),
  );
  const cancel = (): void => {
    if (loadId !== undefined) void engine.run('load.cancel', { loadId }).catch(() => undefined);
  };
  io.signal?.addEventListener('abort', cancel, { once: true });
  try {
    ({ loadId } = await engine.run('load.start', {
      ...(args.saved !== undefined ? { path: args.saved } : {}),
      request: doc,
      environment: args.env ?? null,
      schemaId,
      ...(rows ? { data: rows } : {}),
      saveReport: false,
      settings: args.settings,
    }));
    for (const event of early.splice(0)) take(event);
    if (io.signal?.aborted) cancel();
    return await ended;
  } finally {
    stop();
    io.signal?.removeEventListener('abort', cancel);
  }
}

/** The engine's report as gwb load has always printed it (the status names are the view's). */
function reportOf(summary: LoadSummary): LoadReport {
  return {
    ...summary,
    statuses: summary.statuses.map(({ code, count, sample }) => ({ code, count, sample })),
  };
}

/** The load run as a `gwb run` result: one test case whose assertions are the thresholds. */
function asRunResult(report: LoadReport, name: string): RunResult {
  const failed = report.thresholds.filter((t) => !t.passed).length;
  const passed = failed === 0 && !report.interrupted;
  return {
    runId: 'load',
    target: report.target,
    iterations: 1,
    planned: 1,
    cancelled: report.interrupted,
    bailed: false,
    results: [
      {
        path: name,
        iteration: 1,
        passed,
        durationMs: report.durationMs,
        ...(passed ? {} : { error: failed > 0 ? `${failed} threshold(s) failed` : 'interrupted' }),
        assertions: report.thresholds.map((t) => ({
          expression: t.threshold,
          passed: t.passed,
          message: `measured ${+t.actual.toFixed(3)}`,
        })),
        captured: [],
        responses: [report as unknown as JsonValue],
        received: report.messagesReceived,
      },
    ],
    summary: {
      requests: 1,
      passed: passed ? 1 : 0,
      failed: passed ? 0 : 1,
      assertions: report.thresholds.length,
      assertionsPassed: report.thresholds.length - failed,
      assertionsFailed: failed,
      durationMs: report.durationMs,
    } as RunResult['summary'],
  };
}

function write(io: CliIo, reporter: Reporter, report: LoadReport, name: string): void {
  if (reporter === 'json') io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (reporter === 'junit') io.stdout.write(junitReport(asRunResult(report, name)));
  else io.stdout.write(loadReportText(report));
}

async function executeLoad(args: LoadArgs, io: CliIo): Promise<number> {
  const dataDir = args.saved !== undefined ? { dataDir: defaultDataDir() } : {};
  // gwb's own stderr (app/cli/run.ts) is a coalescing sink over the process's: ask the process.
  const tty = (io.stderr as { isTTY?: boolean }).isTTY ?? process.stderr.isTTY === true;
  try {
    const end = await withCliEngine({ ...dataDir, history: false }, async (engine) => {
      if (args.saved !== undefined)
        await engine.run('workspace.open', { dir: existingWorkspaceDir(args.workspace) });
      if (args.env !== undefined) await engine.run('environment.select', { name: args.env });
      return loadThroughEngine(
        engine,
        args,
        io,
        tty ? (line) => io.stderr.write(`${line}\n`) : undefined,
      );
    });
    if (end.type === 'failed') {
      io.stderr.write(`gwb load: ${end.message}\n`);
      return EXIT_FAILURE;
    }
    const report = reportOf(end.report.summary);
    write(io, args.reporter, report, args.saved ?? `${args.address} ${args.method}`);
    if (report.interrupted) return EXIT_INTERRUPTED;
    return report.thresholds.every((t) => t.passed) ? EXIT_OK : EXIT_FAILURE;
  } catch (error) {
    // Ctrl-C before the run: as an interrupted call, nothing to say.
    if (error instanceof Interrupted) return EXIT_INTERRUPTED;
    // A mistake load.start found in what gwb gave it (an unknown variable): a usage error.
    const usage =
      error instanceof UsageError ||
      (error instanceof CommandError &&
        error.code === 'invalid_input' &&
        isUnknownVariables(error));
    if (usage) {
      io.stderr.write(`gwb load: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`gwb load: ${error instanceof Error ? errorText(error) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function isUnknownVariables(error: CommandError): boolean {
  const details = error.details as { unknown?: unknown } | undefined;
  return Array.isArray(details?.unknown);
}

const command = defineSubcommand<LoadArgs>({
  name: 'load',
  usage: USAGE,
  summary: SUMMARY,
  help: HELP,
  parse: parseLoadArgs,
  headerFlags: (args) => args.flags,
  execute: executeLoad,
});

export const loadCommand = {
  ...command,
  // A bundled gwb starts its load workers by running itself again (main/load/worker-script.ts):
  // in such a thread this command is the worker, and never returns (the coordinator ends it).
  run: (args: string[], io: CliIo): Promise<number> => {
    if (!isLoadWorker()) return command.run(args, io);
    runLoadWorker();
    return new Promise<number>(() => undefined);
  },
};
