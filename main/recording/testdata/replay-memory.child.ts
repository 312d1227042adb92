// Child process for the memory test: writes a big Chat recording, replays it against the target at
// max speed and diffs the two, then prints its peak RSS (only this process: the server is elsewhere).
import '../../platform/native-base64.js';
import path from 'node:path';
import { diffRecordings } from '../diff/index.js';
import { replayRecording } from '../replay/replay-recording.js';
import { plainClient } from '../recording.testkit.js';
import { writeSyntheticChat } from './synthetic.js';
import { peakRssMb } from '../../platform/peak-rss.js';

const [target, dir, pairsText] = process.argv.slice(2) as [string, string, string];
const pairs = Number(pairsText);
const source = path.join(dir, 'big.ndjson');
const out = path.join(dir, 'big.replay.ndjson');
const t0 = Date.now();
await writeSyntheticChat(source, pairs);
const t1 = Date.now();
const afterWrite = peakRssMb();
const client = plainClient(target);
const result = await replayRecording({ recording: source, client, target, out, speed: 'max' });
const t2 = Date.now();
const afterReplay = peakRssMb();
const summary = await diffRecordings(source, out);
const t3 = Date.now();
client.close();
process.stdout.write(
  `${JSON.stringify({
    maxRssMb: peakRssMb(),
    afterWriteMb: afterWrite,
    afterReplayMb: afterReplay,
    status: result.status.codeName,
    sent: result.sent,
    received: result.received,
    identical: summary.identical,
    other: [...summary.headers, ...summary.trailers, ...summary.status],
    client: summary.client,
    server: summary.server,
    writeMs: t1 - t0,
    replayMs: t2 - t1,
    diffMs: t3 - t2,
  })}\n`,
);
