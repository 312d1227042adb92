// An in-process grpc-js server with every method kind for the load tests, and a request document
// aimed at it. `slowDown(after, ms)` delays every unary call after the `after`-th by `ms`.
import * as grpc from '@grpc/grpc-js';
import { join } from 'node:path';
import { newRequest } from '../../shared/request/document.js';
import type { RequestDocument } from '../../shared/request/document.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { loadProtoFiles } from '../schema/index.js';
import { createMessageCodec } from '../codec/index.js';
import type { LoadTarget } from './load-types.js';
import { descriptorSetOf } from './target.js';

export const LOAD_PROTO = join(import.meta.dirname, 'testdata/load.proto');

export interface LoadServer {
  target: string;
  /** Unary calls the server has answered. */
  unaryCalls(): number;
  /** The text of every unary request, in order of arrival. */
  texts: string[];
  /** From now on, unary calls after the `after`-th take `ms` longer. */
  slowDown(after: number, ms: number): void;
  close(): void;
}

interface Msg {
  text: string;
  count: number;
}

export async function startLoadServer(): Promise<LoadServer> {
  const schema = loadProtoFiles({ files: [LOAD_PROTO] });
  const codec = createMessageCodec(schema.registry, 'loadtest.Msg');
  const ser = (m: Msg): Buffer => Buffer.from(codec.encode(m as unknown as JsonValue));
  const de = (b: Buffer): Msg => {
    const j = codec.decode(b) as Partial<Msg>;
    return { text: j.text ?? '', count: j.count ?? 0 };
  };
  const method = (name: string, requestStream: boolean, responseStream: boolean) => ({
    path: `/loadtest.Load/${name}`,
    requestStream,
    responseStream,
    requestSerialize: ser,
    requestDeserialize: de,
    responseSerialize: ser,
    responseDeserialize: de,
  });
  let unary = 0;
  const texts: string[] = [];
  let slowAfter = Infinity;
  let slowMs = 0;
  const server = new grpc.Server();
  const answer = (m: Msg, cb: grpc.sendUnaryData<Msg>): void => {
    if (m.text === 'fail') cb({ code: grpc.status.INVALID_ARGUMENT, details: 'told to fail' });
    else cb(null, m);
  };
  server.addService(
    {
      Unary: method('Unary', false, false),
      Upload: method('Upload', true, false),
      Download: method('Download', false, true),
      Chat: method('Chat', true, true),
    } as grpc.ServiceDefinition,
    {
      Unary: (call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) => {
        unary++;
        texts.push(call.request.text);
        if (unary > slowAfter) setTimeout(() => answer(call.request, cb), slowMs);
        else answer(call.request, cb);
      },
      Upload: (call: grpc.ServerReadableStream<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) => {
        let n = 0;
        call.on('data', () => n++);
        call.on('end', () => cb(null, { text: 'got', count: n }));
      },
      Download: (call: grpc.ServerWritableStream<Msg, Msg>) => {
        for (let i = 0; i < call.request.count; i++) call.write({ text: 'm', count: i });
        call.end();
      },
      Chat: (call: grpc.ServerDuplexStream<Msg, Msg>) => {
        call.on('data', (m: Msg) => call.write(m));
        call.on('end', () => call.end());
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  return {
    target: `127.0.0.1:${port}`,
    unaryCalls: () => unary,
    texts,
    slowDown(after, ms) {
      slowAfter = after;
      slowMs = ms;
    },
    close: () => server.forceShutdown(),
  };
}

export function loadRequest(
  server: LoadServer,
  method: string,
  messages: JsonValue[] = [{ text: 'hi' }],
): RequestDocument {
  return {
    ...newRequest(
      { address: server.target, security: { kind: 'plaintext' } },
      `loadtest.Load/${method}`,
    ),
    messages,
  };
}

export function loadTarget(request: RequestDocument, extra: Partial<LoadTarget> = {}): LoadTarget {
  const schema = loadProtoFiles({ files: [LOAD_PROTO] });
  return { descriptorSet: descriptorSetOf(schema), request, ...extra };
}
