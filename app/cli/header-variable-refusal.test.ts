// A grpcurl-style call (no workspace, no environment) with `{{name}}` in a header: gwb reads it as
// a variable, as in every header of every command, and none has a value, so the call is refused
// (grpcurl sends the text as typed: a deviation on purpose, pinned in scripts/grpcurl-compare.mjs).
// The refusal names the header as the user typed it; it said only `metadata[0].value`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb } from './cli.testkit.js';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({});
});

afterAll(async () => {
  await demo.close();
});

const callWith = (flag: string, header: string) =>
  gwb([
    '-plaintext',
    flag,
    header,
    '-d',
    '{"id":"1"}',
    `127.0.0.1:${demo.port}`,
    'example.UserService/GetUser',
  ]);

describe('{{name}} in a header of a grpcurl-style call', () => {
  it.each([
    ['-H', 'x-echo-bin: {{token}}', 'x-echo-bin', 'metadata[0].value'],
    ['-H', 'x-echo: {{token}}', 'x-echo', 'metadata[0].value'],
    ['-rpc-header', 'x-echo-bin: {{token}}', 'x-echo-bin', 'metadata[0].value'],
  ])('%s %s is refused naming the variable and the header', async (flag, header, name, path) => {
    const run = await callWith(flag, header);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `gwb: unknown variable: {{token}} in header "${name}" (${path}) ` +
        '(no environment selected); nothing was sent\n',
    );
  });
});
