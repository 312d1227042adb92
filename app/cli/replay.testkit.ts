// What the `gwb replay` tests replay against: the demo's services answering a little differently
// (a real grpc-js server), which is what a regression looks like.
import * as grpc from '@grpc/grpc-js';
import { exampleStubs } from '../../main/recording/recording.testkit.js';

export interface ChangedServer {
  port: number;
  close(): void;
}

/**
 * GetUser answers with another name ("Ada Byron" for the demo's "Ada Lovelace"); Chat answers each
 * message as the demo does, then one more message at the end of the stream.
 */
export async function startChangedServer(): Promise<ChangedServer> {
  const example = exampleStubs();
  const server = new grpc.Server();
  server.addService((example['UserService'] as grpc.ServiceClientConstructor).service, {
    GetUser: (
      call: grpc.ServerUnaryCall<{ id: string }, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => cb(null, { id: call.request.id, name: 'Ada Byron', age: 36 }),
  });
  server.addService((example['ChatService'] as grpc.ServiceClientConstructor).service, {
    Chat: (call: grpc.ServerDuplexStream<{ sender: string }, unknown>) => {
      call.on('data', (m: { sender: string }) =>
        call.write({ sender: 'Workbench', content: `Hello, ${m.sender}!` }),
      );
      call.on('end', () => {
        call.write({ sender: 'Workbench', content: 'bye' });
        call.end();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { port, close: () => server.forceShutdown() };
}
