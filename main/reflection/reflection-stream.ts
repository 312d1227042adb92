import * as grpc from '@grpc/grpc-js';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { ReflectionTypes } from './reflection-descriptor.js';

export type ReflectionRequest = { host?: string } & {
  messageRequest:
    | { case: 'fileByFilename'; value: string }
    | { case: 'fileContainingSymbol'; value: string }
    | { case: 'listServices'; value: string };
};

export interface ReflectionResponse {
  messageResponse:
    | { case: 'fileDescriptorResponse'; value: { fileDescriptorProto: Uint8Array[] } }
    | { case: 'listServicesResponse'; value: { service: { name: string }[] } }
    | { case: 'errorResponse'; value: { errorCode: number; errorMessage: string } }
    | { case: 'allExtensionNumbersResponse'; value: unknown }
    | { case: undefined; value?: undefined };
}

/**
 * One ServerReflectionInfo bidi stream. The protocol answers requests in order, one response each,
 * so responses are matched to requests first-in first-out and several requests may be in flight.
 */
export class ReflectionStream {
  private readonly call: grpc.ClientDuplexStream<ReflectionRequest, ReflectionResponse>;
  private readonly pending: {
    resolve: (r: ReflectionResponse) => void;
    reject: (e: Error) => void;
  }[] = [];
  private failure: Error | undefined;
  /** Whether the server has answered anything; a v1 failure after that is not a reason to try v1alpha. */
  answered = false;
  sent = 0;

  constructor(
    client: grpc.Client,
    types: ReflectionTypes,
    metadata: grpc.Metadata,
    deadline: number,
  ) {
    this.call = client.makeBidiStreamRequest<ReflectionRequest, ReflectionResponse>(
      types.methodPath,
      (request) => Buffer.from(toBinary(types.request, create(types.request, request))),
      (bytes) => fromBinary(types.response, bytes) as unknown as ReflectionResponse,
      metadata,
      { deadline },
    );
    this.call.on('data', (response: ReflectionResponse) => {
      this.answered = true;
      this.pending.shift()?.resolve(response);
    });
    // Always listening: a late error (after we are done) must not become an unhandled 'error' event.
    this.call.on('error', (err: Error) => this.fail(err));
    this.call.on('end', () =>
      this.fail(new Error('the server closed the reflection stream before answering')),
    );
  }

  request(request: ReflectionRequest): Promise<ReflectionResponse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.sent++;
      this.call.write(request);
    });
  }

  /** Half-closes; a server that then fails to finish the call is cut off shortly after. */
  close(): void {
    this.failure ??= new Error('reflection stream closed');
    this.call.end();
    const cutOff = setTimeout(() => this.call.cancel(), 2000);
    cutOff.unref();
    this.call.on('status', () => clearTimeout(cutOff));
  }

  /** Ends the stream at once, e.g. when giving up on one protocol version. */
  cancel(): void {
    this.failure ??= new Error('reflection stream cancelled');
    this.call.cancel();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.pending.splice(0)) waiter.reject(this.failure);
  }
}
