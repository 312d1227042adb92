// Valid-looking inputs for every load command, for the router fuzz test to corrupt. The request
// is not in the fuzz test's workspace: a load.start that passes validation is refused (no such request).
export function loadBases(): Record<
  'load.start' | 'load.cancel' | 'load.reports' | 'load.report',
  Record<string, unknown>
> {
  return {
    'load.start': {
      path: 'demo/none',
      environment: 'local',
      settings: {
        concurrency: 2,
        rps: '10:20:1s',
        duration: '1s',
        warmup: '100ms',
        connections: 1,
        streamMessages: 2,
        thresholds: ['p99 < 50ms'],
        workers: 1,
      },
    },
    'load.cancel': { loadId: 'load-none' },
    'load.reports': { path: 'demo/none' },
    'load.report': { path: 'demo/none', name: '2026-01-01T00-00-00' },
  };
}
