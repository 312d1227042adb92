// Valid-looking inputs for every runner command, for the router fuzz test to corrupt.
export function runnerBases(): Record<
  'runner.start' | 'runner.wait' | 'runner.cancel',
  Record<string, unknown>
> {
  return {
    'runner.start': {
      target: 'demo/users',
      environment: 'local',
      filter: 'get*',
      bail: true,
      iterations: 2,
      data: [{ userId: '1' }],
      snapshots: 'compare',
      snapshotIgnore: ['headers.x-request-id'],
      callFlags: ['-plaintext'],
    },
    'runner.wait': { runId: 'run-none' },
    'runner.cancel': { runId: 'run-none' },
  };
}
