// The protocol a recording's call went over, from its started event (which names it; a gRPC call's
// names none): a replay with no connection of its own goes over the same protocol.
import type { Protocol } from '../../../shared/request/connection.js';
import { protocolFromName } from '../../transports/protocol-names.js';
import { eventBatches } from '../reader/index.js';

export async function recordedProtocol(file: string): Promise<Protocol | undefined> {
  for await (const batch of eventBatches(file)) {
    const first = batch.events[0]?.event;
    if (first === undefined) continue;
    return first.type === 'started' ? protocolFromName(first.protocol) : undefined;
  }
  return undefined;
}
