// Test helper: a real grpc-js server for echo.proto (testdata) that answers each message with its
// own bytes, so what a client prints is exactly what it sent, whatever the types in it.
import * as grpc from '@grpc/grpc-js';
import { startServer, type RunningServer } from '../../reflection/reflection-servers.testkit.js';

const same = (bytes: Buffer): Buffer => bytes;

function rawMethod(name: string, streams: boolean): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path: `/echo.Echo/${name}`,
    requestStream: streams,
    responseStream: streams,
    requestSerialize: same,
    requestDeserialize: same,
    responseSerialize: same,
    responseDeserialize: same,
  };
}

export function startEchoServer(): Promise<RunningServer> {
  return startServer((server) =>
    server.addService(
      { Echo: rawMethod('Echo', false), EchoStream: rawMethod('EchoStream', true) },
      {
        Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) =>
          done(null, call.request),
        EchoStream: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
          call.on('data', (message: Buffer) => call.write(message));
          call.on('end', () => call.end());
        },
      },
    ),
  );
}
