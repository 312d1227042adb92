// The raw grpc-js baseline of bench/cli-streams.ts, run as a process of its own as gwb and
// grpcurl are: proto-loader's generated client (as bench/engine.ts uses it) doing what the CLI
// does — print a server stream as JSON, send stdin's JSON messages on a client stream.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { rawBenchClient } from './_bench-service.js';

type Upload = grpc.ClientWritableStream<object>;
interface UploadClient extends grpc.Client {
  Upload(cb: (err: grpc.ServiceError | null) => void): Upload;
}

/** `count` messages of `size` bytes from bench.Bench/Stream, each printed as indented JSON. */
async function serverStream(target: string, count: number): Promise<void> {
  const client = rawBenchClient(target);
  const stream = client.Stream({ count, size: 30 });
  let out = '';
  for await (const message of stream) {
    out += `${JSON.stringify(message, null, 2)}\n`;
    if (out.length > 1 << 16) {
      if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
      out = '';
    }
  }
  process.stdout.write(out);
  client.close();
}

/** Every JSON line of `file` as an example.Record on example.BatchService/Upload. */
async function clientStream(target: string, file: string, protos: string): Promise<void> {
  const definition = protoLoader.loadSync(join(protos, 'example.proto'), {
    includeDirs: [protos],
    longs: String,
  });
  const example = (
    grpc.loadPackageDefinition(definition) as unknown as {
      example: { BatchService: new (t: string, c: grpc.ChannelCredentials) => UploadClient };
    }
  ).example;
  const client = new example.BatchService(target, grpc.credentials.createInsecure());
  const done = new Promise<void>((resolve, reject) => {
    const call = client.Upload((err) => (err ? reject(err) : resolve()));
    void (async () => {
      for await (const line of createInterface({ input: createReadStream(file) })) {
        if (line.trim() === '') continue;
        if (!call.write(JSON.parse(line) as object))
          await new Promise((r) => call.once('drain', r));
      }
      call.end();
    })();
  });
  await done;
  process.stdout.write('{}\n');
  client.close();
}

export async function runRaw(args: string[]): Promise<void> {
  const [mode, target, arg, protos] = args as [string, string, string, string];
  if (mode === 'server-stream') await serverStream(target, Number(arg));
  else await clientStream(target, arg, protos);
}
