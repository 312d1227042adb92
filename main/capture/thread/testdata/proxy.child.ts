// A capture proxy in a process of its own, for the kill -9 test: `proxy.child.ts TARGET_PORT DIR`
// prints where it reads its calls (`PATH thread`) and `PORT n` once it listens, then serves until
// killed.
import { exampleSchema } from '../../../recording/recording.testkit.js';
import { startCaptureProxy } from '../../capture-proxy.js';

const [targetPort, dir] = process.argv.slice(2);
const schema = exampleSchema();
const proxy = await startCaptureProxy({
  host: '127.0.0.1',
  port: 0,
  target: { target: `127.0.0.1:${targetPort}`, security: { kind: 'plaintext' } },
  recordDir: dir,
  schema: { registry: schema.registry, source: 'example.proto' },
  // The thread, asked for by name: the test is of what the thread puts on disk.
  captureThread: true,
  onError: (error) => console.error(`proxy: ${error.message}`),
});
console.log(`PATH ${proxy.capturePath}`);
console.log(`PORT ${proxy.port}`);
