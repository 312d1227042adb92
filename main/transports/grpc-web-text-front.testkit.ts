// The test servers' grpc-web-text front (tests only: gateway.testkit.ts puts it in front of the
// gateway; the mock's gateway has none) (connect-node's handler answers
// binary gRPC-Web only, as its client sends): a text request's body is base64-decoded whole and passed to the same server
// as binary gRPC-Web; each chunk of the answer goes back as its own padded base64, as Envoy's
// grpc_web filter sends it. Written apart from the client's codec (grpc-web-text.ts) on purpose:
// Buffer's base64 both ways, no streaming decoder, so a mistake on one side does not hide itself.
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';

type Request = http.IncomingMessage | http2.Http2ServerRequest;
type Response = http.ServerResponse | http2.Http2ServerResponse;
type Handler = (req: Request, res: Response) => void;

const TEXT_TYPE = /^application\/grpc-web-text(\+proto)?$/i;
/** Headers that belong to one hop or to the text body, not to the call. */
const HOP_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-type',
  'accept',
]);

export interface SelfAddress {
  url: () => string;
  httpVersion: '1.1' | '2';
}

/** `handler`, with grpc-web-text requests turned into binary ones to the same server. */
export function withGrpcWebText(handler: Handler, self: SelfAddress): Handler {
  return (req, res) => {
    if (!TEXT_TYPE.test(String(req.headers['content-type'] ?? ''))) {
      handler(req, res);
      return;
    }
    void asBinary(req, res, self).catch((error: unknown) => {
      const reply = res as http.ServerResponse;
      if (!reply.headersSent) reply.writeHead(502, { 'content-type': 'text/plain' });
      reply.end(`grpc-web-text front: ${String(error)}`);
    });
  };
}

async function asBinary(req: Request, res: Response, self: SelfAddress): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const body = Buffer.from(Buffer.concat(chunks).toString('latin1'), 'base64');
  const headers: Record<string, string> = { 'content-type': 'application/grpc-web+proto' };
  for (const [name, value] of Object.entries(req.headers))
    if (!name.startsWith(':') && !HOP_HEADERS.has(name) && value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const answer = await send(self, req.url ?? '/', headers, body);
  const out: Record<string, string | string[]> = {
    'content-type': 'application/grpc-web-text+proto',
  };
  for (const [name, value] of Object.entries(answer.headers))
    if (!name.startsWith(':') && !HOP_HEADERS.has(name) && value !== undefined) out[name] = value;
  // The two servers' responses differ in type only; both take these calls.
  const reply = res as http.ServerResponse;
  reply.writeHead(answer.status, out);
  for await (const chunk of answer.body) reply.write(Buffer.from(chunk).toString('base64'));
  reply.end();
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Buffer>;
}

function send(
  self: SelfAddress,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<Answer> {
  const base = new URL(self.url());
  return new Promise((resolve, reject) => {
    if (self.httpVersion === '1.1') {
      const request = (base.protocol === 'https:' ? https : http).request(
        new URL(path, base),
        { method: 'POST', headers, rejectUnauthorized: false },
        (response) =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response }),
      );
      request.once('error', reject);
      request.end(body);
      return;
    }
    const session = http2.connect(base, { rejectUnauthorized: false });
    session.once('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': path, ...headers });
    stream.once('error', reject);
    stream.once('response', (h) => {
      resolve({ status: Number(h[':status'] ?? 0), headers: h, body: stream });
    });
    stream.once('close', () => session.close());
    stream.end(body);
  });
}
