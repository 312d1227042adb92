// Valid-looking inputs for every capture command, for the router fuzz test to corrupt.
export function captureBases(): Record<
  'capture.start' | 'capture.stop' | 'capture.list',
  Record<string, unknown>
> {
  return {
    'capture.start': {
      port: 0,
      target: { address: '127.0.0.1:1', security: { kind: 'plaintext' } },
      tls: { certFile: 'cert.pem', keyFile: 'key.pem' },
    },
    'capture.stop': { captureId: 'capture-none' },
    'capture.list': {},
  };
}
