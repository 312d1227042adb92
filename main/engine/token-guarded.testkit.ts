// The set-up the OAuth2 and secret tests share: a demo server that accepts only one bearer token,
// a real token endpoint that hands that token out, and an engine whose selected environment
// (`prod`) holds the given variables.
import { randomUUID } from 'node:crypto';
import type { Input } from '../../shared/contract/index.js';
import { json, startTokenServer, type TokenServer } from '../auth/oauth2.testkit.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

export interface TokenGuardedDemo {
  kit: EngineKit;
  grpc: DemoServer;
  tokens: TokenServer;
  /** The only token the demo server accepts, and the one the endpoint hands out. */
  token: string;
  close(): Promise<void>;
}

type Variables = Input<'environment.save'>['variables'];

/** Starts the three; `variables` is a function of the token for tests that keep it in a variable. */
export async function startTokenGuardedDemo(
  variables: (token: string) => Variables,
  token = `TOK-${randomUUID()}`,
): Promise<TokenGuardedDemo> {
  const grpc = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${token}` });
  const tokens = await startTokenServer(json(200, { access_token: token, expires_in: 3600 }));
  const kit = startEngineKit();
  await kit.call('environment.save', { name: 'prod', variables: variables(token) });
  await kit.call('environment.select', { name: 'prod' });
  return {
    kit,
    grpc,
    tokens,
    token,
    close: async () => {
      await kit.close();
      await grpc.close();
      await tokens.close();
    },
  };
}
