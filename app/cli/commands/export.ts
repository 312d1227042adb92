// `gwb export k6|ghz COLLECTION/PATH`: a saved request as a k6 script or a ghz JSON config on
// stdout, so a load run can move to k6's distributed runners or ghz without writing it again.
// Variables are filled in by the engine's prepare step (as a Send would, --env choosing the
// environment); a secret is never written: k6 reads it from its environment, ghz refuses it.
import { ghzConfig } from '../../../main/export-load/ghz-config.js';
import { k6Script } from '../../../main/export-load/k6-script.js';
import { defaultDataDir } from '../../../main/workspace/index.js';
import type { RequestDocument } from '../../../shared/request/document.js';
import type { CliEngine } from '../engine-host.js';
import { withCliEngine } from '../engine-host.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { defineSubcommand } from '../subcommand-run.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { UsageError } from '../usage-error.js';
import { existingWorkspaceDir } from './workspace.js';

export const EXPORT_USAGE = 'export k6|ghz COLLECTION/PATH [--env NAME] [--workspace DIR]';
export const EXPORT_SUMMARY = 'a saved request as a k6 script or a ghz JSON config, for load runs';

const HELP = `Writes a saved request to stdout as a load-test file for another tool:
  k6    a k6 script (k6/net/grpc): unary calls, --vus N (default 1), --duration D (default 10s).
        Secrets are read at run time: k6 run -e NAME=… script.js
  ghz   a ghz JSON config (ghz --config FILE): every call kind, --total N (default 200),
        --concurrency N (default 50). A request that uses a secret is refused.
Variables are filled in from the environment (--env) as a Send would; proto and TLS files stay
the paths the request names. Both tools speak gRPC: a request set to gRPC-Web or Connect is refused.

Options:
  --env NAME           environment whose variables are used
  --workspace DIR      the workspace folder (default: the workbench's)
  -h, --help           this help

Examples:
  gwb export k6 demo/get-user --vus 20 --duration 1m > get-user.js
  gwb export ghz demo/get-user --total 10000 > get-user.ghz.json
`;

const OPTIONS = {
  vus: 'number',
  duration: 'string',
  total: 'number',
  concurrency: 'number',
  env: 'string',
  workspace: 'string',
} as const;

interface ExportArgs {
  tool: 'k6' | 'ghz';
  saved: string;
  options: ReturnType<typeof parseSubcommandOptions<typeof OPTIONS>>['options'];
}

function parseExportArgs(args: string[]): ExportArgs {
  const { options, positional } = parseSubcommandOptions('export', args, OPTIONS);
  const [tool, saved, ...rest] = positional;
  if (tool !== 'k6' && tool !== 'ghz')
    throw new UsageError(`${tool === undefined ? 'which tool?' : `${tool}:`} expected k6 or ghz`);
  if (saved === undefined) throw new UsageError('which request? give COLLECTION/PATH');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  return { tool, saved, options };
}

async function preparedRequest(engine: CliEngine, args: ExportArgs): Promise<RequestDocument> {
  await engine.run('workspace.open', { dir: existingWorkspaceDir(args.options.workspace) });
  if (args.options.env !== undefined)
    await engine.run('environment.select', { name: args.options.env });
  const saved = await engine.run('request.read', { path: args.saved });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the file format's version goes
  const { version, ...doc } = saved.request;
  const prepared = await engine.run('workspace.prepare', {
    request: doc,
    environment: args.options.env ?? null,
    requestPath: args.saved,
  });
  if (prepared.unknown.length > 0) {
    const list = prepared.unknown.map((u) => `{{${u.name}}} in ${u.where}`).join(', ');
    throw new UsageError(`unknown variable${prepared.unknown.length === 1 ? '' : 's'}: ${list}`);
  }
  return prepared.request;
}

async function executeExport(args: ExportArgs, io: CliIo): Promise<number> {
  try {
    const request = await withCliEngine({ dataDir: defaultDataDir(), history: false }, (engine) =>
      preparedRequest(engine, args),
    );
    const { vus, duration, total, concurrency } = args.options;
    io.stdout.write(
      args.tool === 'k6'
        ? k6Script(request, {
            ...(vus !== undefined ? { vus } : {}),
            ...(duration !== undefined ? { duration } : {}),
          })
        : `${JSON.stringify(
            ghzConfig(request, {
              ...(total !== undefined ? { total } : {}),
              ...(concurrency !== undefined ? { concurrency } : {}),
            }),
            null,
            2,
          )}\n`,
    );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`gwb export: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // The fields named are the saved request's (no flags were typed): errors say them as they are.
    io.stderr.write(`gwb export: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

export const exportCommand = defineSubcommand<ExportArgs>({
  name: 'export',
  usage: EXPORT_USAGE,
  summary: EXPORT_SUMMARY,
  help: HELP,
  parse: parseExportArgs,
  execute: executeExport,
});
