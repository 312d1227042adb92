// The one fixed bench service (bench/bench.proto) every benchmark talks to, and the raw grpc-js +
// proto-loader client that serves as the baseline. Kept here so each bench measures the same thing.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';

interface Payload {
  seq?: string | number;
  text?: string;
  data?: Buffer;
}
interface StreamRequest {
  count?: number;
  size?: number;
  rate?: number;
}

export interface RawBenchClient extends grpc.Client {
  Unary(
    req: object,
    cb: (err: grpc.ServiceError | null, res?: object) => void,
  ): grpc.ClientUnaryCall;
  Stream(req: StreamRequest): grpc.ClientReadableStream<Payload>;
}

const BIG = {
  'grpc.max_send_message_length': 64 << 20,
  'grpc.max_receive_message_length': 64 << 20,
};

function benchPackage(): {
  Bench: { service: grpc.ServiceDefinition } & (new (
    t: string,
    c: grpc.ChannelCredentials,
    o: object,
  ) => RawBenchClient);
} {
  const definition = protoLoader.loadSync(join(process.cwd(), 'bench/bench.proto'), {
    longs: String,
  });
  return (
    grpc.loadPackageDefinition(definition) as unknown as { bench: ReturnType<typeof benchPackage> }
  ).bench;
}

/** The raw baseline: proto-loader's generated client, as most grpc-js users write it. */
export function rawBenchClient(target: string, options: grpc.ChannelOptions = BIG): RawBenchClient {
  return new (benchPackage().Bench)(target, grpc.credentials.createInsecure(), options);
}

/** One unary call on the raw client (the bench's request), resolved at its answer. */
export function rawUnary(c: RawBenchClient, seq: number): Promise<void> {
  return new Promise((resolve, reject) =>
    c.Unary({ seq, text: 'hello' }, (err) => (err ? reject(err) : resolve())),
  );
}

const identity = (b: Buffer): Buffer => b;

/**
 * A grpc-js server with bench.Bench (Unary echoes; Stream sends `count` messages of `size` bytes —
 * a ~50-byte message with text when size ≤ 64 — respecting back-pressure) and a raw sink for
 * example.BatchService/Upload (client streams to replay into).
 */
export function benchServer(): grpc.Server {
  const server = new grpc.Server(BIG);
  server.addService(benchPackage().Bench.service, {
    Unary: (call: grpc.ServerUnaryCall<Payload, Payload>, cb: grpc.sendUnaryData<Payload>) => {
      cb(null, call.request);
    },
    Stream: (call: grpc.ServerWritableStream<StreamRequest, Payload>) => {
      const count = call.request.count ?? 0;
      const size = call.request.size ?? 30;
      const data = Buffer.alloc(size, 7);
      const text = 'm'.repeat(Math.min(size, 32));
      let seq = 0;
      const rate = call.request.rate ?? 0;
      if (rate > 0) {
        paced(call, rate, count, (n) => (size > 64 ? { seq: n, data } : { seq: n, text }));
        return;
      }
      const pump = (): void => {
        while (seq < count) {
          if (!call.write(size > 64 ? { seq: seq++, data } : { seq: seq++, text })) {
            call.once('drain', pump);
            return;
          }
        }
        call.end();
      };
      pump();
    },
  });
  server.addService(
    {
      Upload: {
        path: '/example.BatchService/Upload',
        requestStream: true,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    } as grpc.ServiceDefinition,
    {
      Upload: (call: grpc.ServerReadableStream<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        call.on('data', () => undefined);
        call.on('end', () => cb(null, Buffer.alloc(0)));
      },
    },
  );
  return server;
}

/**
 * `rate` messages a second in 10 ms ticks, `count` of them (0: until the client cancels); a tick
 * the client is not ready for waits for 'drain' (the rate is a ceiling, never a queue).
 */
function paced(
  call: grpc.ServerWritableStream<StreamRequest, Payload>,
  rate: number,
  count: number,
  message: (seq: number) => Payload,
): void {
  const started = Date.now();
  let seq = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  call.on('cancelled', () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
  const tick = (): void => {
    timer = undefined;
    if (stopped) return;
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (seq < due && (count === 0 || seq < count)) {
      if (!call.write(message(seq++))) {
        call.once('drain', tick);
        return;
      }
    }
    if (count !== 0 && seq >= count) call.end();
    else timer = setTimeout(tick, 10);
  };
  tick();
}

export function listen(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
}
