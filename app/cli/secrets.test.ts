import { randomUUID } from 'node:crypto';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import type { Workspace } from '../../main/workspace/index.js';
import { filesContaining, sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

// A secret variable used by `gwb request run` and `gwb run`: sent to the server (which answers
// nothing without it), never printed, reported, or written to the workspace or its history (the
// engine substitutes it on the way to the wire and masks it in everything it emits or keeps).
let server: DemoServer;
let secrets: SecretWorkspace;
let ws: Workspace;
const SENTINEL = `SENTINEL-${randomUUID()}`;
const b64 = (text: string): string => Buffer.from(text).toString('base64').slice(0, -4);
const hex = (text: string): string => Buffer.from(text).toString('hex');

beforeAll(async () => {
  server = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${SENTINEL}` });
  secrets = openSecretWorkspace();
  ws = secrets.ws;
  cpSync(resourcePath('protos'), path.join(ws.dir, 'protos'), { recursive: true });
});

afterAll(async () => {
  await server.close();
  secrets.close();
});

describe('gwb request run with a secret variable', () => {
  it('sends its value and keeps it out of the workspace and history', async () => {
    await ws.environments.save({
      name: 'prod',
      variables: [
        { name: 'host', value: `127.0.0.1:${server.port}` },
        { name: 'token', value: SENTINEL, secret: true },
      ],
    });
    // The token goes into metadata the demo echoes back and into the body.
    ws.saveRequest(
      'api/echo',
      sampleRequest({
        connection: { address: '{{host}}', security: { kind: 'plaintext' } },
        schema: {
          kind: 'protoFiles',
          files: ['example.proto'],
          // Inside the workspace: a saved request loads schema files from there only.
          importPaths: ['protos'],
        },
        metadata: [
          { key: 'authorization', value: 'Bearer {{token}}' },
          { key: 'x-echo-auth', value: 'Bearer {{token}}' },
        ],
        messages: [{ id: '{{token}}' }],
      }),
    );
    const result = await gwb([
      'request',
      'run',
      'api/echo',
      '--env',
      'prod',
      '--workspace',
      ws.dir,
    ]);
    // It was really sent (the server let the call in), and came back masked: NotFound, quoting it.
    expect(result.code).toBe(69);
    expect(result.stderr).toContain('user "[secret:token]" not found');
    const junit = await gwb([
      'run',
      'api',
      '--env',
      'prod',
      '--workspace',
      ws.dir,
      '--reporter',
      'junit',
    ]);
    expect(junit.stdout).toContain('message="user &quot;[secret:token]&quot; not found"');
    for (const out of [result, junit]) {
      for (const form of [SENTINEL, b64(SENTINEL), hex(SENTINEL)]) {
        expect(out.stdout).not.toContain(form);
        expect(out.stderr).not.toContain(form);
      }
    }
    const entry = JSON.stringify(ws.history.list().entries[0]);
    expect(entry).toContain('Bearer [secret:token]');
    expect(entry).toContain('user \\"[secret:token]\\" not found');
    expect(filesContaining(ws.dir, SENTINEL)).toEqual([]);
    expect(filesContaining(secrets.dataDir, SENTINEL)).toEqual([]);
  });
});
