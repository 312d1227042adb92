// What `gwb mock` runs: the mock server over recordings, with the banner it prints once listening.
// (gwb replay and -record go through the engine: app/cli/replay.ts, app/cli/record-file.ts.)
import { formatMockCall, startMockServer, type MockServer, type MockSpeed } from './mock/index.js';
import { skippedText } from './mock/mock-catalog.js';

export interface MockCommandOptions {
  /** Recording files or folders of them. */
  inputs: string[];
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  speed?: MockSpeed;
  /** 'all' also serves gRPC-Web and Connect on two more ports, printed in the banner. */
  protocols?: 'grpc' | 'all';
  /** Gets one line per call: the method, the recording that served it and why (formatMockCall). */
  log?: (line: string) => void;
}

export interface MockCommandHandle extends MockServer {
  /** What the CLI prints once it listens: address and methods. */
  banner: string;
  /** What it tells on stderr (recordings left out, and why), or ''. */
  notes: string;
}

/** What a mock of a recording made with secrets cannot reproduce, in one line. */
export function maskedNote(file: string, secrets: readonly string[]): string {
  const names = secrets.map((n) => `[secret:${n}]`).join(', ');
  return `  note: ${file} was recorded with secret values masked; the mock answers ${names} where the server sent ${secrets.length === 1 ? 'the value' : 'their values'}`;
}

/** `gwb mock RECORDING… [--port N]`: resolves once listening; throws RecordingError on a bad input. */
export async function mockCommand(opts: MockCommandOptions): Promise<MockCommandHandle> {
  const server = await startMockServer({
    recordings: opts.inputs,
    leaveOutSchemaless: true,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.speed !== undefined ? { speed: opts.speed } : {}),
    ...(opts.protocols !== undefined ? { protocols: opts.protocols } : {}),
    ...(opts.log ? { onCall: (report) => opts.log?.(`${formatMockCall(report)}\n`) } : {}),
  });
  const lines = [
    `mock listening on ${opts.host ?? '127.0.0.1'}:${server.port} (reflection on)`,
    ...(server.webPorts
      ? [
          `  gRPC-Web and Connect over HTTP/2 (and gRPC) on port ${server.webPorts.http2}, over HTTP/1.1 on port ${server.webPorts.http1}`,
        ]
      : []),
    ...server.methods.map((m) => `  ${m}`),
    ...server.masked.map((m) => maskedNote(m.file, m.secrets)),
  ];
  const notes = server.skipped.length > 0 ? `gwb mock: ${skippedText(server.skipped)}\n` : '';
  return { ...server, banner: `${lines.join('\n')}\n`, notes };
}
