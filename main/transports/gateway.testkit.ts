// The connect-node gateway as the tests start it: with the grpc-web-text front (the gateway the
// mock ships has none) and a log of what came in, so tests see which protocol a call used, its
// :authority and user agents, and the HTTP/2 PINGs a connection's keepalive sent.
import type http from 'node:http';
import type http2 from 'node:http2';
import { startConnectGateway, type Gateway, type GatewayOptions } from './connect-gateway.js';
import { withGrpcWebText } from './grpc-web-text-front.testkit.js';

export interface TestGateway extends Gateway {
  /** Every request's path and content type, in order: tests see which protocol came in. */
  requests: {
    path: string;
    contentType: string;
    authority: string;
    /** User-Agent, and gRPC-Web's X-User-Agent ('' when absent). */
    userAgent: string;
    xUserAgent: string;
  }[];
  /** PINGs received on HTTP/2 connections (keepalive). */
  pings(): number;
}

export async function startTestGateway(opts: GatewayOptions): Promise<TestGateway> {
  const httpVersion = opts.httpVersion ?? '2';
  const gateway = await startConnectGateway({
    ...opts,
    front: (handler, url) =>
      withGrpcWebText(handler as Parameters<typeof withGrpcWebText>[0], { url, httpVersion }),
  });
  const requests: TestGateway['requests'] = [];
  gateway.server.on('request', (req: http.IncomingMessage | http2.Http2ServerRequest) => {
    requests.push({
      path: req.url ?? '',
      contentType: String(req.headers['content-type'] ?? ''),
      authority: String(req.headers[':authority'] ?? req.headers.host ?? ''),
      userAgent: String(req.headers['user-agent'] ?? ''),
      xUserAgent: String(req.headers['x-user-agent'] ?? ''),
    });
  });
  let pings = 0;
  gateway.server.on('session', (session: http2.ServerHttp2Session) => {
    session.on('ping', () => pings++);
  });
  return { ...gateway, requests, pings: () => pings };
}
