// The gateway the mock ships (issue 16 review SHOULD 11) has no grpc-web-text front (a loop-back
// self-proxy per request, test-only: gateway.testkit.ts) and keeps no log of requests: a
// grpc-web-text request gets connect-node's own refusal, a binary gRPC-Web one its answer.
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { DEMO_SERVICES } from '../demo/demo-server.js';
import { startConnectGateway, type Gateway } from './connect-gateway.js';
import { demoRegistry } from './protocols.testkit.js';

let demo: DemoServer;
let gateway: Gateway;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  gateway = await startConnectGateway({
    upstream: `127.0.0.1:${demo.port}`,
    registry: demoRegistry(),
    services: DEMO_SERVICES,
    httpVersion: '1.1',
  });
});

afterAll(async () => {
  await gateway?.close();
  await demo?.close();
});

/** An empty GetUser request's frame (flag 0, length 0), in the given content type. */
function post(contentType: string, body: Buffer): Promise<{ status: number; type: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: gateway.port,
        method: 'POST',
        path: '/example.UserService/GetUser',
        headers: { 'content-type': contentType },
        agent: false,
      },
      (response) => {
        response.resume();
        response.once('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers['content-type'] ?? ''),
          }),
        );
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

const EMPTY_FRAME = Buffer.from([0, 0, 0, 0, 0]);

it('answers binary gRPC-Web', async () => {
  const answer = await post('application/grpc-web+proto', EMPTY_FRAME);
  expect(answer).toMatchObject({ status: 200, type: 'application/grpc-web+proto' });
});

it('has no grpc-web-text front and no request log', async () => {
  const answer = await post(
    'application/grpc-web-text',
    Buffer.from(EMPTY_FRAME.toString('base64')),
  );
  expect(answer.status).not.toBe(200);
  expect(answer.type).not.toMatch(/grpc-web-text/);
  expect(gateway).not.toHaveProperty('requests');
});
