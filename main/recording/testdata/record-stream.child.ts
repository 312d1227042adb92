// Child process for the kill -9 test: records an endless server stream until it is killed.
// argv: target, output file. Prints "received N" every 100 messages.
import type { CallEvent } from '../../../shared/calls/events.js';
import { exampleSchema, plainClient, recordCall } from '../recording.testkit.js';

const [target, out] = process.argv.slice(2) as [string, string];
const client = plainClient(target);
let received = 0;
const log = (event: CallEvent): void => {
  if (event.type === 'received' && ++received % 100 === 0)
    process.stdout.write(`received ${received}\n`);
};
void recordCall({
  client,
  schema: exampleSchema(),
  method: '/example.LogService/Tail',
  target,
  requests: [{ source: 'crash', lines: 0, intervalMs: 1 }],
  out,
  observe: log,
});
