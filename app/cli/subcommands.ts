import type { Subcommand } from './subcommand.js';

/**
 * One of gwb's own commands as `gwb --help` lists it, with a loader for its module. The module
 * (with the web host, the demo server, the engine behind it) is imported only when the command
 * runs: `gwb -version` and `gwb --help` must not pay for grpc-js, protobuf runtimes or zod.
 * name/usage/summary repeat the module's own; subcommands.test.ts fails if they drift apart.
 */
export interface SubcommandEntry {
  name: string;
  usage: string;
  summary: string;
  load(): Promise<Subcommand>;
}

/** gwb's own commands, found by their first argument before grpcurl-style parsing starts. */
export const SUBCOMMAND_ENTRIES: readonly SubcommandEntry[] = [
  {
    name: 'serve',
    usage: 'serve [--port 7777] [--host 127.0.0.1] [--open] [--data-dir DIR]',
    summary: 'serve the workbench UI to your browser on loopback, with a per-launch token',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'demo-server',
    usage: 'demo-server [--port 50051] [--host 127.0.0.1]',
    summary: 'run the demo server (example.proto, reflection, health) until Ctrl-C',
    load: async () => (await import('./commands/demo-server.js')).demoServerCommand,
  },
  {
    name: 'collection',
    usage: 'collection ls [--workspace DIR]',
    summary: 'list the saved collections and requests of a workspace',
    load: async () => (await import('./commands/workspace.js')).collectionCommand,
  },
  {
    name: 'request',
    usage: 'request run COLLECTION/PATH [--env NAME] [--workspace DIR] [call flags]',
    summary:
      'run one saved request; prints and exits as a call does. Call flags (-plaintext, -H, -max-time, …) override the saved ones',
    load: async () => (await import('./commands/workspace.js')).requestCommand,
  },
  {
    name: 'run',
    usage: 'run COLLECTION[/FOLDER] [--env NAME] [--reporter NAME[:FILE]] [options] [call flags]',
    summary:
      'run the saved requests of a collection in order, checking their assertions; exits 1 unless all passed',
    load: async () => (await import('./commands/workspace.js')).runCommand,
  },
  {
    name: 'replay',
    usage:
      'replay RECORDING [--target ADDRESS] [--speed N|max] [--ignore PATH]… [--out FILE] [--json] [call flags]',
    summary:
      "send a recording's client side again and diff the answers; exit 1 on any difference. Plain text to the recorded address unless call flags (-cacert, -insecure, -plaintext=false, -H, …) say otherwise",
    load: async () => (await import('./commands/recording.js')).replayCommandLine,
  },
  {
    name: 'load',
    usage:
      'load COLLECTION/PATH | [call flags] ADDRESS SERVICE/METHOD [--concurrency N | --rps R] [--duration D | --total N] [options]',
    summary:
      'load-test one request: throughput, latency percentiles, statuses; --threshold sets the exit code',
    load: async () => (await import('./commands/load.js')).loadCommand,
  },
  {
    name: 'export',
    usage: 'export k6|ghz COLLECTION/PATH [--env NAME] [--workspace DIR]',
    summary: 'a saved request as a k6 script or a ghz JSON config, for load runs',
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
  {
    name: 'mock',
    usage:
      'mock RECORDING|FOLDER… [--port N] [--host 127.0.0.1] [--speed N|max] [--protocols grpc|all]',
    summary: 'serve the recorded server side of recordings (with reflection) until Ctrl-C',
    load: async () => (await import('./commands/recording.js')).mockCommandLine,
  },
  {
    name: 'proxy',
    usage:
      'proxy --listen HOST:PORT --target ADDRESS [--record DIR] [--tls-cert FILE --tls-key FILE] [call flags]',
    summary:
      'a recording proxy: forwards every call from any gRPC client to ADDRESS byte for byte, one recording per call',
    load: async () => (await import('./commands/proxy.js')).proxyCommand,
  },
];

/** For `gwb --help`: each command's usage and summary, none of their modules loaded. */
export const SUBCOMMANDS: readonly Omit<SubcommandEntry, 'load'>[] = SUBCOMMAND_ENTRIES;

/** The command named `name`; its module loads when it runs. */
export function findSubcommand(name: string | undefined): Subcommand | undefined {
  const entry = SUBCOMMAND_ENTRIES.find((command) => command.name === name);
  if (!entry) return undefined;
  return {
    name: entry.name,
    usage: entry.usage,
    summary: entry.summary,
    run: async (args, io) => (await entry.load()).run(args, io),
  };
}
