import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb } from './cli.testkit.js';

// grpcurl -expand-headers: `${NAME}` in -H, -rpc-header and -reflect-header comes from the
// environment; an unset variable is an error (exit 1) in grpcurl's words. gwb refused the flag as
// unsupported (exit 2). The demo server echoes x-echo-* headers, shown by -v.
let demo: DemoServer;
let address = '';

beforeAll(async () => {
  demo = await startDemoServer({});
  address = `127.0.0.1:${demo.port}`;
  process.env.GWB_EXPAND_TOKEN = 'sekret';
  process.env.GWB_EXPAND_NAME = 'named';
  delete process.env.GWB_EXPAND_UNSET;
});

afterAll(async () => {
  delete process.env.GWB_EXPAND_TOKEN;
  delete process.env.GWB_EXPAND_NAME;
  await demo.close();
});

const call = (...flags: string[]) =>
  gwb(['-plaintext', '-v', ...flags, '-d', '{"id":"1"}', address, 'example.UserService/GetUser']);

/** The response headers the server echoed, one `key: value` per line. */
const echoed = (stdout: string): string =>
  stdout.split('Response headers received:\n')[1]?.split('\n\n')[0] ?? '';

describe('-expand-headers', () => {
  it('expands ${NAME} in -H values and names, and in -rpc-header', async () => {
    const run = await call(
      '-expand-headers',
      '-H',
      'x-echo-token: Bearer ${GWB_EXPAND_TOKEN}!',
      '-rpc-header',
      'x-echo-${GWB_EXPAND_NAME}: ${GWB_EXPAND_NAME}-${GWB_EXPAND_TOKEN}',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(echoed(run.stdout)).toContain('x-echo-token: Bearer sekret!');
    expect(echoed(run.stdout)).toContain('x-echo-named: named-sekret');
  });

  it('without the flag, ${NAME} is sent as it is (grpcurl expands nothing then)', async () => {
    const run = await call('-H', 'x-echo-token: ${GWB_EXPAND_TOKEN}');
    expect(run.code).toBe(0);
    expect(echoed(run.stdout)).toContain('x-echo-token: ${GWB_EXPAND_TOKEN}');
  });

  it('an unset variable: exit 1, nothing on stdout, grpcurl words naming header and variable', async () => {
    const run = await call('-expand-headers', '-H', 'x-echo-a: ${GWB_EXPAND_UNSET}');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'gwb: Failed to expand additional headers: header "x-echo-a: ${GWB_EXPAND_UNSET}" ' +
        'refers to missing environment variable "GWB_EXPAND_UNSET"\n',
    );
  });

  it('-reflect-header too, for list', async () => {
    const run = await gwb([
      '-plaintext',
      '-expand-headers',
      '-reflect-header',
      'x-r: ${GWB_EXPAND_UNSET}',
      address,
      'list',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Failed to expand reflection headers: header "x-r: ');
    const ok = await gwb([
      '-plaintext',
      '-expand-headers',
      '-reflect-header',
      'x-r: ${GWB_EXPAND_TOKEN}',
      address,
      'list',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('example.UserService\n');
  });
});

// grpcurl reads the flags, answers -help and -version, counts the arguments and only then expands
// the headers: with an unset variable, a usage error is still exit 2 with the usage words, and
// -help / -version still print (checked against grpcurl 1.9.3: "Too few arguments." rc 2).
describe('-expand-headers comes after -help, -version and the argument count', () => {
  const unset = ['-expand-headers', '-H', 'a: ${GWB_EXPAND_UNSET}'];

  it('no arguments: too few, exit 2', async () => {
    const run = await gwb(unset);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("gwb: too few arguments\nTry 'gwb -help' for more details.\n");
  });

  it('four arguments: too many, exit 2', async () => {
    const run = await gwb([...unset, '-plaintext', 'a', 'b', 'c', 'd']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gwb: too many arguments: /);
    expect(run.stderr).not.toContain('Failed to expand');
  });

  it('-help prints the help, exit 0', async () => {
    const run = await gwb([...unset, '-help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('-expand-headers');
  });

  it('-version prints the version, exit 0', async () => {
    const run = await gwb([...unset, '-version']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^gwb \d+\.\d+\.\d+/);
  });

  it('the port check comes after the expansion (exit 1, as grpcurl)', async () => {
    const run = await gwb([...unset, 'localhost', 'list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Failed to expand additional headers');
  });
});
