// A capture proxy in a process of its own, for the kill -9 tests: `proxy.child.ts TARGET_PORT DIR
// [pack]` prints where it reads its calls (`PATH thread`) and `PORT n` once it listens, then
// `CALL <recording>` as each call's recording is closed, and serves until killed. With `pack`,
// short calls' recordings go into files of several (as gwb proxy records).
import { exampleSchema } from '../../../recording/recording.testkit.js';
import { startCaptureProxy } from '../../capture-proxy.js';

const [targetPort, dir, pack] = process.argv.slice(2);
const schema = exampleSchema();
const proxy = await startCaptureProxy({
  host: '127.0.0.1',
  port: 0,
  target: { target: `127.0.0.1:${targetPort}`, security: { kind: 'plaintext' } },
  recordDir: dir,
  packRecordings: pack === 'pack',
  onCall: (call) => console.log(`CALL ${call.file ?? ''}`),
  schema: { registry: schema.registry, source: 'example.proto' },
  // The thread, asked for by name: the test is of what the thread puts on disk.
  captureThread: true,
  onError: (error) => console.error(`proxy: ${error.message}`),
});
console.log(`PATH ${proxy.capturePath}`);
console.log(`PORT ${proxy.port}`);
