// The fixed grpc-js bench server, run in its own process so that client-side figures are not
// skewed by the server sharing the client's event loop. Prints `PORT <n>` when listening.
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
}

const definition = protoLoader.loadSync(join(process.cwd(), 'bench/bench.proto'), { longs: String });
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  bench: { Bench: { service: grpc.ServiceDefinition } };
};

const server = new grpc.Server({ 'grpc.max_send_message_length': 64 << 20, 'grpc.max_receive_message_length': 64 << 20 });
server.addService(pkg.bench.Bench.service, {
  Unary: (call: grpc.ServerUnaryCall<Payload, Payload>, cb: grpc.sendUnaryData<Payload>) => {
    cb(null, call.request);
  },
  Stream: (call: grpc.ServerWritableStream<StreamRequest, Payload>) => {
    const count = call.request.count ?? 0;
    const size = call.request.size ?? 0;
    const data = Buffer.alloc(size, 7);
    const text = 'm'.repeat(Math.min(size, 32));
    let seq = 0;
    // Respect back-pressure: write until the stream buffer is full, then wait for drain.
    const pump = (): void => {
      while (seq < count) {
        const ok = call.write(size > 64 ? { seq: seq++, data } : { seq: seq++, text });
        if (!ok) {
          call.once('drain', pump);
          return;
        }
      }
      call.end();
    };
    pump();
  },
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  process.stdout.write(`PORT ${port}\n`);
});
process.on('disconnect', () => server.forceShutdown());
