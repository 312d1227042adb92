// Test helpers: the workspace engine behind the real router (validation at the boundary, error
// mapping), every emitted event recorded, and a way to wait for one without sleeping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommandError,
  commands,
  type EventPayload,
  type EventTopic,
  type Handlers,
  type Input,
  type Output,
} from '../../shared/contract/index.js';
import { createRouter, type Router } from '../router/index.js';
import type { LoadedSchema } from '../schema/index.js';
import {
  createWorkspaceEngine,
  type WorkspaceCommandName,
  type WorkspaceEngine,
  type WorkspaceEngineDeps,
} from './workspace.js';

export interface RecordedEvent {
  topic: EventTopic;
  payload: unknown;
}

export interface WorkspaceKit {
  engine: WorkspaceEngine;
  router: Router;
  baseDir: string;
  dataDir: string;
  events: RecordedEvent[];
  /** Schemas `workspace.staleRequests` can name, by id. */
  schemas: Map<string, LoadedSchema>;
  call<N extends WorkspaceCommandName>(name: N, input: Input<N>): Promise<Output<N>>;
  /** The first matching event at index `from` or later (default: any recorded so far, or to come). */
  waitForEvent<T extends EventTopic>(
    topic: T,
    match: (payload: EventPayload<T>) => boolean,
    opts?: { timeoutMs?: number; from?: number },
  ): Promise<EventPayload<T>>;
  close(): void;
}

export function startWorkspaceKit(
  extra: Partial<Omit<WorkspaceEngineDeps, 'dataDir' | 'emit' | 'schemas'>> = {},
): WorkspaceKit {
  const baseDir = mkdtempSync(join(tmpdir(), 'gwb-ws-engine-'));
  const dataDir = join(baseDir, 'data');
  const events: RecordedEvent[] = [];
  const waiters = new Set<(e: RecordedEvent) => void>();
  const schemas = new Map<string, LoadedSchema>();
  const engine = createWorkspaceEngine({
    dataDir,
    emit: (topic, payload) => {
      const e = { topic, payload };
      events.push(e);
      for (const w of [...waiters]) w(e);
    },
    schemas: {
      get(schemaId) {
        const schema = schemas.get(schemaId);
        if (!schema) throw new CommandError('not_found', `no loaded schema with id ${schemaId}`);
        return schema;
      },
    },
    ...extra,
  });
  // Only the workspace commands are served; the router validates and maps errors as in the app.
  const router = createRouter(engine.handlers as unknown as Handlers);
  return {
    engine,
    router,
    baseDir,
    dataDir,
    events,
    schemas,
    async call(name, input) {
      const reply = await router.invoke(name, input);
      if (reply.t === 'error')
        throw Object.assign(new Error(`${name}: ${reply.code}: ${reply.message}`), { reply });
      return commands[name].output.parse(reply.output) as Output<typeof name>;
    },
    waitForEvent(topic, match, { timeoutMs = 10_000, from = 0 } = {}) {
      return new Promise((resolve, reject) => {
        for (const e of events.slice(from))
          if (e.topic === topic && match(e.payload as never)) return resolve(e.payload as never);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${topic} event matched within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (e: RecordedEvent): void => {
          if (e.topic !== topic || !match(e.payload as never)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(e.payload as never);
        };
        waiters.add(waiter);
      });
    },
    close() {
      engine.close();
      rmSync(baseDir, { recursive: true, force: true });
    },
  };
}

/** The `workspace.changed` payloads recorded so far (optionally of one origin). */
export function changesOf(
  events: readonly RecordedEvent[],
  origin?: 'app' | 'outside',
): EventPayload<'workspace.changed'>['changes'] {
  return events
    .filter((e) => e.topic === 'workspace.changed')
    .map((e) => e.payload as EventPayload<'workspace.changed'>)
    .filter((p) => origin === undefined || p.origin === origin)
    .flatMap((p) => p.changes);
}
