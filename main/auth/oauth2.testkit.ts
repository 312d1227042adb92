// A real OAuth2 token endpoint on a free port (node:http), for the client-credentials tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenRequest {
  form: URLSearchParams;
  authorization: string | undefined;
  contentType: string | undefined;
}

export type TokenAnswer = (req: TokenRequest, res: ServerResponse) => void;

export interface TokenServer {
  url: string;
  requests: TokenRequest[];
  answer: TokenAnswer;
  close(): Promise<void>;
}

export const json =
  (status: number, body: unknown): TokenAnswer =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

export async function startTokenServer(answer: TokenAnswer): Promise<TokenServer> {
  const requests: TokenRequest[] = [];
  const state: TokenServer = {
    url: '',
    requests,
    answer,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const seen = {
        form: new URLSearchParams(body),
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
      };
      requests.push(seen);
      state.answer(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  return state;
}
