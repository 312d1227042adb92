// gwb load end to end, in process, against an in-process grpc-js server (main/load's testkit).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';
import { LOAD_PROTO, startLoadServer, type LoadServer } from '../../main/load/load.testkit.js';
import type { LoadReport } from '../../main/load/report-types.js';

let server: LoadServer;
beforeAll(async () => {
  server = await startLoadServer();
});
afterAll(() => server.close());

const call = (): string[] => [
  '-plaintext',
  '-proto',
  LOAD_PROTO,
  '-d',
  '{"text":"hi"}',
  server.target,
  'loadtest.Load/Unary',
];

it('-h documents the command', async () => {
  const run = await gwb(['load', '-h']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Usage: gwb load');
  expect(run.stdout).toContain('coordinated-omission');
  expect(run.stdout).toContain('--threshold EXPR');
});

it('a threshold that does not parse is a usage error naming the position', async () => {
  const run = await gwb(['load', ...call(), '--total', '5', '--threshold', 'p99 < 50xs']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`--threshold 'p99 < 50xs': at position 9: unknown unit "xs"`);
  const metric = await gwb(['load', ...call(), '--threshold', 'p98 < 5ms']);
  expect(metric.code).toBe(2);
  expect(metric.stderr).toContain('at position 1: unknown metric "p98"');
  const op = await gwb(['load', ...call(), '--threshold', 'p99 = 5ms']);
  expect(op.code).toBe(2);
  expect(op.stderr).toContain('at position 5: expected <, <=, > or >= after p99');
});

it(
  'runs a grpcurl-style call and reports JSON; passing thresholds exit 0',
  { timeout: 60_000 },
  async () => {
    const before = server.unaryCalls();
    const run = await gwb([
      'load',
      ...call(),
      '--total',
      '200',
      '--concurrency',
      '4',
      '--workers',
      '2',
      '--reporter',
      'json',
      '--threshold',
      'errors < 0.1%',
      '--threshold',
      'p99 < 10s',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as LoadReport;
    expect(report).toMatchObject({ sent: 200, ok: 200, errors: 0, workers: 2 });
    expect(report.thresholds.map((t) => t.passed)).toEqual([true, true]);
    // The first call, made through the engine, is not counted.
    expect(server.unaryCalls() - before).toBe(201);
  },
);

it(
  'a failing threshold exits 1; junit shows it as a failed assertion',
  { timeout: 60_000 },
  async () => {
    const run = await gwb([
      'load',
      ...call(),
      '--total',
      '20',
      '--workers',
      '1',
      '--reporter',
      'junit',
      '--threshold',
      'p50 < 1us',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<testsuites name="gwb" tests="1" failures="1"');
    expect(run.stdout).toContain('p50 &lt; 1us');
  },
);

it('the cli report adds up and names each status with a sample', { timeout: 60_000 }, async () => {
  const run = await gwb([
    'load',
    '-plaintext',
    '-proto',
    LOAD_PROTO,
    '-d',
    '{"text":"fail"}',
    server.target,
    'loadtest.Load/Unary',
    '--total',
    '30',
    '--workers',
    '1',
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('30 sent = 0 OK + 30 errors');
  expect(run.stdout).toMatch(/InvalidArgument\s+30 {2}e\.g\. told to fail/);
});
