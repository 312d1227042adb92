// One gRPC-Web or Connect call behind the session's WireCall seam (main/calls/call-types.ts): the
// session sends the bytes the engine's codec made and hears headers, each message's bytes and the
// status as grpc-js would tell them, so its events are the same on every protocol. The calls go
// through a @connectrpc/connect-node Transport (unary() for unary methods, stream() otherwise).
import * as grpc from '@grpc/grpc-js';
import { ConnectError, Code, type Transport } from '@connectrpc/connect';
import type {
  DescMessage,
  DescMethodStreaming,
  DescMethodUnary,
  MessageShape,
} from '@bufbuild/protobuf';
import type { CallKind } from '../../shared/schema/model.js';
import type { CallTransport, WireCall, WireListener } from '../calls/call-types.js';
import type { MessageBridge } from './raw-message.js';
import { headersOf, metadataOf } from './wire-metadata.js';
import { statusBinOf } from './status-bin.js';
import { MessageQueue } from './message-queue.js';
import { ProxyTunnelError } from '../proxy/proxy-tunnel.js';
import type { ProxyRoute } from '../proxy/proxy-failures.js';

type Message = MessageShape<DescMessage>;

/** connect-es's own words when the call's timeout passes on the client. */
const CLIENT_TIMEOUT_TEXT = 'the operation timed out';
/** Errors of the socket itself, before any answer: said as grpc-js says them (see below). */
const SOCKET_ERROR =
  /\b(?:ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)\b/;

export function connectCallTransport(
  transport: Transport,
  bridge: MessageBridge,
  kind: CallKind,
  protocol: string,
  proxyRoute?: ProxyRoute,
): CallTransport {
  return {
    protocol,
    ...(proxyRoute ? { proxyRoute } : {}),
    createCall: (_path, deadline) => new ConnectWireCall(transport, bridge, kind, deadline),
  };
}

class ConnectWireCall implements WireCall {
  private listener: WireListener | undefined;
  private headers = new Headers();
  private readonly abort = new AbortController();
  private readonly input = new MessageQueue<Message>();
  private ended = false;
  private heardHeaders: Headers | undefined;
  /** Messages the session is ready for (startRead), as grpc-js counts them. */
  private reads = 0;
  private wakeReader: (() => void) | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly bridge: MessageBridge,
    private readonly kind: CallKind,
    private readonly deadline: number,
  ) {}

  start(metadata: grpc.Metadata, listener: WireListener): void {
    this.listener = listener;
    this.headers = headersOf(metadata);
    if (this.kind !== 'unary') void this.runStream();
  }

  startRead(): void {
    this.reads++;
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  sendMessageWithContext(context: { callback?: () => void }, message: Buffer): void {
    const shaped = this.bridge.toMessage(message);
    if (this.kind === 'unary') {
      void this.runUnary(shaped);
      if (context.callback) queueMicrotask(context.callback);
      return;
    }
    this.input.push(shaped, context.callback);
  }

  halfClose(): void {
    this.input.end();
  }

  cancelWithStatus(): void {
    if (this.ended) return;
    this.ended = true;
    this.input.end();
    this.abort.abort();
  }

  /** ms left before the deadline; at least 1 (connect-es takes 0 as none). */
  private timeoutMs(): number | undefined {
    if (this.deadline === Infinity) return undefined;
    return Math.max(1, this.deadline - Date.now());
  }

  private async runUnary(message: Message): Promise<void> {
    try {
      const response = await this.transport.unary(
        this.bridge.method as DescMethodUnary,
        this.abort.signal,
        this.timeoutMs(),
        this.headers,
        message,
      );
      if (this.ended) return;
      this.onHeaders(response.header);
      await this.deliver(response.message as Message);
      this.onOk(response.trailer);
    } catch (error) {
      this.onError(error);
    }
  }

  private async runStream(): Promise<void> {
    try {
      const response = await this.transport.stream(
        this.bridge.method as DescMethodStreaming,
        this.abort.signal,
        this.timeoutMs(),
        this.headers,
        this.input,
      );
      if (this.ended) return;
      this.onHeaders(response.header);
      for await (const message of response.message) {
        if (this.ended) return;
        await this.deliver(message as Message);
      }
      this.onOk(response.trailer);
    } catch (error) {
      this.onError(error);
    }
  }

  private onHeaders(header: Headers): void {
    if (this.ended) return;
    this.heardHeaders = header;
    this.listener?.onReceiveMetadata(metadataOf(header));
  }

  /** Hands one message on when the session has asked for it (flow control, as grpc-js). */
  private async deliver(message: Message): Promise<void> {
    while (this.reads === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    if (this.ended) return;
    this.reads--;
    const bytes = this.bridge.toBytes(message);
    this.listener?.onReceiveMessage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  private onOk(trailer: Headers): void {
    this.end({ code: grpc.status.OK, details: '', metadata: metadataOf(trailer) });
  }

  private onError(error: unknown): void {
    if (this.ended) return;
    const failed = ConnectError.from(error);
    const trailers = metadataOf(failed.metadata, this.heardHeaders);
    const bin = statusBinOf(failed);
    if (bin) trailers.set('grpc-status-details-bin', Buffer.from(bin));
    // A refused tunnel is a connection not made, whatever code connect-node gave it.
    const code = tunnelErrorIn(error) ? grpc.status.UNAVAILABLE : codeOf(failed);
    this.end({ code, details: this.messageOf(failed), metadata: trailers });
  }

  /**
   * The status message in the words the session's one classifier (main/calls/status.ts) reads:
   * the client's own timeout as grpc-js says it, and a socket that never connected as grpc-js's
   * "No connection established", so the failure kinds are the same on every protocol.
   */
  private messageOf(error: ConnectError): string {
    // grpc-js's own text for a tunnel the proxy refused: the classifier then takes the words
    // recorded for this proxy and target (main/proxy/proxy-failures.ts), as it does for gRPC.
    if (tunnelErrorIn(error)) return 'No connection established. Last error: undefined';
    if (error.code === Code.DeadlineExceeded && error.rawMessage === CLIENT_TIMEOUT_TEXT)
      return 'Deadline exceeded';
    if (
      error.code === Code.Unavailable &&
      !this.heardHeaders &&
      SOCKET_ERROR.test(error.rawMessage)
    )
      return `No connection established. Last error: ${error.rawMessage}`;
    return error.rawMessage;
  }

  private end(status: grpc.StatusObject): void {
    if (this.ended) return;
    this.ended = true;
    this.input.end();
    this.listener?.onReceiveStatus(status);
  }
}

function tunnelErrorIn(error: unknown): ProxyTunnelError | undefined {
  for (let at = error, depth = 0; at instanceof Error && depth < 8; depth++) {
    if (at instanceof ProxyTunnelError) return at;
    at = at.cause;
  }
  return undefined;
}

/** connect-es's codes are gRPC's numbers. */
function codeOf(error: ConnectError): grpc.status {
  return error.code as number as grpc.status;
}
