import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { startPythonPeer, type PythonPeer } from './peer.js';

// A smoke test of the peer itself with a plain grpc-js client; gwb's tests call it through the CLI.
let peer: PythonPeer;
type Callback = (error: grpc.ServiceError | null, value: unknown) => void;
type UserClient = grpc.Client & {
  GetUser(request: { id: string }, callback: Callback): grpc.ClientUnaryCall;
};
let users: UserClient;

beforeAll(async () => {
  peer = await startPythonPeer();
  const pkg = protoLoader.loadSync(resourcePath('protos', 'example.proto'), {
    keepCase: true,
    longs: String,
    defaults: true,
  });
  const ns = grpc.loadPackageDefinition(pkg) as unknown as {
    example: { UserService: new (t: string, c: grpc.ChannelCredentials) => UserClient };
  };
  users = new ns.example.UserService(peer.target, grpc.credentials.createInsecure());
});

afterAll(async () => {
  users?.close();
  await peer?.close();
});

describe('python peer', () => {
  it('answers GetUser', async () => {
    const user = await new Promise((resolve, reject) =>
      users.GetUser({ id: '2' }, (e, v) => (e ? reject(e) : resolve(v))),
    );
    expect(user).toEqual({ id: '2', name: 'Alan Turing', age: 41 });
  });

  it('answers NOT_FOUND with grpc-status-details-bin', async () => {
    const error = await new Promise<grpc.ServiceError>((resolve) =>
      users.GetUser({ id: 'x' }, (e) => resolve(e as grpc.ServiceError)),
    );
    expect(error.code).toBe(grpc.status.NOT_FOUND);
    expect(error.details).toBe('user "x" not found');
    expect(error.metadata.get('grpc-status-details-bin')).toHaveLength(1);
  });

  it('stops when closed', async () => {
    const other = await startPythonPeer();
    await other.close();
    const c = new grpc.Client(other.target, grpc.credentials.createInsecure());
    const ready = await new Promise<Error | undefined>((resolve) =>
      c.waitForReady(Date.now() + 300, resolve),
    );
    c.close();
    expect(ready).toBeInstanceOf(Error);
  });
});
