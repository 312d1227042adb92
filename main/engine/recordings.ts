// The recording commands over main/recording: browse, export/import, replay and diff, mock. Live
// calls are recorded by the observer of recordings-recorder.ts; files live in the recordings
// folder (one subfolder per method) and are named by their path relative to it.

import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CommandError } from '../../shared/contract/errors.js';
import type { Emit, Handlers, Output } from '../../shared/contract/index.js';
import type { JsonValue } from '../../shared/calls/events.js';
import type { recordingCommands } from '../../shared/contract/recording-commands.js';
import { packedRecordingId } from '../../shared/recording/recording-id.js';
import { toChannelConfig, type ChannelPool } from '../channels/index.js';
import { sentEntries } from '../metadata/index.js';
import {
  diffRecordings,
  exportRecording,
  findInRecording,
  formatDiffSummary,
  importRecording,
  readHeader,
  readWindowAt,
  replayConnection,
  replayRecording,
  type DiffSummary,
} from '../recording/index.js';
import { recordedProtocol } from '../recording/replay/recorded-protocol.js';
import type { CallObserverFactory } from './call-observer.js';
import { restoreSecrets } from '../calls/index.js';
import {
  prepareConnection,
  recordedSecrets,
  refuseDerivedSecrets,
  type PrepareCall,
} from './prepare-call.js';
import { createCallRecording } from './recordings-recorder.js';
import { createMockRegistry } from './recordings-mocks.js';
import { createRecordingsStore } from './recordings-store.js';

export type RecordingCommandName = keyof typeof recordingCommands;
export type RecordingHandlers = { [N in RecordingCommandName]: Handlers[N] };

/** Bigger exports are not pushed through the window; the file is on disk for the CLI. */
export const MAX_EXPORT_BYTES = 32 << 20;

export interface RecordingsEngineDeps {
  /** The recordings folder. */
  dir: string;
  pool: ChannelPool;
  /** Substitutes variables in a replay's connection and metadata (the workspace's prepareCall). */
  prepareCall: PrepareCall;
  /** Carries `mock.calls`: which recording answered each call a mock served. */
  emit: Emit;
}

export interface RecordingsEngine {
  handlers: RecordingHandlers;
  /** Records the calls that should be (their `record` choice, else streaming kinds). */
  recorder: CallObserverFactory;
  close(): Promise<void>;
}

/** A message bigger than this (as JSON) is not sent to the window for the side-by-side view. */
export const MAX_DIFF_BODY = 256 * 1024;

function diffBodies(m: DiffSummary['messages'][number]): {
  a?: JsonValue;
  b?: JsonValue;
  tooLarge?: number;
} {
  const size = Math.max(
    m.a === undefined ? 0 : JSON.stringify(m.a).length,
    m.b === undefined ? 0 : JSON.stringify(m.b).length,
  );
  if (size > MAX_DIFF_BODY) return { tooLarge: size };
  return { ...(m.a !== undefined ? { a: m.a } : {}), ...(m.b !== undefined ? { b: m.b } : {}) };
}

function diffView(
  s: DiffSummary,
  a: string,
  b: string,
  messagesFrom = 0,
): Output<'recording.diff'>['diff'] {
  const total = (c: DiffSummary['client']): number => c.differing + c.missing + c.extra;
  return {
    method: s.method,
    client: s.client,
    server: s.server,
    headers: s.headers,
    trailers: s.trailers,
    status: s.status,
    messages: s.messages.map((m) => ({
      side: m.side,
      index: m.index,
      kind: m.kind,
      fields: m.fields,
      ...diffBodies(m),
    })),
    messagesFrom,
    messagesTotal: total(s.client) + total(s.server),
    identical: s.identical,
    unmatchedIgnore: s.unmatchedIgnore,
    text: formatDiffSummary({ ...s, a, b }),
  };
}

/** Every command first waits for ended calls' files to be closed, so a listing right after a call sees it whole. */
function afterSettled(
  handlers: RecordingHandlers,
  settled: () => Promise<void>,
): RecordingHandlers {
  const out: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: never) => unknown][]) {
    out[name] = async (input) => {
      await settled();
      return handler(input);
    };
  }
  return out as unknown as RecordingHandlers;
}

const normalizeMethod = (m: string): string => (m.startsWith('/') ? m : `/${m}`);

export function createRecordingsEngine(deps: RecordingsEngineDeps): RecordingsEngine {
  const store = createRecordingsStore(deps.dir);
  // Closing the engine cancels the replays still running (gwb replay's Ctrl-C closes it) and waits
  // for them, so their new recordings are closed files when close returns.
  const closing = new AbortController();
  const replaying = new Set<Promise<unknown>>();
  const recording = createCallRecording(store);
  const mocks = createMockRegistry((payload) => deps.emit('mock.calls', payload));
  // The find running in each group (a viewer): a newer one stops it.
  const finds = new Map<string, AbortController>();

  const existing = (id: string): string => store.existing(id);

  /** Every recording of the folder (each of a file of several), and the files that cannot be read. */
  function allRecordings(): { recordings: string[]; errors: Output<'recording.list'>['errors'] } {
    const recordings: string[] = [];
    const errors: Output<'recording.list'>['errors'] = [];
    for (const file of store.files()) {
      try {
        recordings.push(...store.recordingsOf(file));
      } catch (error) {
        errors.push({ id: store.idOf(file), error: (error as Error).message });
      }
    }
    return { recordings, errors };
  }

  async function filesOfMethod(method: string): Promise<string[]> {
    const wanted = normalizeMethod(method);
    const out: string[] = [];
    for (const file of allRecordings().recordings) {
      try {
        if ((await readHeader(file)).method === wanted) out.push(file);
      } catch {
        // unreadable files are listed with their error by recording.list
      }
    }
    return out;
  }

  const handlers: RecordingHandlers = {
    'recording.list': async (input) => {
      const recordings: Output<'recording.list'>['recordings'] = [];
      const all = allRecordings();
      const errors = all.errors;
      const wanted = input.method !== undefined ? normalizeMethod(input.method) : undefined;
      for (const file of all.recordings) {
        try {
          const summary = await store.summary(file);
          if (wanted === undefined || summary.method === wanted) recordings.push(summary);
        } catch (error) {
          errors.push({ id: store.idOf(file), error: (error as Error).message });
        }
      }
      return { dir: store.dir, recordings, errors };
    },
    'recording.read': async (input) => {
      const file = existing(input.id);
      const index = await store.index(file);
      const { events: page, before } = await readWindowAt(index, {
        ...(input.fromSeq !== undefined ? { seq: input.fromSeq } : { t: input.fromT ?? 0 }),
        limit: input.limit + 1,
      });
      const next = page[input.limit];
      // The base64 of each message is for replay and mock; the viewer has the decoded message.
      const events = page.slice(0, input.limit).map(({ dir: _dir, ...event }) => {
        if ((event.type === 'sent' || event.type === 'received') && event.raw !== undefined) {
          const { raw: _raw, ...rest } = event;
          return rest;
        }
        return event;
      });
      return {
        recording: await store.summary(file),
        events,
        nextSeq: next ? next.seq : null,
        before,
      };
    },
    'recording.find': async (input) => {
      const file = existing(input.id);
      const controller = new AbortController();
      if (input.group !== undefined) {
        finds.get(input.group)?.abort();
        finds.set(input.group, controller);
      }
      try {
        const found = await findInRecording(file, { ...input, signal: controller.signal });
        return { ...found, hits: found.hits.map(({ line: _line, ...hit }) => hit) };
      } finally {
        if (input.group !== undefined && finds.get(input.group) === controller)
          finds.delete(input.group);
      }
    },
    'recording.export': async (input) => {
      const file = existing(input.id);
      const packed = packedRecordingId(input.id);
      const size = (await store.summary(file)).sizeBytes;
      if (size > MAX_EXPORT_BYTES)
        throw new CommandError(
          'invalid_input',
          `recording ${input.id} is ${(size / (1 << 20)).toFixed(1)} MiB, more than the ${MAX_EXPORT_BYTES >> 20} MiB the window takes: copy ${file} or use \`gwb\` on it`,
          { id: input.id, size },
        );
      const base = packed
        ? `${path.basename(packed.file, '.recordings')}-${packed.n}`
        : path.basename(file, '.ndjson');
      const method = (await readHeader(file)).method.replace(/^\//, '').replace(/\//g, '.');
      const fileName = `${method}-${base}.${input.format === 'json' ? 'json' : 'ndjson'}`;
      if (input.format === 'ndjson' && !packed) {
        return { fileName, text: readFileSync(file, 'utf8') };
      }
      // One recording of a file of several is taken out (and read through) by main/recording.
      const tmp = path.join(store.dir, `.export-${randomUUID()}.${input.format}`);
      try {
        await exportRecording(file, tmp, input.format);
        return { fileName, text: readFileSync(tmp, 'utf8') };
      } finally {
        try {
          unlinkSync(tmp);
        } catch {
          // never written
        }
      }
    },
    'recording.import': async (input) => {
      const src = path.join(store.dir, `.import-${randomUUID()}.txt`);
      const checked = path.join(store.dir, `.import-${randomUUID()}.ndjson`);
      mkdirSync(store.dir, { recursive: true, mode: 0o700 });
      writeFileSync(src, input.text, { mode: 0o600 });
      try {
        const header = await importRecording(src, checked).catch((error: unknown) => {
          if (error instanceof Error && error.name === 'RecordingError')
            throw new CommandError(
              'invalid_input',
              `the imported file: ${error.message.replace(src, 'import').replace(checked, 'import')}`,
            );
          throw error;
        });
        const dest = store.newFile(header.method, '-imported');
        renameSync(checked, dest);
        return { recording: await store.summary(dest) };
      } finally {
        for (const f of [src, checked])
          try {
            unlinkSync(f);
          } catch {
            // already moved or never written
          }
      }
    },
    'recording.delete': (input) => {
      const file = existing(input.id);
      const packed = packedRecordingId(input.id);
      // Taking one out would rewrite the file under the proxy appending to it.
      if (packed)
        throw new CommandError(
          'invalid_input',
          `recording ${input.id} is one of the recordings of ${packed.file} (gwb proxy writes short calls together): it cannot be deleted alone; delete ${packed.file} from the recordings folder to delete them all`,
          { id: input.id },
        );
      unlinkSync(file);
      store.forget(file);
      return { ok: true as const };
    },
    'recording.replay': async (input) => {
      const file = existing(input.id);
      const header = await readHeader(file);
      // Variables in the connection (a tab's `{{host}}`) and the rows are substituted as a call's.
      const prepared = await prepareConnection(
        deps.prepareCall,
        replayConnection(
          header,
          input.connection,
          input.connection ? undefined : await recordedProtocol(file),
        ),
        input.metadata,
      );
      if (input.metadata === undefined) refuseDerivedSecrets(header.metadata);
      // Values the recording masked come from the environment again (refused if it has none).
      const recorded = await recordedSecrets(
        deps.prepareCall,
        prepared.connection,
        header.secrets ?? [],
      );
      const config = toChannelConfig(prepared.connection, { baseDir: prepared.baseDir });
      const metadata =
        input.metadata !== undefined
          ? sentEntries(prepared.metadata)
          : recorded.size > 0
            ? header.metadata.map((e) => ({ key: e.key, value: restoreSecrets(e.value, recorded) }))
            : undefined;
      const out = store.newFile(header.method, '-replay');
      const lease = deps.pool.lease(config);
      const replay = replayRecording({
        recording: file,
        client: lease.client,
        target: config.target,
        out,
        speed: input.speed,
        ...(metadata !== undefined ? { metadata } : {}),
        secrets: new Map([...recorded, ...prepared.secrets]),
        ...(prepared.connection.protocol
          ? { protocol: { protocol: prepared.connection.protocol, config } }
          : {}),
        signal: closing.signal,
      });
      replaying.add(replay);
      try {
        await replay;
      } finally {
        replaying.delete(replay);
        lease.release();
      }
      const summary = await diffRecordings(file, out, { ignore: input.ignore });
      return {
        recording: await store.summary(out),
        diff: diffView(summary, input.id, store.idOf(out)),
      };
    },
    'recording.diff': async (input) => {
      const summary = await diffRecordings(existing(input.a), existing(input.b), {
        ignore: input.ignore,
        skipReported: input.messagesFrom,
        maxReported: input.messagesLimit,
      });
      return { diff: diffView(summary, input.a, input.b, input.messagesFrom) };
    },
    'mock.start': async (input) => {
      let files: string[];
      if (input.recordingIds !== undefined) files = input.recordingIds.map(existing);
      else if (input.method !== undefined) files = await filesOfMethod(input.method);
      else
        throw new CommandError('invalid_input', 'mock.start: name recordingIds or a method', {
          path: 'recordingIds',
        });
      if (files.length === 0)
        throw new CommandError(
          'not_found',
          `no recordings of ${input.method ?? 'these ids'} to serve`,
        );
      return mocks.start(files, files.map(store.idOf), input.port);
    },
    'mock.stop': async (input) => {
      await mocks.stop(input.mockId);
      return { ok: true as const };
    },
    'mock.list': () => ({ mocks: mocks.list() }),
  };

  return {
    handlers: afterSettled(handlers, () => recording.settled()),
    recorder: recording.observer,
    async close() {
      closing.abort();
      await Promise.allSettled(replaying);
      await recording.close();
      await mocks.close();
    },
  };
}
