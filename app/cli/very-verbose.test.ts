import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { gwb } from './cli.testkit.js';
import { goDuration } from './timing-data.js';

// grpcurl -vv: everything -v prints, each response's encoded size ("Estimated response size: N
// bytes") before its contents, and at the end, when the command exits 0, "Timing Data" with the
// dial and the call as Go durations. gwb refused -vv (exit 2).
let demo: DemoServer;
let address = '';

beforeAll(async () => {
  demo = await startDemoServer({});
  address = `127.0.0.1:${demo.port}`;
});

afterAll(async () => {
  await demo.close();
});

const DURATION = String.raw`\d+(\.\d+)?(ns|µs|ms|s)`;

describe('-vv', () => {
  it('a call: -v output, the response size, then timing of Dial and InvokeRPC', async () => {
    const run = await gwb([
      '-plaintext',
      '-vv',
      '-d',
      '{"id":"1"}',
      address,
      'example.UserService/GetUser',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\nResolved method descriptor:\n');
    // grpcurl prints 19 for this User: its encoded size.
    expect(run.stdout).toContain(
      '\nEstimated response size: 19 bytes\n\nResponse contents:\n{\n  "id": "1",',
    );
    const timing = new RegExp(
      String.raw`Sent 1 request and received 1 response\nTiming Data: ${DURATION}\n` +
        String.raw`  Dial: ${DURATION}\n    BlockingDial: ${DURATION}\n  InvokeRPC: ${DURATION}\n$`,
    );
    expect(run.stdout).toMatch(timing);
  });

  it('list over reflection: the services, then Dial', async () => {
    const run = await gwb(['-plaintext', '-vv', address, 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        String.raw`^example\.BatchService\n[^]*grpc\.health\.v1\.Health\n` +
          String.raw`Timing Data: ${DURATION}\n  Dial: ${DURATION}\n    BlockingDial: ${DURATION}\n$`,
      ),
    );
  });

  it('list from files: no dial, the root alone', async () => {
    const run = await gwb([
      '-vv',
      '-import-path',
      resourcePath('protos'),
      '-proto',
      'example.proto',
      'list',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(String.raw`\nexample\.UserService\nTiming Data: ${DURATION}\n$`),
    );
  });

  it('a call that ends non-OK: no timing (grpcurl exits before printing it)', async () => {
    const run = await gwb([
      '-plaintext',
      '-vv',
      '-d',
      '{"id":"999"}',
      address,
      'example.UserService/GetUser',
    ]);
    expect(run.code).toBe(64 + 5);
    expect(run.stdout).toContain('Sent 1 request and received 0 responses\n');
    expect(run.stdout).not.toContain('Timing Data');
  });

  it('-v alone prints neither the size nor timing', async () => {
    const run = await gwb([
      '-plaintext',
      '-v',
      '-d',
      '{"id":"1"}',
      address,
      'example.UserService/GetUser',
    ]);
    expect(run.stdout).not.toContain('Estimated response size');
    expect(run.stdout).not.toContain('Timing Data');
  });
});

describe('goDuration prints as Go prints a time.Duration', () => {
  it.each([
    [0, '0s'],
    [0.000999, '999ns'],
    [0.0015, '1.5µs'],
    [59.075223, '59.075223ms'],
    [1, '1ms'],
    [1500, '1.5s'],
    [61_000, '1m1s'],
    [3_723_500, '1h2m3.5s'],
  ])('%s ms is %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});
