// The workbench's mock refuses a chosen recording that has no schema (review30-a MUST-2): its
// view has no word for a recording left out, so serving the others would show that one as served
// while its method answers UNIMPLEMENTED. Only `gwb mock FILE-or-FOLDER` leaves such recordings
// out, and says so on stderr (main/recording/mock/mock-schemaless.test.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeSyntheticChat } from '../recording/testdata/synthetic.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

let kit: EngineKit;
beforeAll(() => {
  kit = startEngineKit();
});
afterAll(async () => kit?.close());

it('mock.start of a recording with no schema beside one with a schema is refused, naming it', async () => {
  const folder = join(kit.dataDir, 'recordings', 'x');
  mkdirSync(folder, { recursive: true });
  await writeSyntheticChat(join(folder, 'good.ndjson'), 2);
  const lines = readFileSync(join(folder, 'good.ndjson'), 'utf8').split('\n');
  const header = JSON.parse(lines[0] as string) as Record<string, unknown>;
  // Another method with no schema, as gwb proxy records a method it has none for.
  lines[0] = JSON.stringify({ ...header, method: '/other.Svc/Do', files: [] });
  const bare = join(folder, 'bare.ndjson');
  writeFileSync(bare, lines.join('\n'));
  const reply = await kit.router.invoke('mock.start', {
    recordingIds: ['x/good.ndjson', 'x/bare.ndjson'],
  });
  if (reply.t === 'result')
    await kit.call('mock.stop', { mockId: (reply.output as { mockId: string }).mockId });
  expect(reply).toMatchObject({ t: 'error', code: 'unavailable' });
  expect(reply.t === 'error' && reply.message).toContain(
    `the mock server did not start: ${bare}:1: the schema in the header cannot be used`,
  );
  expect(await kit.call('mock.list', {})).toEqual({ mocks: [] });
});
