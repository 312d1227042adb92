// Carries the contract over one WebSocket per page: call envelopes in, replies and events out.

import type { WebSocket } from 'ws';
import type { Router } from '../../main/router/index.js';

export function serveSocket(socket: WebSocket, router: Router): void {
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.send(
        JSON.stringify({
          t: 'error',
          id: null,
          code: 'invalid_input',
          message: 'expected a text frame with JSON',
        }),
      );
      return;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(data.toString());
    } catch {
      socket.send(
        JSON.stringify({
          t: 'error',
          id: null,
          code: 'invalid_input',
          message: 'the message is not valid JSON',
        }),
      );
      return;
    }
    void router.dispatch(envelope).then((reply) => {
      if (socket.readyState === socket.OPEN) socket.send(safeStringify(reply));
    });
  });
}

/** A reply that cannot be serialised (a BigInt slipped through) must still answer the caller. */
function safeStringify(reply: { t: string; id: unknown }): string {
  try {
    return JSON.stringify(reply);
  } catch (error) {
    return JSON.stringify({
      t: 'error',
      id: reply.id,
      code: 'internal',
      message: `reply not serialisable: ${String(error)}`,
    });
  }
}
