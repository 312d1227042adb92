import { describe, expect, it } from 'vitest';
import { grpcurlArgs, parseGrpcurlCommand } from '../../shared/grpcurl/index.js';
import { metadataValues, useRecordedShopServer } from './recorded-shop.testkit.js';

// grpcurl -user-agent X sends `X grpcurl/v1.9.3 grpc-go/…`: the text before the tool's own
// User-Agent, on reflection requests and the call alike. gwb refused the flag (exit 2); now the
// request document's connection.userAgent carries it to the channel (grpc.primary_user_agent).
const shop = useRecordedShopServer();

/** The User-Agent of every request the server received while `args` ran. */
async function userAgentsDuring(args: string[]): Promise<string[]> {
  return metadataValues((await shop.run(args)).calls, 'user-agent');
}

describe('-user-agent', () => {
  it('goes before grpc-js own User-Agent on reflection requests (list)', async () => {
    const agents = await userAgentsDuring([
      '-plaintext',
      '-user-agent',
      'compare/1',
      shop.address,
      'list',
    ]);
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toMatch(/^compare\/1 grpc-node-js\/\d/);
  });

  it('and on the call itself', async () => {
    const agents = await userAgentsDuring([
      '-plaintext',
      '-user-agent',
      'my tool/2.0',
      '-d',
      '{}',
      shop.address,
      'shop.v1.Catalog/GetItem',
    ]);
    expect(agents.some((a) => a.startsWith('my tool/2.0 grpc-node-js/'))).toBe(true);
    expect(agents.every((a) => a.startsWith('my tool/2.0 '))).toBe(true);
  });

  it('without it, grpc-js own User-Agent alone', async () => {
    const agents = await userAgentsDuring(['-plaintext', shop.address, 'list']);
    for (const agent of agents) expect(agent).toMatch(/^grpc-node-js\/\d/);
  });

  it('is part of the request document, and written back as the flag', () => {
    const { request } = parseGrpcurlCommand(
      "grpcurl -plaintext -user-agent 'ua/1' localhost:1 a.S/M",
    );
    expect(request.connection.userAgent).toBe('ua/1');
    expect(grpcurlArgs(request)).toContain('-user-agent');
  });
});
