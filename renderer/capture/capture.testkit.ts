// What the capture slice's tests get from a scripted engine: a running capture's view (as
// capture.start answers) and a captured call (as capture.calls lists it).
import type { Output } from '../../shared/contract/types.js';
import type { CapturedCall } from './capturedCalls.js';

export function captureView(captureId = 'capture-1'): Output<'capture.start'> {
  return {
    captureId,
    listen: '127.0.0.1:5000',
    port: 5000,
    target: '127.0.0.1:50051',
    connection: { address: '127.0.0.1:50051', security: { kind: 'plaintext' } },
    tls: false,
    folder: `captured/${captureId}`,
    schema: 'server reflection',
  };
}

/** A GetUser call through the capture, answered. */
export function capturedCall(id: string): CapturedCall {
  return {
    id,
    method: '/example.UserService/GetUser',
    startedAt: 0,
    sent: 1,
    received: 1,
    durationMs: 1,
    done: true,
  };
}
