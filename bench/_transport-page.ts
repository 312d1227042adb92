// The headless page of `bench/transport.ts`: the renderer's real WebSocket transport, measuring
// what a renderer sees. Bundled for the browser by the bench itself.
import { createWebSocketTransport } from '../renderer/transport/websocket.js';
import { newRequest, plaintextConnection } from '../shared/request/index.js';

export interface TransportBench {
  roundTrips(count: number): Promise<number[]>;
  stream(opts: {
    target: string;
    protoFile: string;
    count: number;
  }): Promise<{ received: number; ms: number; batches: number }>;
}

const transport = createWebSocketTransport();

const bench: TransportBench = {
  async roundTrips(count) {
    for (let i = 0; i < 200; i++) await transport.invoke('host.capabilities', {});
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await transport.invoke('host.capabilities', {});
      times.push(performance.now() - t0);
    }
    return times;
  },
  async stream({ target, protoFile, count }) {
    const { schemaId } = await transport.invoke('schema.loadProtoFiles', { files: [protoFile] });
    let received = 0;
    let batches = 0;
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve));
    const off = transport.subscribe('call.events', ({ events }) => {
      batches++;
      for (const e of events) {
        if (e.type === 'received') received++;
        else if (e.type === 'ended') ended();
      }
    });
    const t0 = performance.now();
    const { callId } = await transport.invoke('call.start', {
      schemaId,
      request: {
        ...newRequest(plaintextConnection(target), '/bench.Bench/Stream'),
        messages: [{ count, size: 50 }],
      },
      // The transport is measured here; recording's own cost is bench:recording's subject.
      record: false,
    });
    await done;
    const ms = performance.now() - t0;
    off();
    await transport.invoke('call.release', { callId });
    return { received, ms, batches };
  },
};

(globalThis as { gwbBench?: TransportBench }).gwbBench = bench;
